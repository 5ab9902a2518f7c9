"""The scheduling policy and the holiday calendar: the version in force shown readably, and
a supervisor's new version (cut-offs, lead, horizon, capacities, closures, holidays worked)."""
from __future__ import annotations

from starlette.requests import Request

from db.rules import rule_book
from db.rules.scheduling_policies import holiday_calendar, public_holidays
from domain.policy_edits import holiday_field, holiday_names, policy_fields, read_policy_form
from domain.rule_edits import SCHEDULING
from web.city_clock import today
from web.staff.rules import editor_routes, taken, version_context
from web.templating import page


def _public_names(year: int) -> list[str]:
    """Every public holiday name of ``year`` and the next, in date order."""
    holidays = public_holidays(year)
    return [name for day in sorted(holidays) for name in holidays[day].split("; ")]


def _page(request: Request, account, errors: dict[str, str], typed: dict | None,
          status_code: int = 200):
    context = version_context(request, SCHEDULING, account)
    policy, year = context["shown"].rules, context["today"].year
    latest = context["latest"]
    names = holiday_names(_public_names(year), latest.rules.open_on_holidays)
    return page(request, "staff/rules_scheduling.html", status_code, **context, policy=policy,
                holidays=holiday_calendar(policy, year), years=(year, year + 1),
                closures=sorted(d for d in policy.closures if d.year >= year),
                holiday_choices=[(holiday_field(name), name) for name in names],
                districts=list(latest.body.get("district_capacity", {})),
                values=typed if typed is not None else policy_fields(latest.body, names),
                errors=errors)


def _read(request: Request, form: dict):
    day = today(request)
    latest = rule_book.latest(SCHEDULING)
    names = holiday_names(_public_names(day.year), latest.rules.open_on_holidays)
    return read_policy_form(form, latest.body, names, day, taken(SCHEDULING))


routes = editor_routes(SCHEDULING, _page, _read, max_fields=200,
                       save_name="save_scheduling_rules")
