"""Internal staff notes on a permit, on a staff page of their own (issue 16 §3)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.audit.log import just_done_on
from db.permits.staff_notes import add_note, notes_of
from domain.accounts import Role
from domain.audit_actions import STAFF_NOTE_ADDED
from domain.outcomes import Rejected
from domain.staff_notes import ADDED, check_note
from web.access import require
from web.city_clock import now
from web.forms import form_of, new_form_key
from web.landing import form_post
from web.staff.permit_status import permit_or_404
from web.templating import page


async def notes_page(request: Request, errors: dict | None = None, typed: str = "",
                     form_key: str = "", status_code: int = 200):
    account = require(request, Role.STAFF)
    permit = await permit_or_404(request)
    # "Note added" only to the clerk who added one a moment ago (the audit trail says).
    added = request.query_params.get("added") == "1" and not errors and await just_done_on(
        account.email, STAFF_NOTE_ADDED, now(request), permit.id)
    return page(request, "staff/permit_notes.html", status_code, permit=permit,
                notes=await notes_of(permit.id), errors=errors or {}, typed=typed,
                form_key=form_key or new_form_key(),
                notice=ADDED.format(number=permit.number) if added else "")


async def add(request: Request):
    account = require(request, Role.STAFF)
    permit = await permit_or_404(request)
    form = await form_of(request)
    checked = check_note(form.get("note", ""), form.get("form_key", ""))
    if isinstance(checked, Rejected):
        return await notes_page(request, checked.errors, form.get("note", ""),
                                form.get("form_key", ""), 422)
    kept = await add_note(request.app.state.database, permit.id,
                          account.first_name or account.email, account.id, checked.value,
                          form["form_key"], now(request))
    if isinstance(kept, Rejected):  # a fresh form, the words kept in it
        return await notes_page(request, kept.errors, form.get("note", ""), new_form_key(), 422)
    return RedirectResponse(request.url_for("staff_permit_notes", number=permit.number).path
                            + "?added=1", status_code=303)


# Notes live on this staff page only: no public, applicant or inspector page reads them, so
# none can ever carry one.
routes = [
    Route("/staff/permits/{number:str}/notes", notes_page, name="staff_permit_notes"),
    *form_post("/staff/permits/{number:str}/notes/add", add, "staff_add_permit_note",
               "staff_permit_notes"),
]
