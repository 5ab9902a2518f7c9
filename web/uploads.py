"""Storing uploaded proof documents outside the web root, after checking them by content."""
from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from domain.documents import MAX_BYTES, check_document
from domain.outcomes import Rejected


@dataclass(frozen=True)
class StoredDocument:
    kind: str
    filename: str
    content_type: str
    size: int
    sha256: str
    stored_as: str


async def read_documents(files: dict[str, UploadFile], wanted: dict[str, str]
                         ) -> tuple[dict, dict[str, str]]:
    """Check each wanted upload (field -> label); returns the good ones and errors by field."""
    good, errors = {}, {}
    for field, label in wanted.items():
        upload = files.get(field)
        if upload is None:
            errors[field] = f"Attach your {label}."
            continue
        data = await upload.read(MAX_BYTES + 1)
        outcome = check_document(label, len(data), data[:16])
        if isinstance(outcome, Rejected):
            errors[field] = outcome.errors["file"]
        else:
            good[field] = (upload, data, outcome.value)
    return good, errors


async def store_documents(good: dict[str, tuple[UploadFile, bytes, tuple[str, str]]],
                          directory: str
                          ) -> list[StoredDocument]:
    def write() -> list[StoredDocument]:
        os.makedirs(directory, exist_ok=True)
        stored = []
        for kind, (upload, data, (content_type, extension)) in good.items():
            # A random name: the uploader's file name never becomes a path.
            name = f"{uuid.uuid4().hex}.{extension}"
            with open(os.path.join(directory, name), "xb") as file:
                file.write(data)
            stored.append(StoredDocument(
                kind=kind, filename=os.path.basename(upload.filename or "")[:200] or name,
                # The type found in the bytes, never the one the browser claimed.
                content_type=content_type, size=len(data),
                sha256=hashlib.sha256(data).hexdigest(), stored_as=name))
        return stored

    return await run_in_threadpool(write)
