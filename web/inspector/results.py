"""Recording a result exactly once: from the form without JavaScript, or replayed from the
device's offline result queue, with an Idempotency-Key (DESIGN §3's server contract)."""
from __future__ import annotations

import re
from dataclasses import replace

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from db import idempotency
from db.idempotency import Begun, InFlight, Mismatch, OtherTarget, Replay, Stored
from db.inspections.photos import PhotosRefused
from db.inspections.results import Enterer, Receipt, facts_of, record_result
from db.rules.inspection_checklists import checklist_of
from domain.accounts import Role
from domain.inspection_results import check_submission
from domain.numbers import whole_or_none
from domain.outcomes import Rejected
from domain.photos import with_caption
from domain.result_timing import not_yet
from web.access import require
from web.city_clock import city_time
from web.emails import mail_committed, notice_of
from web.htmx import is_partial
from web.idempotency_headers import HEADER, REPLAYED, REUSED
from web.inspector.route import FIELD_STAFF, MISSING, result_page, stop_of
from web.landing import form_post
from web.photo_files import (
    fingerprints, forget_unstored, photo_directory, photo_form, result_photos
)

KEY = re.compile(r"[A-Za-z0-9-]{8,64}")
MOST_REVISION = 999_999_999  # the inspection's revision the form was made from: an int column
# Not the entry's contents: the same result sent again with a fresh token or entry time (the
# phone's form re-recorded unchanged after its answer was lost) is a replay, not other contents.
UNCOUNTED = ("csrf_token", "idempotency_key", "entered_at")
REFUSED_KEYS = {
    Mismatch: ("true", "This entry was already sent with other contents. Check the "
                       "inspection's result before entering it again."),
    OtherTarget: ("other-target", "This entry's key was already used for another inspection, "
                                  "so it was not recorded. Check it and record it again."),
}


def _response(request: Request, stored: Stored, key: str, replayed: bool = False) -> Response:
    """The answer from its stored record: the same the first time and on every replay."""
    headers = {HEADER: key}
    if replayed:
        headers[REPLAYED] = "true"
    if stored.location:
        return RedirectResponse(stored.location, status_code=stored.status_code,
                                headers=headers)
    facts = facts_of(stored)
    body = stored.body if facts is None else request.app.state.templates.env.get_template(
        "inspector/_recorded.html").render(recorded=facts)
    return Response(body, status_code=stored.status_code, headers=headers,
                    media_type="text/html")


def _receipt(request: Request, stop, key: str, wants_fragment: bool) -> Receipt:
    """What the outcome's record keeps, made before the result's transaction: the fragment's
    words for the result queue and htmx, the redirect for a plain form."""
    route = request.url_for("inspector_today").path + (
        f"?day={stop.day.isoformat()}&" if stop.day else "?")
    if wants_fragment:
        return Receipt(key, 200, words={
            "type_code": stop.type_code, "type_name": stop.type_name,
            "site_address": stop.site_address, "route": route[:-1]})
    # The route says what became of it, from the database (?sent: the inspection).
    return Receipt(key, 303, location=f"{route}sent={stop.id}")


async def post_result(request: Request):
    account = require(request, *FIELD_STAFF)
    stop = await stop_of(request)
    form, uploads = await photo_form(request)
    # The result queue's replays and htmx want the fragment; a plain form post, the redirect.
    wants_fragment = HEADER.lower() in request.headers or is_partial(request)
    key = request.headers.get(HEADER) or form.get("idempotency_key", "")
    if not KEY.fullmatch(key):
        return PlainTextResponse("An Idempotency-Key is required: reload the page.", 400)
    at = city_time(request)
    # The items of the checklist the form showed: the one in force on the inspection's day.
    checklist = checklist_of(stop.type_code, stop.day or at.today)
    checked = with_caption(check_submission(form, at.now, checklist), form)
    # Its day first (issue 14 §6): an inspector must not correct the form and only then learn
    # that the result cannot be recorded before the inspection's day. The form's own problems
    # follow, each beside its field.
    if waits := not_yet(stop.day, at.today):
        later = checked.errors if isinstance(checked, Rejected) else {}
        return await _refused(request, stop, form, key,
                              Rejected({"result": waits, **{k: v for k, v in later.items()
                                                             if k != "result"}}))
    if isinstance(checked, Rejected):
        return await _refused(request, stop, form, key, checked)
    scoped, prints = idempotency.scoped(account.id, key), await fingerprints(uploads, form)
    # The photos chosen are part of what was sent: the same key with others is other contents.
    sent = {**form, **{f"photo {n}": print_ for n, print_ in enumerate(prints, 1)}}
    begun = await idempotency.begin(request.app.state.database, scoped,
                                    idempotency.fingerprint(sent, ignore=UNCOUNTED), at.now,
                                    request.method, request.url.path)
    if not isinstance(begun, Begun):
        return await _not_begun(request, stop, form, key, begun)
    kept = await result_photos(request, uploads, prints, form, scoped, at)
    if isinstance(kept, Rejected):
        await idempotency.abandon(scoped)
        return await _refused(request, stop, form, key, kept)
    receipt = replace(_receipt(request, stop, scoped, wants_fragment), photos=kept.value)
    seen = form.get("revision", "")
    try:
        outcome = await record_result(
            request.app.state.database, stop.id, checked.value.entry, Enterer(
                account.id, account.first_name or account.email, account.role == Role.STAFF,
                whole_or_none(seen, most=MOST_REVISION), entered_at=checked.value.entered_at),
            at, notice_of(request), receipt=receipt)
    except PhotosRefused as refused:  # too many on the inspection by now: nothing recorded
        await idempotency.abandon(scoped)
        return await _refused(request, stop, form, key, refused.refused)
    except BaseException:
        await idempotency.abandon(scoped)
        raise
    finally:
        await forget_unstored(photo_directory(request), kept.value)
    if outcome is None or isinstance(outcome, Rejected):
        await idempotency.abandon(scoped)  # nothing recorded: the corrected entry may reuse it
        if outcome is None:
            raise HTTPException(404, headers=MISSING)
        return await _refused(request, stop, form, key, outcome)
    mail_committed(request)
    return _response(request, receipt.stored(stop.id, outcome), key)


async def _refused(request: Request, stop, form: dict, key: str, refused: Rejected) -> Response:
    """The form again with the messages, keeping its key: nothing was recorded under it."""
    return await result_page(request, stop, {**form, "idempotency_key": key}, refused.errors,
                             422, keep_key=True)


async def _not_begun(request: Request, stop, form: dict, key: str, begun) -> Response:
    """The key was used before: its stored answer, 409 while in flight, or refused (the form
    with a new key)."""
    if isinstance(begun, Replay):
        return _response(request, begun.response, key, replayed=True)
    if isinstance(begun, InFlight):
        return PlainTextResponse("This result is still being recorded.", 409,
                                 headers={HEADER: key})
    marker, message = REFUSED_KEYS[type(begun)]
    response = await result_page(request, stop, form, {"result": message}, 422)
    response.headers[REUSED] = marker
    return response


routes = [
    *form_post("/inspector/inspections/{inspection_id:id}/result", post_result, "record_result",
               "inspector_inspection"),
]
