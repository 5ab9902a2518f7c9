"""Photos taken on a stop (issue 17 §1): added from the device's queue (Idempotency-Key header:
201, 200 when sent again) or a plain form (303 to the stop), and read only by city staff,
inspectors and the permit's contacts (404 to anyone else: nobody learns one exists)."""
from __future__ import annotations

import os

from markupsafe import escape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from db import idempotency
from db.inspections import photos
from db.inspections.photos import Taker
from db.permits.access import may_act_on
from domain.accounts import Role, sees_contact_details
from domain.outcomes import Rejected
from domain.photos import (
    FIELD, KEY_REUSED, TOO_LARGE, check_caption, check_sent, declared_too_large, photo_keys
)
from web.access import require
from web.city_clock import city_time
from web.idempotency_headers import HEADER, REPLAYED as RESULT_REPLAYED, REUSED
from web.inspector.results import KEY
from web.inspector.route import FIELD_STAFF, MISSING, result_page, stop_of
from web.landing import form_post
from web.photo_files import fingerprints, forget_unstored, keep_photos, photo_directory, photo_form

# The photo contract's name for a stored answer sent again; results' replays say
# Idempotent-Replayed (DESIGN §3), sent too so either reading finds it.
REPLAYED = "Idempotency-Replayed"
REFUSED = {"Permitline-Refused": "photo"}
CACHED = {"Cache-Control": "private, max-age=86400"}
# Keys this process is storing: the same photo sent again meanwhile is told 409 and retried. (On
# PostgreSQL another process finds the first's row under the inspection's lock: a replay.)
_IN_FLIGHT: set[str] = set()


async def add_photos(request: Request):
    account = require(request, *FIELD_STAFF)
    stop = await stop_of(request)
    device = HEADER.lower() in request.headers
    if device and declared_too_large(request.headers.get("content-length")):
        return await _answer(request, stop, Rejected({FIELD: TOO_LARGE}), device, "", {})
    form, uploads = await photo_form(request)
    key = request.headers.get(HEADER) or form.get("idempotency_key", "")
    if not KEY.fullmatch(key):
        return PlainTextResponse("An Idempotency-Key is required: reload the page.", 400)
    scoped = idempotency.scoped(account.id, key)
    if scoped in _IN_FLIGHT:
        return PlainTextResponse("This photo is still being stored.", 409, headers={HEADER: key})
    _IN_FLIGHT.add(scoped)
    try:
        outcome = await _stored(request, account, stop.id, form, uploads, scoped, device)
    finally:
        _IN_FLIGHT.discard(scoped)
    return await _answer(request, stop, outcome, device, key, form)


async def _stored(request: Request, account, inspection_id: int, form: dict, uploads: list,
                  scoped: str, device: bool):
    """Checked, then (unless every photo was stored before) decoded and written, then stored:
    photos.Added, Rejected, or None when the inspection is gone."""
    caption = check_caption(form.get("caption", ""))
    if isinstance(caption, Rejected):
        return caption
    if refused := check_sent([upload.size or 0 for upload in uploads], required=True):
        return refused
    keys = photo_keys(scoped, len(uploads), alone=device)
    prints = await fingerprints(uploads, form)
    before = await photos.sent_before(inspection_id, list(zip(keys, prints)))
    if before is not None:
        return before
    at, directory = city_time(request), photo_directory(request)
    kept = await keep_photos(uploads, keys, prints, caption.value, form.get("taken_at", ""),
                             directory, at)
    if isinstance(kept, Rejected):
        return kept
    try:
        return await photos.add_photos(request.app.state.database, inspection_id, kept.value,
                                       Taker(account.id, account.first_name or account.email,
                                             account.role == Role.STAFF), at)
    finally:
        await forget_unstored(directory, kept.value)


async def _answer(request: Request, stop, outcome, device: bool, key: str, form: dict
                  ) -> Response:
    if outcome is None:
        raise HTTPException(404, headers=MISSING)
    if device:
        return _device_answer(request, outcome, key)
    if isinstance(outcome, Rejected):
        return await result_page(request, stop, {"caption": form.get("caption", "")},
                                 outcome.errors, 422)
    stop_page = request.url_for("inspector_inspection", inspection_id=stop.id).path
    return RedirectResponse(f"{stop_page}?added={key}#photos", status_code=303)


def _device_answer(request: Request, outcome, key: str) -> Response:
    """The device's queue reads the status and headers (the photo contract); the body is the
    stored photos' list items, or the refusal's sentence."""
    headers = {HEADER: key}
    if isinstance(outcome, Rejected):
        if outcome.errors.get(FIELD) == KEY_REUSED:
            headers[REUSED] = "true"
        return Response(f'<p class="error-text">{escape(outcome.message)}</p>', 422,
                        headers={**headers, **REFUSED}, media_type="text/html")
    if not outcome.new:
        headers[REPLAYED] = headers[RESULT_REPLAYED] = "true"
    item = request.app.state.templates.env.get_template("inspector/_photo.html")
    return Response("".join(item.render(photo=photo) for photo in outcome.photos),
                    201 if outcome.new else 200, headers=headers, media_type="text/html")


async def photo(request: Request):
    return await _photo_file(request, thumb=False)


async def photo_thumb(request: Request):
    return await _photo_file(request, thumb=True)


async def _photo_file(request: Request, thumb: bool) -> Response:
    account = require(request)
    found = await photos.found(request.app.state.database.reader,
                               request.path_params["photo_id"])
    if found is None or not await _may_see(account, found.permit_id):
        raise HTTPException(404)
    path = os.path.join(photo_directory(request), found.thumb_name if thumb else found.file_name)
    if not os.path.isfile(path):
        raise HTTPException(404)
    return FileResponse(path, media_type="image/jpeg", headers=CACHED)


async def _may_see(account, permit_id: int) -> bool:
    """As an inspection's details on its permit's Inspections tab: city staff, inspectors, and
    those who act for the permit (its contractor, its owner-builder)."""
    # The permit is asked about only for those the role alone does not let see.
    return sees_contact_details(Role(account.role), False) or await may_act_on(account,
                                                                             permit_id)


routes = [
    *form_post("/inspector/inspections/{inspection_id:id}/photos", add_photos, "add_photos",
               "inspector_inspection", anchor="photos"),
    Route("/inspections/photos/{photo_id:id}", photo, name="inspection_photo"),
    Route("/inspections/photos/{photo_id:id}/thumb", photo_thumb,
          name="inspection_photo_thumb"),
]
