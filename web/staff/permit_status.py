"""A permit's status changed by hand by staff: renew, cancel or void, with the reason."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.lifecycle.manual_status import change_by_hand
from db.permits.pages import load_permit
from domain.accounts import Role
from domain.outcomes import Rejected
from domain.permits import Status, changed_by_staff
from domain.staff_status import manual_changes
from web.access import require
from web.city_clock import now, today
from web.emails import mail_committed, notice_of
from web.forms import form_of
from web.templating import page


async def permit_or_404(request: Request):
    """The permit the address names (``{number}``), for a staff page about it."""
    permit = await load_permit(request.app.state.database.reader, request.path_params["number"])
    if permit is None:
        raise HTTPException(404)
    return permit


async def status_page(request: Request, errors: dict | None = None, typed: dict | None = None,
                      status_code: int = 200):
    require(request, Role.STAFF)
    permit = await permit_or_404(request)
    return page(request, "staff/permit_status.html", status_code, permit=permit,
                changes=manual_changes(Status(permit.status)), errors=errors or {},
                typed=typed or {})


async def change(request: Request):
    account = require(request, Role.STAFF)
    permit = await permit_or_404(request)
    form = await form_of(request)
    typed = {"change": form.get("change", ""), "reason": form.get("reason", "")}
    outcome = await change_by_hand(request.app.state.database, permit.number, typed,
                                   changed_by_staff(account.first_name or account.email),
                                   now(request), today(request), notice_of(request))
    if isinstance(outcome, Rejected):
        return await status_page(request, outcome.errors, typed, 422)
    mail_committed(request)
    return RedirectResponse(request.url_for("permit_tab", number=permit.number,
                                            tab="history").path, status_code=303)


routes = [
    Route("/staff/permits/{number:str}/status", status_page, name="staff_permit_status"),
    Route("/staff/permits/{number:str}/status", change, methods=["POST"],
          name="staff_permit_status_change"),
]
