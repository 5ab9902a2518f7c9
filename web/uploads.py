"""Storing uploaded proof documents outside the web root, after checking them by content."""
from __future__ import annotations

import hashlib
import os
import uuid

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from domain.documents import MAX_BYTES, StoredDocument, check_document
from domain.outcomes import Rejected


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


CHUNK = 1024 * 1024


async def head_of(upload: UploadFile, size: int = 16) -> bytes:
    """The file's first bytes, to judge it by; the file is left at its start."""
    head = await upload.read(size)
    await upload.seek(0)
    return head


async def keep_file(upload: UploadFile, directory: str, extension: str
                    ) -> tuple[str, int, str]:
    """Copy an upload (already spooled to a temporary file by the form parser) into the store
    a megabyte at a time, never whole in memory: (stored name, size, SHA-256)."""
    def copy() -> tuple[str, int, str]:
        os.makedirs(directory, exist_ok=True)
        name = f"{uuid.uuid4().hex}.{extension}"  # the uploader's name never becomes a path
        digest, size = hashlib.sha256(), 0
        upload.file.seek(0)
        with open(os.path.join(directory, name), "xb") as out:
            while chunk := upload.file.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        return name, size, digest.hexdigest()

    return await run_in_threadpool(copy)


def forget_files(directory: str, names: list[str]) -> None:
    """Delete stored files no record names any more (a plan set replaced before sending)."""
    for name in names:
        try:
            os.remove(os.path.join(directory, os.path.basename(name)))
        except FileNotFoundError:
            pass
