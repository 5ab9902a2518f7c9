"""Phone numbers inside a sentence, made links a phone dials (issue 14 §10, second reading).

A number shown as plain text cannot be tapped on the phone most people read the portal on;
``phone_link`` links a field holding one number, ``link_phones`` every number in a sentence
(a refusal that says whom to call, a reason staff typed).
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from domain.phone_numbers import tel_uri

# North American numbers as people write them, optionally with +1 or 1: (323) 848-6475,
# 323-848-6475, 323.848.6475, +1 323 848 6475; tel_uri decides whether one can be dialled.
PHONE = re.compile(r"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\w)")


def phone_link(number: str | None) -> Markup:
    """The number as written, linked to its E.164 ``tel:`` URI when a phone can dial it."""
    link = tel_uri(number or "")
    text = escape(number or "")
    return Markup(f'<a href="{link}">{text}</a>') if link else text


def link_phones(text: str | None) -> Markup:
    """``text`` escaped, each phone number in it a ``tel:`` link."""
    text = "" if text is None else str(text)
    parts, last = [], 0
    for found in PHONE.finditer(text):
        parts += [escape(text[last:found.start()]), phone_link(found[0])]
        last = found.end()
    return Markup("").join([*parts, escape(text[last:])])
