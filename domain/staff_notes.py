"""Internal staff notes on a permit (issue 16 §3): what a note may hold."""
from __future__ import annotations

from domain.form_keys import is_form_key
from domain.outcomes import Accepted, Rejected
from domain.typed_text import as_written

MAX_NOTE = 2000
WRITE_NOTE = "Write the note."
LONG_NOTE = f"Keep the note to {MAX_NOTE:,} characters."
EXPIRED = "This form has expired: reload the page and write the note again."
ADDED = "Note added to {number}. Only city staff read it."


def check_note(text: str, form_key: str) -> Accepted[str] | Rejected:
    body = "\n".join(line.rstrip() for line in as_written(text).splitlines())
    if not is_form_key(form_key):  # a note sent twice is kept once (domain/form_keys.py)
        return Rejected({"note": EXPIRED})
    if not body:
        return Rejected({"note": WRITE_NOTE})
    if len(body) > MAX_NOTE:
        return Rejected({"note": LONG_NOTE})
    return Accepted(body)
