"""The public fee estimator: the same schedule and assessment as real permits, for anyone."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from db.rules.fee_schedules import fee_schedules
from domain.fee_schedule import assess, read_fee_input, schedule_on
from domain.outcomes import Rejected
from domain.permits import PermitType
from domain.subtypes import SUBTYPES, Subtype
from web.city_clock import today
from web.htmx import render
from web.templating import page

BY_KEY = {(s.permit_type.value, s.name): s for s in SUBTYPES}


def _subtype(request: Request) -> Subtype | None:
    return BY_KEY.get((request.query_params.get("type", ""),
                       request.query_params.get("subtype", "")))


def _fields(schedule, subtype: Subtype) -> list[str]:
    """The names of the estimate's fields, as its form sends them."""
    return (["valuation"] + [item.code for item in schedule.items_of(subtype.permit_type)]
            + (["stories"] if schedule.asks_stories(subtype) else []))


def _estimate(request: Request, subtype: Subtype) -> dict:
    schedule = schedule_on(fee_schedules(), today(request))
    params = request.query_params
    context = {"subtype": subtype, "schedule": schedule, "errors": {},
               "items": schedule.items_of(subtype.permit_type),
               "asks_stories": schedule.asks_stories(subtype), "values": dict(params),
               "fee_input": None, "assessment": None, "waiting_for": set()}
    # Nothing typed yet (the type of work just chosen, or the form sent empty): an empty
    # estimate that says what to enter, not "There is a problem" (issue 14).
    if not any(params.get(name, "").strip() for name in _fields(schedule, subtype)):
        return context
    outcome = read_fee_input(schedule, subtype, params.get("valuation", ""),
                             {item.code: params.get(item.code, "") for item in context["items"]},
                             params.get("stories", ""))
    if isinstance(outcome, Rejected):
        # The building's stories not typed yet while the valuation is: asked for, not an error.
        errors = {field: message for field, message in outcome.errors.items()
                  if field != "stories" or params.get("stories", "").strip()}
        return {**context, "errors": errors, "waiting_for": set(outcome.errors) - set(errors)}
    return {**context, "fee_input": outcome.value,
            "assessment": assess(schedule, outcome.value)}


async def estimate(request: Request):
    subtype = _subtype(request)
    if subtype is None:
        asked = "type" in request.query_params or "subtype" in request.query_params
        return page(request, "fees/choose.html", 400 if asked else 200, unknown=asked,
                    types=[(t, [s for s in SUBTYPES if s.permit_type is t]) for t in PermitType])
    context = _estimate(request, subtype)
    status = 422 if context["errors"] else 200
    return render(request, "fees/estimate.html", "fees/_estimate_response.html", context, status)


async def estimate_print(request: Request):
    subtype = _subtype(request)
    context = _estimate(request, subtype) if subtype else None
    if context is None or context["assessment"] is None:
        return await estimate(request)  # the chooser or the form, with what to correct
    return page(request, "fees/print.html", **context)


routes = [
    Route("/fees/estimate", estimate, name="fee_estimate"),
    Route("/fees/estimate/print", estimate_print, name="fee_estimate_print"),
]
