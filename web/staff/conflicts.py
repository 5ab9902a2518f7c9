"""The supervisor's conflict queue: results that arrived for inspections that had changed."""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.inspections import conflicts as result_conflicts
from domain.accounts import Role
from domain.inspection_results import CONFLICT_NOTE_LIMIT
from domain.numbers import LARGEST_ID, whole_or_none
from domain.outcomes import Rejected
from domain.queue_pages import page_params, read_page_ask
from domain.result_decisions import queue_lead, queue_shown, refusal_shown
from web.access import require
from web.city_clock import city_time
from web.emails import mail_committed, notice_of
from web.forms import form_of
from web.landing import form_post
from web.templating import page


async def queue(request: Request, errors: dict | None = None, status_code: int = 200,
                typed: dict[int, str] | None = None):
    """The queue: a supervisor decides each result, other staff read it (issue 14 §6)."""
    account = require(request, Role.STAFF)
    asked = read_page_ask(request.query_params)
    found = await result_conflicts.waiting_page(asked, city_time(request))
    conflicts = found.rows
    decided = whole_or_none(request.query_params.get("decided", ""), least=1, most=LARGEST_ID)
    here = request.url_for("staff_conflicts").path
    previous = f"{here}?before={conflicts[0].id}" if conflicts and found.has_previous else None
    following = f"{here}?after={conflicts[-1].id}" if conflicts and found.has_next else None
    return page(request, "staff/conflicts.html", status_code, errors=errors or {},
                found=found, lead=queue_lead(found.total), previous=previous,
                here=urlencode(page_params(asked)),
                following=following, first_page=here,
                shown=queue_shown(found.first, found.last, found.total) if conflicts else "",
                conflicts=conflicts, typed=typed or {}, may_decide=bool(account.supervisor),
                refusals={c.id: refusal_shown(c.reason, c.refusal) for c in conflicts},
                notice=await result_conflicts.decision_on(decided) if decided else "")


async def resolve(request: Request):
    account = require(request, Role.STAFF)
    conflict_id = request.path_params["conflict_id"]
    form = await form_of(request)
    decision, note = form.get("decision"), form.get("note", "").strip()
    typed, field = {conflict_id: note}, f"note-{conflict_id}"
    if not account.supervisor:
        return await queue(request, {field: "Only a supervisor records or sets aside a "
                                            "result: nothing was changed."}, 403, typed)
    if decision not in ("record", "set-aside"):
        return await queue(request, {"decision": "Choose to record the result or set it "
                                                 "aside."}, 422, typed)
    if len(note) > CONFLICT_NOTE_LIMIT:
        return await queue(request, {field: (
            f"Keep the note to {CONFLICT_NOTE_LIMIT} characters.")}, 422, typed)
    outcome = await result_conflicts.resolve(
        request.app.state.database, conflict_id, decision == "record",
        account.first_name or account.email, note, city_time(request), notice_of(request))
    if outcome is None:
        raise HTTPException(404)
    if isinstance(outcome, Rejected):
        return await queue(request, outcome.errors, 409, typed)
    mail_committed(request)
    back = urlencode({**page_params(read_page_ask(request.query_params)),
                      "decided": str(conflict_id)})  # the page it was decided on
    return RedirectResponse(request.url_for("staff_conflicts").path + f"?{back}", status_code=303)


routes = [
    Route("/staff/conflicts", queue, name="staff_conflicts"),
    *form_post("/staff/conflicts/{conflict_id:id}/resolve", resolve, "resolve_conflict",
               "staff_conflicts"),
]
