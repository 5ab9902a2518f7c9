"""An inspector's day: the route in driving order, and the result form of each stop."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db import inspection_results
from domain.accounts import Role
from domain.inspection_results import check_result
from domain.inspection_types import RESULTS
from domain.notifications import NoticeContext
from domain.outcomes import Rejected
from web.access import require
from web.city_clock import day_asked, now, today
from web.emails import mail_committed
from web.forms import form_of
from web.templating import page

FIELD_STAFF = (Role.INSPECTOR, Role.STAFF)


async def today_route(request: Request):
    account = require(request, *FIELD_STAFF)
    day, errors = day_asked(request)
    stops = await inspection_results.route(account.id, day)
    return page(request, "inspector/today.html", day=day, stops=stops, errors=errors,
                is_today=day == today(request))


async def _stop(request: Request):
    stop = await inspection_results.stop(request.path_params["inspection_id"])
    if stop is None:
        raise HTTPException(404)
    return stop


async def result_form(request: Request):
    require(request, *FIELD_STAFF)
    return page(request, "inspector/inspection.html", stop=await _stop(request),
                results=RESULTS, values={}, errors={})


async def record_result(request: Request):
    account = require(request, *FIELD_STAFF)
    stop = await _stop(request)
    form = await form_of(request)
    checked = check_result(form)
    outcome = checked
    if not isinstance(checked, Rejected):
        settings = request.app.state.settings
        outcome = await inspection_results.record_result(
            stop.id, checked.value, account.first_name or account.email, now(request),
            today(request), NoticeContext(settings.city_name, settings.base_url))
    if isinstance(outcome, Rejected):
        return page(request, "inspector/inspection.html", 422, stop=stop, results=RESULTS,
                    values=form, errors=outcome.errors)
    mail_committed(request)
    day = stop.day.isoformat() if stop.day else ""
    return RedirectResponse(request.url_for("inspector_today").path + f"?day={day}",
                            status_code=303)


routes = [
    Route("/inspector", today_route, name="inspector_today"),
    Route("/inspector/inspections/{inspection_id:id}", result_form,
          name="inspector_inspection"),
    Route("/inspector/inspections/{inspection_id:id}/result", record_result,
          methods=["POST"], name="record_result"),
]
