"""When an inspector arrived at a stop and left it (issue 17 §3): pressed again updates, leaving
needs an arrival before it, only on the inspection's day, and taps kept offline are bounded as a
result's entry time is."""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, strategies as st

from domain.outcomes import Accepted, Rejected
from domain.result_timing import CLOCK_SKEW
from domain.site_visits import (
    ARRIVED, LEFT, MOST_TAPS, Tap, Visit, recorder_refusal, sent_taps, tap_time, tapped, visit_line
)

LA = ZoneInfo("America/Los_Angeles")
WEDNESDAY = date(2026, 12, 2)
AT_942 = datetime(2026, 12, 2, 9, 42, tzinfo=LA)
AT_1005 = datetime(2026, 12, 2, 10, 5, tzinfo=LA)


def tap(visit: Visit, event: str, at: datetime, status: str = "Scheduled"):
    return tapped(visit, event, at, WEDNESDAY, status, LA)


def test_arrived_then_left_reads_as_the_stop_shows_it():
    arrived = tap(Visit(), ARRIVED, AT_942)
    left = tap(arrived.value, LEFT, AT_1005)
    assert left == Accepted(Visit(AT_942, AT_1005))
    assert visit_line(AT_942, AT_1005, LA) == "Arrived 9:42 am · Left 10:05 am"
    assert visit_line(AT_942, None, LA) == "Arrived 9:42 am"
    assert visit_line(None, None, LA) == ""
    afternoon = datetime(2026, 12, 2, 13, 7, tzinfo=LA).astimezone(timezone.utc)
    assert visit_line(afternoon, None, LA) == "Arrived 1:07 pm", "on the city's clock"


def test_leaving_before_arriving_is_refused_with_a_sentence():
    assert tap(Visit(), LEFT, AT_1005) == Rejected({"visit": (
        "Press Arrived when you reach the site: leaving is recorded after arriving.")})
    assert tap(Visit(AT_1005), LEFT, AT_942) == Rejected({"visit": (
        "Left at 9:42 am is before the arrival at 10:05 am, so it was not recorded. Check the "
        "phone's time.")})


def test_pressing_again_updates_and_arriving_after_leaving_starts_the_visit_over():
    later = AT_942 + timedelta(minutes=3)
    assert tap(Visit(AT_942), ARRIVED, later) == Accepted(Visit(later))
    assert tap(Visit(AT_942, AT_1005), LEFT, AT_1005 + timedelta(minutes=1)).value.left_at == (
        AT_1005 + timedelta(minutes=1))
    back = AT_1005 + timedelta(minutes=30)
    assert tap(Visit(AT_942, AT_1005), ARRIVED, back) == Accepted(Visit(back, None))
    # A tap kept offline from before the leaving (sent late) keeps the leaving.
    assert tap(Visit(AT_942, AT_1005), ARRIVED, AT_942 + timedelta(minutes=1)) == Accepted(
        Visit(AT_942 + timedelta(minutes=1), AT_1005))


def test_only_on_the_inspections_day_and_never_for_a_cancelled_one():
    thursday = AT_942 + timedelta(days=1)
    assert tap(Visit(), ARRIVED, thursday).errors["visit"] == (
        "This inspection is on Wednesday 2 December 2026: arrival and leaving times are "
        "recorded on its day.")
    late_evening_utc = datetime(2026, 12, 2, 23, 30, tzinfo=LA).astimezone(timezone.utc)
    assert late_evening_utc.date() == date(2026, 12, 3)
    assert isinstance(tap(Visit(), ARRIVED, late_evening_utc), Accepted), "the city's day"
    assert tap(Visit(), ARRIVED, AT_942, "Cancelled").errors["visit"].startswith(
        "This inspection was cancelled")
    assert isinstance(tapped(Visit(), ARRIVED, AT_942, None, "Scheduled", LA), Rejected)
    assert isinstance(tap(Visit(), "departed", AT_942), Rejected)


def test_only_the_assigned_inspector_or_staff_record_the_times():
    assert recorder_refusal(7, 7, staff=False) is None
    assert recorder_refusal(7, 8, staff=True) is None
    assert recorder_refusal(7, 8, staff=False).startswith("Only the inspector")
    assert recorder_refusal(None, 8, staff=False) is not None


def test_a_tap_kept_offline_keeps_its_phone_time_within_the_bounds_of_result_times():
    received = AT_1005.astimezone(timezone.utc)
    assert tap_time(AT_942.isoformat(), received) == Accepted(AT_942)
    assert tap_time("2026-12-02T17:42:00.000Z", received) == Accepted(
        datetime(2026, 12, 2, 17, 42, tzinfo=timezone.utc))
    slightly_ahead = received + CLOCK_SKEW - timedelta(seconds=1)
    assert tap_time(slightly_ahead.isoformat(), received) == Accepted(received)
    assert "ahead" in tap_time((received + CLOCK_SKEW * 2).isoformat(), received).message
    assert "year" in tap_time("2020-01-01T00:00:00+00:00", received).message
    for unreadable in ("", "yesterday", "2026-12-02T09:42:00", "2026-12-02T09:42" + "0" * 60):
        assert "could not be read" in tap_time(unreadable, received).message


def test_taps_a_phone_sends_are_read_safely():
    sent = ('[{"inspection": 12, "event": "arrived", "at": "2026-12-02T17:42:00Z"},'
            ' {"inspection": "13", "event": "left", "at": "2026-12-02T18:05:00Z"},'
            ' {"inspection": true, "event": "left", "at": "x"}, {"inspection": 0, "event": "left",'
            ' "at": "x"}, {"inspection": 14, "event": "drop table", "at": "x"},'
            ' {"inspection": 15, "event": "left", "at": 5}, "nonsense", 7]')
    assert sent_taps(sent) == [Tap(12, ARRIVED, "2026-12-02T17:42:00Z"),
                               Tap(13, LEFT, "2026-12-02T18:05:00Z")]
    assert sent_taps("") == [] and sent_taps("{") == [] and sent_taps('{"a": 1}') == []
    many = "[" + ",".join('{"inspection": 1, "event": "left", "at": "x"}'
                          for _ in range(1000)) + "]"
    assert len(sent_taps(many)) == MOST_TAPS


@given(st.text(max_size=300))
def test_any_text_sent_as_taps_reads_without_error(text):
    assert len(sent_taps(text)) <= MOST_TAPS


def test_taps_nested_a_thousand_deep_are_no_taps():
    """Second reader: 1,000 nested lists made json.loads raise RecursionError (a 500)."""
    assert sent_taps("[" * 1000 + "]" * 1000) == []
