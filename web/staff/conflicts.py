"""The supervisor's conflict queue: results that arrived for inspections that had changed."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db import result_conflicts
from domain.accounts import Role
from domain.inspection_results import CONFLICT_NOTE_LIMIT
from domain.outcomes import Rejected
from web.access import require
from web.city_clock import city_time
from web.emails import mail_committed, notice_of
from web.forms import form_of
from web.landing import landing
from web.templating import page


async def queue(request: Request, errors: dict | None = None, status_code: int = 200):
    require(request, Role.STAFF)
    return page(request, "staff/conflicts.html", status_code, errors=errors or {},
                conflicts=await result_conflicts.unresolved(at=city_time(request)))


async def resolve(request: Request):
    account = require(request, Role.STAFF)
    if not account.supervisor:
        raise HTTPException(403, "Only a supervisor resolves conflicts.")
    form = await form_of(request)
    decision, note = form.get("decision"), form.get("note", "").strip()
    if decision not in ("record", "set-aside"):
        return await queue(request, {"decision": "Choose to record the result or set it "
                                                 "aside."}, 422)
    if len(note) > CONFLICT_NOTE_LIMIT:
        return await queue(request, {f"note-{request.path_params['conflict_id']}": (
            f"Keep the note to {CONFLICT_NOTE_LIMIT} characters.")}, 422)
    outcome = await result_conflicts.resolve(
        request.path_params["conflict_id"], decision == "record",
        account.first_name or account.email, note,
        city_time(request), notice_of(request))
    if outcome is None:
        raise HTTPException(404)
    if isinstance(outcome, Rejected):
        return await queue(request, outcome.errors, 409)
    mail_committed(request)
    return RedirectResponse(request.url_for("staff_conflicts").path, status_code=303)


routes = [
    Route("/staff/conflicts", queue, name="staff_conflicts"),
    landing("/staff/conflicts/{conflict_id:id}/resolve", "staff_conflicts",
            name="resolve_conflict_landing"),
    Route("/staff/conflicts/{conflict_id:id}/resolve", resolve, methods=["POST"],
          name="resolve_conflict"),
]
