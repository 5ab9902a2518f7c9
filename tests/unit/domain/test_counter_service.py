"""A supervisor's override at the counter: who may, with what reason, and which rule it set
aside (issue 16 §3)."""
from __future__ import annotations

from datetime import date

from domain.counter_service import (
    CHANGE_CUTOFF, LEAD_TIME, NEED_REASON, NOT_SUPERVISOR, OVERRIDE_REASON_LIMIT, REASON_TOO_LONG,
    booking_overrode, change_overrode, check_override, counter_refusal, overridden
)
from domain.outcomes import Accepted, Rejected
from domain.scheduling import bookable_dates, may_still_change
from tests.unit.domain.test_scheduling import CALENDAR, POLICY, at

TUESDAY = date(2026, 12, 1)


def test_no_override_asked_is_no_override_whoever_asks():
    assert check_override(False, "anything", supervisor=False) == Accepted(None)


def test_only_a_supervisor_with_a_reason_overrides():
    assert check_override(True, "Crew waiting", supervisor=False) == Rejected(
        {"override_reason": NOT_SUPERVISOR})
    assert check_override(True, " \u200b\n ", supervisor=True) == Rejected(
        {"override_reason": NEED_REASON})
    assert check_override(True, "x" * (OVERRIDE_REASON_LIMIT + 1), supervisor=True) == \
        Rejected({"override_reason": REASON_TOO_LONG})
    assert check_override(True, "  Crew\n waiting  ", supervisor=True) == Accepted("Crew waiting")


def test_the_overridden_policy_books_from_today_and_changes_until_the_day_ends():
    after_cutoff = at(TUESDAY, 16)  # past the 3 pm request cut-off
    assert bookable_dates(after_cutoff, POLICY, CALENDAR)[0] == date(2026, 12, 3)
    assert bookable_dates(after_cutoff, overridden(POLICY), CALENDAR)[0] == TUESDAY
    assert not may_still_change(TUESDAY, at(TUESDAY, 8), POLICY)
    assert may_still_change(TUESDAY, at(TUESDAY, 23, 59), overridden(POLICY))
    assert not may_still_change(date(2026, 11, 30), at(TUESDAY, 8), overridden(POLICY))
    assert overridden(POLICY).capacity_of("West") == POLICY.capacity_of("West")


def test_the_log_names_the_rule_only_when_one_was_set_aside():
    usual = bookable_dates(at(TUESDAY, 10), POLICY, CALENDAR)
    assert booking_overrode(usual[0], usual) is None
    assert booking_overrode(TUESDAY, usual) == LEAD_TIME
    assert change_overrode(TUESDAY, at(TUESDAY, 6), POLICY) is None
    assert change_overrode(TUESDAY, at(TUESDAY, 8), POLICY) == CHANGE_CUTOFF


def test_staff_are_told_the_route_is_set_not_to_call_the_line():
    assert counter_refusal("Final", "Scheduled", TUESDAY, at(TUESDAY, 6), POLICY) is None
    closed = counter_refusal("Final", "Scheduled", TUESDAY, at(TUESDAY, 8), POLICY)
    assert "7:00 AM" in closed and "route is set" in closed and "line" not in closed
    assert counter_refusal("Final", "Cancelled", TUESDAY, at(TUESDAY, 6), POLICY) == \
        "The Final inspection is already cancelled."
