"""A new e-mail address is read as every typed address is, and the old one sees it masked."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from domain.email_addresses import LIKE, ONE
from domain.email_changes import SAME, asked_again, masked, read_new_email
from domain.outcomes import Accepted, Rejected

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)


def test_the_new_address_is_one_plain_mailbox_and_not_the_current_one():
    assert read_new_email("  Ana.Ruiz@Example.COM ", "old@example.com") == Accepted(
        "ana.ruiz@example.com")
    assert read_new_email("", "old@example.com") == Rejected(
        {"email": "Enter your new e-mail address."})
    assert read_new_email("a@x.com, b@y.com", "old@example.com") == Rejected({"email": ONE})
    assert read_new_email("a@x.com\r\nBcc: all@city.gov", "old@example.com") == Rejected(
        {"email": LIKE})
    assert read_new_email("OLD@example.com", "old@example.com") == Rejected({"email": SAME})


def test_the_old_address_is_told_the_new_one_masked():
    assert masked("ana.ruiz@example.com") == "a\u2022\u2022\u2022@example.com"
    assert "ana.ruiz" not in masked("ana.ruiz@example.com")


def test_the_same_address_asked_again_at_once_is_a_second_tap_and_later_a_new_request():
    assert asked_again("a@x.com", NOW, "a@x.com", NOW + timedelta(seconds=5))
    assert not asked_again("a@x.com", NOW, "b@x.com", NOW + timedelta(seconds=5))
    assert not asked_again("a@x.com", NOW, "a@x.com", NOW + timedelta(minutes=3))
