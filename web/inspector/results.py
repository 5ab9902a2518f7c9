"""Recording a result exactly once: from the form without JavaScript, or replayed from the
device's offline outbox, with an Idempotency-Key (DESIGN §3's server contract)."""
from __future__ import annotations

import re

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from db import idempotency
from db.idempotency import InFlight, Mismatch, Replay, Stored
from db.inspection_results import Conflict, Enterer, record_result
from domain.accounts import Role
from domain.inspection_results import check_result
from domain.outcomes import Rejected
from web.access import require
from web.city_clock import now, today
from web.emails import mail_committed, notice_of
from web.forms import form_of
from web.htmx import is_partial
from web.inspector.route import FIELD_STAFF, MISSING, result_page, stop_of

KEY = re.compile(r"[A-Za-z0-9-]{8,64}")
HEADER = "Idempotency-Key"
# Tells the outbox a 422 is "this key was used for other contents" (its entry becomes
# `failed`), not a validation error to correct (`rejected`): DESIGN §3's replay table.
REUSED = "Idempotency-Key-Reused"


def _response(request: Request, stored: Stored, key: str, replayed: bool = False) -> Response:
    headers = {HEADER: key}
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    if stored.location:
        return RedirectResponse(stored.location, status_code=stored.status_code,
                                headers=headers)
    return Response(stored.body, status_code=stored.status_code, headers=headers,
                    media_type="text/html")


def _responder(request: Request, stop, from_outbox: bool):
    """The response of an outcome, made inside the result's transaction and stored with
    its key: a replay gets the same."""
    route = request.url_for("inspector_today").path + (
        f"?day={stop.day.isoformat()}" if stop.day else "")
    templates = request.app.state.templates.env

    def respond(outcome) -> Stored:
        conflict = isinstance(outcome, Conflict)
        if from_outbox:
            body = templates.get_template("inspector/_recorded.html").render(
                stop=stop, conflict=outcome if conflict else None, route=route)
            return Stored(200, body=body)
        return Stored(303, location=route + ("&conflict=1" if conflict else ""))
    return respond


async def post_result(request: Request):
    account = require(request, *FIELD_STAFF)
    stop = await stop_of(request)
    form = await form_of(request)
    # The outbox's replays and htmx want the fragment; a plain form post, the redirect.
    from_outbox = HEADER.lower() in request.headers or is_partial(request)
    key = request.headers.get(HEADER) or form.get("idempotency_key", "")
    if not KEY.fullmatch(key):
        return PlainTextResponse("An Idempotency-Key is required: reload the page.", 400)
    checked = check_result(form)
    if isinstance(checked, Rejected):
        return await result_page(request, stop, {**form, "idempotency_key": key},
                                 checked.errors, 422, keep_key=True)
    scoped = idempotency.scoped(account.id, key)
    begun = await idempotency.begin(
        scoped, idempotency.fingerprint(form, ignore=("csrf_token", "idempotency_key")),
        now(request))
    if isinstance(begun, Replay):
        return _response(request, begun.response, key, replayed=True)
    if isinstance(begun, Mismatch):
        response = await result_page(request, stop, form, {"result": (
            "This entry was already sent with other contents. Check the inspection's result "
            "before entering it again.")}, 422)
        response.headers[REUSED] = "true"
        return response
    if isinstance(begun, InFlight):
        return PlainTextResponse("This result is still being recorded.", 409,
                                 headers={HEADER: key})
    respond = _responder(request, stop, from_outbox)
    seen = form.get("revision", "")
    try:
        outcome = await record_result(
            stop.id, checked.value, Enterer(
                account.id, account.first_name or account.email, account.role == Role.STAFF,
                int(seen) if seen.isdigit() and len(seen) < 10 else None),
            now(request), today(request), notice_of(request),
            receipt=(scoped, respond))
    except BaseException:
        await idempotency.abandon(scoped)
        raise
    if outcome is None:
        await idempotency.abandon(scoped)
        raise HTTPException(404, headers=MISSING)
    mail_committed(request)
    return _response(request, respond(outcome), key)


routes = [
    Route("/inspector/inspections/{inspection_id:id}/result", post_result, methods=["POST"],
          name="record_result"),
]
