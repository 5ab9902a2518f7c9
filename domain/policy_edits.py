"""The scheduling policy form: a version as fields, and the fields read back as a version."""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from functools import partial
from typing import Any

from domain.outcomes import Accepted, Rejected
from domain.rule_edits import SCHEDULING, field, read_back, read_effective, read_whole
from domain.scheduling import MAX_DAY_CAPACITY, OBSERVED, parse_policy

MAX_LEAD, MAX_HORIZON, MAX_CLOSURES, MAX_TURNAROUND = 10, 180, 200, 120
CLOSURES_LIMIT = MAX_CLOSURES * len("2026-12-24\r\n")  # characters: a date a line
_lead = partial(read_whole, least=0, most=MAX_LEAD)
_horizon = partial(read_whole, least=1, most=MAX_HORIZON)
_capacity = partial(read_whole, least=0, most=MAX_DAY_CAPACITY)
_turnaround = partial(read_whole, least=1, most=MAX_TURNAROUND)
TURNAROUNDS = (("first_review_days", "first review"),
               ("resubmittal_review_days", "review of a resubmission"))
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")  # ASCII digits only


def holiday_names(public_names: Iterable[str], open_on: Iterable[str]) -> tuple[str, ...]:
    """The "open on" choices: each public holiday once (its observed day goes with it), in
    date order, then any other name the policy lists."""
    return tuple(dict.fromkeys(n.removesuffix(OBSERVED) for n in [*public_names, *open_on]))


def holiday_field(name: str) -> str:
    """The checkbox of a holiday, named after it: the same field whatever the year shown."""
    return "open-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def policy_fields(body: Mapping[str, Any], names: Iterable[str]) -> dict[str, str]:
    """The form filled in from a version, for the next one (the date left for the user)."""
    open_on = set(body.get("open_on_holidays", []))
    return {
        "request_cutoff": body["request_cutoff"], "cancel_cutoff": body["cancel_cutoff"],
        "lead_business_days": str(body["lead_business_days"]),
        "horizon_days": str(body["horizon_days"]),
        "default_capacity": str(body["default_capacity"]),
        **{name: str(body.get(name, default)) for name, default in (
            ("first_review_days", 10), ("resubmittal_review_days", 5))},
        **{f"capacity-{i}": str(units)
           for i, units in enumerate(body.get("district_capacity", {}).values())},
        "closures": "\n".join(sorted(body.get("closures", []))),
        **{holiday_field(name): "yes" for name in names if name in open_on},
    }


def _time(text: str) -> str | None:
    found = _TIME.fullmatch(text.strip())
    return f"{int(found[1]):02d}:{found[2]}" if found else None


def _closures(text: str, errors: dict[str, str]) -> list[str]:
    if len(text) > CLOSURES_LIMIT:
        errors["closures"] = f"Enter at most {MAX_CLOSURES} closure dates, one a line."
        return []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    days: set[date] = set()
    for number, line in enumerate(lines, start=1):
        try:
            days.add(date.fromisoformat(line))
        except ValueError:
            errors["closures"] = (f"Line {number}: “{line[:20]}” is not a date. Write one date "
                                  "a line, like 2026-12-24.")
            return []
    if len(days) > MAX_CLOSURES:
        errors["closures"] = f"Enter at most {MAX_CLOSURES} closure dates."
    return [d.isoformat() for d in sorted(days)]


def read_policy_form(form: Mapping[str, str], template: Mapping[str, Any],
                     names: tuple[str, ...], today: date, taken: Collection[date]
                     ) -> Accepted[dict] | Rejected:
    """A new version's JSON form from what a supervisor typed; the time zone and the districts
    are the latest version's (``template``). Errors by field."""
    errors: dict[str, str] = {}
    effective = read_effective(form.get("effective", ""), today, taken, SCHEDULING)
    if isinstance(effective, Rejected):
        errors.update(effective.errors)
    times = {name: field(form, name, _time, f"Enter the {what} on the 24-hour clock, like "
                                            f"{example}.", errors)
             for name, what, example in (("request_cutoff", "request cut-off", "15:00"),
                                         ("cancel_cutoff", "cancel cut-off", "07:00"))}
    lead = field(form, "lead_business_days", _lead,
                 f"Enter the lead as a whole number of business days from 0 to {MAX_LEAD}.",
                 errors)
    horizon = field(form, "horizon_days", _horizon,
                    f"Enter the horizon as a whole number of days from 1 to {MAX_HORIZON}.",
                    errors)
    units = f"a whole number of units from 0 (no inspections) to {MAX_DAY_CAPACITY}"
    capacity = field(form, "default_capacity", _capacity,
                     f"Enter the capacity as {units}.", errors)
    districts = {}
    for i, district in enumerate(template.get("district_capacity", {})):
        districts[district] = field(form, f"capacity-{i}", _capacity,
                                    f"Enter the capacity of {district} as {units}.", errors)
    closures = _closures(form.get("closures", ""), errors)
    turnaround = {name: field(form, name, _turnaround, f"Enter the {what} as a whole number of "
                              f"business days from 1 to {MAX_TURNAROUND}.", errors)
                  for name, what in TURNAROUNDS}
    open_on = sorted(base for base in names if form.get(holiday_field(base)))
    if errors:
        return Rejected(errors)
    body = {"effective": effective.value.isoformat(), "timezone": template["timezone"],
            "request_cutoff": times["request_cutoff"], "lead_business_days": lead,
            "horizon_days": horizon, "default_capacity": capacity,
            "district_capacity": districts, "cancel_cutoff": times["cancel_cutoff"],
            "closures": closures, "open_on_holidays": open_on, **turnaround}
    return read_back(body, parse_policy)
