"""A form's one-time key: a form sent twice (a double tap, a reload) changes things once, and
an old form brought back by Back with other words typed into it is told so, not dropped."""
from __future__ import annotations

import re

# The key a page puts in its form (secrets.token_urlsafe(16)); anything else is no key of
# ours: the form is treated as expired.
FORM_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
SENT_ALREADY = ("This form was already sent with something else in it: nothing more was "
                "changed. What you typed is still here; send it again to keep it.")


def is_form_key(text: str | None) -> bool:
    return bool(FORM_KEY.fullmatch(text or ""))
