"""The decisions about photos from the field (issue 17 §1), without a database or an image."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, strategies as st

from domain.outcomes import Accepted, Rejected
from domain.photos import (
    CHOOSE_PHOTOS, EMPTY, FULL, KEY_REUSED, MAX_SENT_BYTES, MOST_AT_ONCE, TOO_LARGE,
    TOO_MANY_AT_ONCE, check_caption, check_sent, decide_photos, declared_too_large, photo_keys,
    taken_time, thumb_size, time_tags, with_caption
)

LA = ZoneInfo("America/Los_Angeles")
RECEIVED = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)  # 10 am in the city


def test_a_caption_is_one_line_of_at_most_200_characters():
    assert check_caption("  Ridge\n\tunderlayment\u200b ") == Accepted("Ridge underlayment")
    assert check_caption("x" * 200) == Accepted("x" * 200)
    assert check_caption("x" * 201) == Rejected(
        {"caption": "Keep the caption to 200 characters; this one has 201."})


def test_a_result_refused_for_its_own_fields_also_says_what_is_wrong_with_the_caption():
    both = with_caption(Rejected({"result": "Choose the result."}), {"caption": "x" * 201})
    assert set(both.errors) == {"result", "caption"}
    fine = Accepted("entry")
    assert with_caption(fine, {"caption": "Vent"}) is fine
    assert isinstance(with_caption(fine, {"caption": "x" * 201}), Rejected)


def test_what_was_sent_is_judged_before_any_photo_is_opened():
    assert check_sent([], required=True) == Rejected({"photos": CHOOSE_PHOTOS})
    assert check_sent([], required=False) is None
    assert check_sent([1] * (MOST_AT_ONCE + 1), True) == Rejected({"photos": TOO_MANY_AT_ONCE})
    assert check_sent([10, MAX_SENT_BYTES + 1], True) == Rejected(
        {"photos": f"Photo 2 of 2: {TOO_LARGE}"})
    assert check_sent([0], True) == Rejected({"photos": EMPTY})
    assert check_sent([MAX_SENT_BYTES], True) is None
    assert declared_too_large(str(MAX_SENT_BYTES + 70_000))
    assert not declared_too_large(str(MAX_SENT_BYTES)) and not declared_too_large("lots")


def test_the_device_s_one_photo_keeps_its_key_and_a_form_s_photos_are_numbered():
    assert photo_keys("7:abc", 1, alone=True) == ["7:abc"]
    assert photo_keys("7:abc", 2, alone=True) == ["7:abc-1", "7:abc-2"]
    assert photo_keys("7:abc", 1, alone=False) == ["7:abc-1"]


def test_a_photo_sent_again_is_not_stored_twice_and_another_under_its_key_is_refused():
    stored = {"7:a": ("print-a", 12)}
    assert decide_photos(12, [("7:a", "print-a"), ("7:b", "print-b")], stored, 1) == \
        Accepted(("7:b",))
    assert decide_photos(12, [("7:a", "print-a")], stored, 40) == Accepted(())
    assert decide_photos(12, [("7:a", "other")], stored, 1) == Rejected({"photos": KEY_REUSED})
    assert decide_photos(13, [("7:a", "print-a")], stored, 1) == Rejected(
        {"photos": KEY_REUSED}), "the same photo's key on another inspection"


def test_an_inspection_keeps_forty_photos():
    asked = [(f"k{n}", "p") for n in range(3)]
    assert decide_photos(1, asked, {}, 37) == Accepted(("k0", "k1", "k2"))
    assert decide_photos(1, asked, {}, 38).errors["photos"] == (
        "This inspection has 38 photos and keeps at most 40: choose at most 2 more.")
    assert decide_photos(1, asked[:1], {}, 40) == Rejected({"photos": FULL})


def test_the_time_taken_is_the_camera_s_then_the_device_s_and_never_an_impossible_one():
    camera = taken_time("2026:11:30 09:41:07", "-08:00", "", RECEIVED, LA)
    assert camera == datetime(2026, 11, 30, 17, 41, 7, tzinfo=timezone.utc)
    assert taken_time("2026:11:30 09:41:07\x00", None, "", RECEIVED, LA) == camera, (
        "without an offset: the city's wall clock")
    device = "2026-12-01T09:55:00-08:00"
    assert taken_time(None, None, device, RECEIVED, LA) == datetime.fromisoformat(device)
    assert taken_time("2099:01:01 00:00:00", "+00:00", device, RECEIVED, LA) == \
        datetime.fromisoformat(device), "a camera's wrong clock falls back to the device's"
    assert taken_time(None, None, "2026-12-01T10:06:00-08:00", RECEIVED, LA) is None
    assert taken_time(None, None, "2026-12-01T09:55:00", RECEIVED, LA) is None, "no offset"
    assert taken_time("1999:01:01 00:00:00", "", "", RECEIVED, LA) is None
    assert taken_time(None, None, "yesterday", RECEIVED, LA) is None


@given(st.text(max_size=60), st.text(max_size=10), st.text(max_size=60))
def test_no_text_in_a_photo_or_its_form_breaks_the_time_taken(original, offset, stamp):
    moment = taken_time(original, offset, stamp, RECEIVED, LA)
    assert moment is None or RECEIVED - timedelta(days=366) <= moment <= RECEIVED + \
        timedelta(minutes=5)


def test_only_a_time_s_own_shape_is_kept_in_the_stored_photo():
    assert time_tags("2026:11:30 09:41:07\x00", "-08:00 ") == ("2026:11:30 09:41:07", "-08:00")
    assert time_tags("2026:11:30 09:41:07", "34.05 N") == ("2026:11:30 09:41:07", None)
    assert time_tags("34.0542N 118.3617W", "-08:00") == (None, None)
    assert time_tags(b"2026:11:30 09:41:07", None) == (None, None)


def test_a_thumbnail_is_320_on_its_long_side():
    assert thumb_size(900, 1200) == (240, 320)
    assert thumb_size(2048, 1536) == (320, 240)
    assert thumb_size(100, 50) == (100, 50), "a small photo is not enlarged"
