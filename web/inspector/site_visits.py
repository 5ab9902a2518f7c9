"""A stop's "Arrived" and "Left" buttons (issue 17 §3): the time is recorded as the tap reaches
the server (taps kept on a phone offline are sent with the route's order: route_order.py)."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse

from db.inspections.site_visits import Recorder, record_tap
from domain.accounts import Role
from domain.outcomes import Rejected
from domain.site_visits import recorder_refusal
from web.access import require
from web.city_clock import city_time
from web.forms import form_of
from web.inspector.route import FIELD_STAFF, MISSING, result_page, stop_of
from web.landing import form_post


async def record_visit(request: Request):
    account = require(request, *FIELD_STAFF)
    stop = await stop_of(request)
    by = Recorder(account.id, account.role == Role.STAFF)
    if refusal := recorder_refusal(stop.inspector_id, by.account_id, by.staff):
        raise HTTPException(403, refusal)
    form = await form_of(request)
    at = city_time(request)
    outcome = await record_tap(request.app.state.database, stop.id, by, form.get("event", ""),
                               at.now, at.zone)
    if outcome is None:
        raise HTTPException(404, headers=MISSING)
    if isinstance(outcome, Rejected):
        # The stop's page, with the sentence beside the buttons and in the summary above.
        return await result_page(request, stop, {}, outcome.errors, 422)
    page = request.url_for("inspector_inspection", inspection_id=stop.id).path
    return RedirectResponse(f"{page}#f-visit", status_code=303)


routes = [
    *form_post("/inspector/inspections/{inspection_id:id}/visit", record_visit, "record_visit",
               "inspector_inspection"),
]
