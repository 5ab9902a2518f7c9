"""The phone line's PIN locks for staff: which calling numbers are locked out of which
company's PIN step, and clearing one for a caller who has shown who they are."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.audit.log import just_done
from db.inspections.pin_locks import clear_pin_lock, pin_locks
from domain.accounts import Role
from domain.audit_actions import PIN_LOCK_CLEARED
from web.access import require
from web.city_clock import now
from web.forms import form_of
from web.landing import form_post
from web.templating import page


async def locks_page(request: Request, errors: dict | None = None, status_code: int = 200):
    account = require(request, Role.STAFF)
    # After clearing (?cleared): the lock this member of staff just cleared, from the audit log.
    cleared = request.query_params.get("cleared") and await just_done(
        account.email, PIN_LOCK_CLEARED, now(request))
    return page(request, "staff/phone_line.html", status_code,
                locks=await pin_locks(now(request)), errors=errors or {}, cleared=cleared)


async def clear(request: Request):
    """Any member of staff: the locked-out caller is usually on the phone with the counter,
    and a cleared lock gives a guesser only five more tries of a million (the audit log says
    who cleared which)."""
    require(request, Role.STAFF)
    key = (await form_of(request)).get("key", "")[:200]
    if await clear_pin_lock(request.app.state.database, key, now(request),
                            request.app.state.zone) is None:
        return await locks_page(request, {"locks": "That lock had already ended or was "
                                                   "cleared: nothing was changed."}, 409)
    return RedirectResponse(request.url_for("staff_phone_line").path + "?cleared=1",
                            status_code=303)


routes = [
    Route("/staff/phone-line", locks_page, name="staff_phone_line"),
    *form_post("/staff/phone-line/clear", clear, "clear_pin_lock", "staff_phone_line"),
]
