"""The city's scheduling policies (db/rules/rule_book.py; the JSON files here are the first
versions) and its business days."""
from __future__ import annotations

from datetime import date
from functools import cache

import holidays

from db.rules import rule_book
from domain.rule_edits import SCHEDULING
from domain.scheduling import (
    BusinessCalendar, Holiday, SchedulingPolicy, closed_days, holidays_of, policy_on
)


def scheduling_policies() -> tuple[SchedulingPolicy, ...]:
    """Every policy, oldest first, as the rule book holds them."""
    return rule_book.rules(SCHEDULING)


def policy_for(day: date) -> SchedulingPolicy:
    return policy_on(scheduling_policies(), day)


@cache
def public_holidays(year: int) -> dict[date, str]:
    """The US and California public holidays of ``year`` and the next (the ``holidays``
    package, observed dates included): date -> names joined by "; "."""
    return dict(holidays.country_holidays("US", subdiv="CA", years=(year, year + 1)))


def holiday_calendar(policy: SchedulingPolicy, year: int) -> tuple[Holiday, ...]:
    """Each public holiday of ``year`` and the next, and whether the department works on it."""
    return holidays_of(public_holidays(year), policy)


@cache
def business_calendar(policy: SchedulingPolicy, year: int) -> BusinessCalendar:
    """Weekdays minus the public holidays the department closes on and the city's own
    closures, for ``year`` and the next (a horizon can cross New Year); one per policy
    version, which is frozen, so an edit gets a calendar of its own."""
    return BusinessCalendar(closed_days(public_holidays(year), policy))


def calendar_from(day: date) -> BusinessCalendar:
    """Business days of ``day``'s year and the next, each date open or closed as the version
    in force on that date says: a closure in a version saved for next month stops bookings of
    that date made today too."""
    return _dated_calendar(scheduling_policies(), day.year)


@cache
def _dated_calendar(policies: tuple[SchedulingPolicy, ...], year: int) -> BusinessCalendar:
    public = public_holidays(year)
    closed: set[date] = set()
    for policy, following in zip(policies, (*policies[1:], None)):
        until = following.effective if following else date.max
        closed |= {d for d in closed_days(public, policy) if policy.effective <= d < until}
    return BusinessCalendar(frozenset(closed))
