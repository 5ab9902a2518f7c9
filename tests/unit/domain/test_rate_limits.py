"""Sliding-window rate limits: never more uses than allowed in any window."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, strategies as st

from domain.rate_limits import RateLimit, blocked_until, wait_in_words

START = datetime(2026, 12, 4, 17, 0, tzinfo=timezone.utc)
LIMIT = RateLimit(3, timedelta(hours=1))


def test_the_fourth_use_within_an_hour_waits_for_the_first_to_leave_the_window():
    used = [START, START + timedelta(minutes=10), START + timedelta(minutes=20)]
    assert blocked_until(used[:2], START + timedelta(minutes=30), LIMIT) is None
    assert blocked_until(used, START + timedelta(minutes=30), LIMIT) == START + timedelta(hours=1)
    assert blocked_until(used, START + timedelta(hours=1), LIMIT) is None


def test_a_use_stamped_by_a_server_whose_clock_runs_ahead_still_counts():
    ahead = [START + timedelta(seconds=s) for s in (1, 2, 3)]
    assert blocked_until(ahead, START, LIMIT) is not None


@given(st.lists(st.integers(min_value=0, max_value=6 * 3600), max_size=60))
def test_no_window_ever_holds_more_uses_than_the_limit(offsets):
    allowed: list[datetime] = []
    for moment in sorted(START + timedelta(seconds=s) for s in offsets):
        if blocked_until(allowed, moment, LIMIT) is None:
            allowed.append(moment)
    for first in allowed:
        inside = [at for at in allowed if first <= at < first + LIMIT.window]
        assert len(inside) <= LIMIT.uses


def test_waits_are_said_in_rounded_up_words():
    assert wait_in_words(START + timedelta(seconds=30), START) == "in 1 minute"
    assert wait_in_words(START + timedelta(minutes=40), START) == "in 40 minutes"
    assert wait_in_words(START + timedelta(hours=5, minutes=1), START) == "in 6 hours"
    assert wait_in_words(START + timedelta(days=29, hours=1), START) == "in 30 days"


def test_an_ipv6_client_is_counted_as_its_64_and_an_ipv4_one_as_its_address():
    from domain.rate_limits import address_key

    assert address_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64"
    assert address_key("2001:DB8:1:2::1") == address_key("2001:db8:1:2:ffff::")
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("203.0.113.9") == "203.0.113.9" != address_key("203.0.113.10")
    assert address_key("::ffff:203.0.113.9") == "203.0.113.9", "IPv4 written as IPv6"
    assert address_key("fe80::1%eth0") == "fe80::/64"
    assert address_key("unknown") == "unknown"
