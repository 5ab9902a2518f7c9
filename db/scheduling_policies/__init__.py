"""The city's scheduling policies, one JSON file per effective date, and its business days."""
from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import holidays

from db.dated_rules import load_versions
from domain.scheduling import BusinessCalendar, SchedulingPolicy, parse_policy, policy_on

DIRECTORY = Path(__file__).parent


@cache
def scheduling_policies() -> tuple[SchedulingPolicy, ...]:
    """Every policy, oldest first; loaded once per process."""
    return load_versions(DIRECTORY, parse_policy, "scheduling policy")


def policy_for(day: date) -> SchedulingPolicy:
    return policy_on(scheduling_policies(), day)


@cache
def business_calendar(policy: SchedulingPolicy, year: int) -> BusinessCalendar:
    """Weekdays minus the US and California public holidays the department closes on (the
    ``holidays`` package, observed dates included) and the city's own closures, for ``year``
    and the next (a horizon can cross New Year)."""
    public = holidays.country_holidays("US", subdiv="CA", years=(year, year + 1))
    closed = {day for day, names in public.items()
              if not set(names.split("; ")) <= policy.open_on_holidays}
    return BusinessCalendar(frozenset(closed | policy.closures))
