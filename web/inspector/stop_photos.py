"""The photos part of a stop's page (issue 17 §1): its stored photos, the key of its "Add
photos" form, and what a plain form just added."""
from __future__ import annotations

import uuid

from starlette.requests import Request

from db import idempotency
from db.inspections import photos
from domain.photos import added_words
from web.middleware.auth import account_of


async def photo_context(request: Request, stop) -> dict:
    listed = await photos.of_inspection(request.app.state.database.reader, stop.id)
    return {"photos": listed, "photo_key": str(uuid.uuid4()),
            "photos_added": _added(request, listed)}


def _added(request: Request, listed) -> str:
    """After a plain form's photos were stored (?added=<its key>): how many, as the database
    has them under that key for this account (the address bar alone says nothing)."""
    added, account = request.query_params.get("added", ""), account_of(request)
    if not added or account is None:
        return ""
    prefix = f"{idempotency.scoped(account.id, added)}-"
    count = sum(1 for photo in listed if photo.key.startswith(prefix))
    return added_words(count) if count else ""
