"""A new e-mail address is read as every typed address is, and the old one sees it masked."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from domain.email_addresses import LIKE, ONE
from domain.email_changes import SAME, asked_again, changed_mail, masked, read_new_email
from domain.notifications import NoticeContext
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


def test_the_old_address_is_told_when_the_change_is_done_and_whom_to_call():
    context = NoticeContext("West Hollywood", "https://portal.test", "323-555-0100")
    summer = datetime(2026, 7, 1, 21, 5, tzinfo=timezone.utc)
    subject, body = changed_mail("ana.ruiz@example.com", summer,
                                 ZoneInfo("America/Los_Angeles"), context)
    assert subject == "Your e-mail address was changed"
    assert ("was changed from this address to a\u2022\u2022\u2022@example.com on Wednesday 1 "
            "July 2026 at 2:05 PM PDT") in body
    assert "ana.ruiz" not in body and "If it was not you" in body and "call 323-555-0100" in body
    _, midnight = changed_mail("b@example.com", datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc),
                               ZoneInfo("America/Los_Angeles"), context)
    assert "on Wednesday 2 December 2026 at 12:00 AM PST" in midnight
