"""A result is dated truthfully: recorded only from its inspection's day in the city, with the
time it was entered on the device, never later than it reached the server (issue 14 §6)."""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from domain.outcomes import Accepted, Rejected
from domain.result_timing import (
    CLOCK_SKEW, OLDEST, CityTime, clock_problem, clock_text, device_moment, entered_too_early,
    entry_time, not_yet
)

LA = ZoneInfo("America/Los_Angeles")
# Friday 4 December 2026, 4:50 pm in the city: already Saturday in UTC.
RECEIVED = datetime(2026, 12, 4, 16, 50, tzinfo=LA).astimezone(timezone.utc)
FRIDAY, MONDAY = date(2026, 12, 4), date(2026, 12, 7)


def test_a_result_for_a_later_day_is_refused_with_the_day_it_can_be_recorded_from():
    assert not_yet(MONDAY, FRIDAY) == ("This inspection is on Monday 7 December 2026: its result "
                                       "can be recorded from that day.")
    assert not_yet(MONDAY, MONDAY) is None, "on the day itself"
    assert not_yet(FRIDAY, MONDAY) is None, "or any day after"
    assert not_yet(None, FRIDAY) is None, "an inspection without a date is not refused by date"


def test_the_citys_date_decides_not_the_servers_utc_date():
    at = CityTime(RECEIVED, LA)
    assert RECEIVED.date() == date(2026, 12, 5) and at.today == FRIDAY
    assert not_yet(date(2026, 12, 5), at.today) is not None, "Saturday has not come in the city"


def test_the_device_time_is_kept_and_the_receipt_time_stands_in_without_one():
    entered = RECEIVED - timedelta(hours=6)
    assert entry_time(entered.isoformat(), RECEIVED) == Accepted(entered)
    assert entry_time("2026-12-04T18:50:00.000Z", RECEIVED) == Accepted(
        datetime(2026, 12, 4, 18, 50, tzinfo=timezone.utc)), "what the page's script sends"
    assert entry_time("", RECEIVED) == Accepted(RECEIVED), "a form posted without JavaScript"


def test_a_device_time_is_never_later_than_its_receipt():
    ahead = RECEIVED + CLOCK_SKEW - timedelta(seconds=1)
    assert entry_time(ahead.isoformat(), RECEIVED) == Accepted(RECEIVED), "clock skew: receipt"
    far = entry_time((RECEIVED + CLOCK_SKEW + timedelta(seconds=1)).isoformat(), RECEIVED)
    assert isinstance(far, Rejected) and "clock is ahead" in far.errors["result"]


def test_a_device_time_years_back_is_a_wrong_clock_never_an_error():
    for stamp in ("0001-01-01T00:00:00+14:00", "2025-11-01T00:00:00-08:00"):
        refused = entry_time(stamp, RECEIVED)
        assert isinstance(refused, Rejected) and "more than a year ago" in refused.errors[
            "result"], stamp


def test_an_unreadable_or_zoneless_device_time_is_refused_not_guessed():
    for stamp in ("yesterday", "2026-12-04T16:50:00", "2026-12-04", "9" * 5000,
                  "2026-12-04T16:50:00+25:00", "١٠٠٠"):
        refused = entry_time(stamp, RECEIVED)
        assert isinstance(refused, Rejected), stamp
        assert refused.errors == {"result": "The time this result was entered could not be "
                                            "read. Record it again."}


def test_a_result_entered_before_the_inspections_day_is_not_its_result():
    assert entered_too_early(MONDAY, FRIDAY) == (
        "This result was entered on Friday 4 December 2026, before the inspection's day "
        "(Monday 7 December 2026). Check the phone's date and time, and record it on the day "
        "of the inspection.")
    assert entered_too_early(MONDAY, MONDAY) is None
    assert entered_too_early(None, FRIDAY) is None


def test_a_moment_is_written_on_the_citys_wall_clock():
    assert clock_text(RECEIVED, LA) == "Friday 4 December 2026, 4:50 PM PST"


def test_one_reader_of_a_phone_s_stamp_for_results_taps_and_photos():
    """device_moment and clock_problem: the one reading of a stamp and of a phone's clock that
    entry_time, domain.site_visits.tap_time and domain.photos.taken_time share."""
    assert device_moment(" 2026-12-05T00:50:00+00:00 ") == RECEIVED
    for unreadable in ("", "2026-12-05T00:50:00", "yesterday", "2026-12-05T00:50:00Z" + " " * 30
                       + "x"):
        assert device_moment(unreadable) is None, unreadable
    assert clock_problem(RECEIVED + CLOCK_SKEW, RECEIVED) is None
    assert clock_problem(RECEIVED + CLOCK_SKEW + timedelta(seconds=1), RECEIVED) == "ahead"
    assert clock_problem(RECEIVED - OLDEST, RECEIVED) is None
    assert clock_problem(RECEIVED - OLDEST - timedelta(seconds=1), RECEIVED) == "old"
