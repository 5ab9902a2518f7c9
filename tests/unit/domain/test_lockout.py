"""What a locked-out person reads: one sentence for one minute left, another for several."""
from datetime import datetime, timedelta, timezone

from domain.lockout import locked_out_message

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)


def test_one_minute_and_several_minutes_are_two_whole_sentences():
    assert locked_out_message(NOW + timedelta(seconds=20), NOW) == (
        "Too many wrong passwords. For your security, try again in 1 minute or reset your "
        "password.")
    assert locked_out_message(NOW + timedelta(minutes=15), NOW) == (
        "Too many wrong passwords. For your security, try again in 15 minutes or reset your "
        "password.")
