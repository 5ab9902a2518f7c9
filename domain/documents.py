"""Uploaded proof documents: the file types accepted, judged by content, not by name."""
from __future__ import annotations

from dataclasses import dataclass

from domain.outcomes import Accepted, Rejected

MAX_BYTES = 5 * 1024 * 1024
# Magic numbers: ISO 32000 (PDF), JFIF/Exif SOI marker (JPEG), PNG signature (RFC 2083).
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


@dataclass(frozen=True)
class StoredDocument:
    """A file written to the store under a random name, to be recorded."""
    kind: str
    filename: str
    content_type: str
    size: int
    sha256: str
    stored_as: str


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF, JPEG or PNG by its first bytes, else None."""
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


def check_document(label: str, size: int, head: bytes) -> Accepted[tuple[str, str]] | Rejected:
    if size == 0:
        return Rejected({"file": f"The {label} file is empty."})
    if size > MAX_BYTES:
        return Rejected({"file": f"The {label} must be smaller than "
                                 f"{MAX_BYTES // (1024 * 1024)} MB."})
    kind = sniff(head)
    if kind is None:
        return Rejected({"file": f"The {label} must be a PDF, JPEG or PNG file."})
    return Accepted(kind)
