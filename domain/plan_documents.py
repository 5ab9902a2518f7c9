"""Plans and papers attached to an application (issue 16 §2): kinds, limits, names, versions."""
from __future__ import annotations

import re
import unicodedata

from domain.documents import sniff
from domain.outcomes import Accepted, Rejected
from domain.plan_review import REVIEWED

PLAN_SET = "plan_set"
# What a plan reviewer asks for; a plan set is what the review is of, the rest supports it.
KINDS = {PLAN_SET: "Plan set", "calculations": "Calculations",
         "photos": "Photos of the site", "owner_authorization": "Owner's authorization"}
MB = 1024 * 1024
# A full plan set scanned at 300 dpi runs to tens of MB; ProjectDox and Bluebeam Studio
# sessions take 100 MB a file. An application's whole set is capped so one account cannot fill
# the city's disk.
MAX_FILE_BYTES = 100 * MB
MAX_APPLICATION_BYTES = 500 * MB
MAX_APPLICATION_FILES = 60
MAX_NAME = 120
# The form's own fields and the multipart framing around one file.
FORM_SLACK = 64 * 1024

CHOOSE_KIND = "Choose what the file is from the list."
CHOOSE_FILE = "Choose a file to attach."
EMPTY = "The file is empty."
TOO_LARGE = f"The file is larger than {MAX_FILE_BYTES // MB} MB: split the plan set or " \
            "scan it at a lower resolution."
FULL = (f"This application already has {MAX_APPLICATION_BYTES // MB} MB of documents: remove "
        "one not yet sent before attaching another, or bring the rest to the counter.")
TOO_MANY = (f"This application already has {MAX_APPLICATION_FILES} documents: remove one not "
            "yet sent before attaching another.")
NOT_A_DOCUMENT = "Attach a PDF, JPEG or PNG file: the file's contents are none of these."
MISSING_PLAN_SET = ("Attach the plan set: {subtype} work is reviewed from its plans before the "
                    "permit is issued.")
ALREADY_SENT = ("Nothing was attached: this application was already sent. Corrected plans go "
                "with your answer when the city asks for corrections; see your dashboard.")
NOT_PENDING = "That document was already sent with the application and is kept on record."
ATTACHED = "{label} attached: {filename}. It is sent when you {send}."


def check_kind(kind: str) -> Accepted[str] | Rejected:
    return Accepted(kind) if kind in KINDS else Rejected({"kind": CHOOSE_KIND})


def declared_too_large(content_length: str | None) -> bool:
    """A body announced as larger than one file and its form: refused before it is read."""
    return content_length is not None and content_length.isdigit() and \
        int(content_length) > MAX_FILE_BYTES + FORM_SLACK


def check_file(size: int, head: bytes, used_bytes: int, used_files: int
               ) -> Accepted[tuple[str, str]] | Rejected:
    """(content type, extension) of an acceptable file, judged by its bytes, never by the name
    or the type the browser claimed; else why not."""
    if size == 0:
        return Rejected({"file": EMPTY})
    if size > MAX_FILE_BYTES:
        return Rejected({"file": TOO_LARGE})
    if used_files >= MAX_APPLICATION_FILES:
        return Rejected({"file": TOO_MANY})
    if used_bytes + size > MAX_APPLICATION_BYTES:
        return Rejected({"file": FULL})
    kind = sniff(head)
    return Accepted(kind) if kind else Rejected({"file": NOT_A_DOCUMENT})


_UNSAFE = re.compile(r"[^\w .()+,-]+")


def safe_filename(name: str | None, extension: str) -> str:
    """The name a download is offered under: the last path part of what the browser sent,
    without control characters, quotes, slashes or leading dots, at most MAX_NAME characters,
    and ending in the extension the contents have (a PDF named .html is saved as .pdf)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    stem = _UNSAFE.sub("_", base.rsplit(".", 1)[0] if "." in base else base).strip(" ._")
    stem = stem[:MAX_NAME - len(extension) - 1].rstrip(" ._") or "document"
    return f"{stem}.{extension}"


def plan_set_needed(subtype: str) -> bool:
    return subtype in REVIEWED


def missing_plan_set(subtype: str, kinds: set[str]) -> Rejected | None:
    """Reviewed work goes to review with its plans, or not at all."""
    if plan_set_needed(subtype) and PLAN_SET not in kinds:
        return Rejected({"file": MISSING_PLAN_SET.format(subtype=subtype)})
    return None


def next_version(sent_versions: list[int]) -> int:
    """v1, v2 … of each kind, counting the rounds sent before: nothing sent is overwritten,
    and the files of one round are one version (a plan set split into several PDFs)."""
    return max(sent_versions, default=0) + 1


def title(kind: str, version: int) -> str:
    label = KINDS.get(kind, kind)
    return f"{label} v{version}" if kind == PLAN_SET else label


def attached_notice(documents, attached: str, send: str = "submit the application") -> str:
    """After an upload (?attached=<id>): said only of a file of these not yet sent, so a
    crafted address says nothing."""
    found = next((d for d in documents if str(d.id) == attached and d.round is None), None)
    return ATTACHED.format(label=KINDS.get(found.kind, found.kind), filename=found.filename,
                           send=send) if found else ""


def size_words(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"
