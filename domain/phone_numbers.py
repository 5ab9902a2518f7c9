"""Phone numbers as links a phone can dial: ``tel:`` URIs in E.164 form (RFC 3966)."""
from __future__ import annotations

import re

# What people write between digits: "(323) 848-6475", "323.848.6475", "+1 323 848 6475".
_SEPARATORS = re.compile(r"[\s().\-\u00a0]")


def tel_uri(text: str) -> str | None:
    """``tel:+13238486475`` for a North American number (ten digits, or eleven starting with
    1) or an international one written with its ``+`` (8 to 15 digits, E.164's most); None for
    anything else, such as a number with an extension or letters: shown as text rather than
    a link that dials a wrong number (issue 14 §9: the footer's links were
    ``tel:(323) 848-6475``)."""
    compact = _SEPARATORS.sub("", text or "")
    international = compact.startswith("+")
    digits = compact[1:] if international else compact
    if not digits.isascii() or not digits.isdigit():
        return None
    if international:
        return f"tel:+{digits}" if 8 <= len(digits) <= 15 and digits[0] != "0" else None
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    # North American area codes and exchanges start with 2 to 9.
    if len(digits) == 10 and digits[0] in "23456789" and digits[3] in "23456789":
        return f"tel:+1{digits}"
    return None
