"""Permit numbers as people type them: BLD-2026-00865, BLD202600865, ele2026-356."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Between the type, the year and the sequence people type a hyphen, a space, another dash
# (phones' keyboards offer "–" and "—"), a dot, a slash or nothing at all.
_SEP = r"[\s\-\u2010-\u2015./_]{0,3}"
# ASCII: "\d" alone also matches other scripts' digits (issue 14 §7).
_TYPED = re.compile(rf"^(BLD|MEC|ELE|PLM){_SEP}(\d{{0,9}})(?:{_SEP}(\d{{0,5}}))?$", re.ASCII)

YEAR_DIGITS = 4
SEQUENCE_DIGITS = 5


@dataclass(frozen=True)
class TypedNumber:
    """What a typed permit number can mean.

    ``exact`` is a whole number it names (the sequence padded with zeros: ELE2026-356 is
    ELE2026-00356); ``prefix`` is the start of numbers it may also be (ELE2026-356 is the
    start of ELE2026-35600…35699). Search shows the exact permit when it exists, else
    every permit the prefix starts.
    """
    exact: str | None
    prefix: str | None


def _number(kind: str, year: str, sequence: str) -> str:
    return f"{kind}{year}-{int(sequence):0{SEQUENCE_DIGITS}d}"


def read_typed_number(text: str) -> TypedNumber | None:
    """A permit number or the start of one, written in any of the ways people write it."""
    match = _TYPED.match(" ".join(text.split()).upper())
    if not match:
        return None
    kind, digits, sequence = match[1], match[2], match[3]
    if sequence is not None and sequence and len(digits) != YEAR_DIGITS:
        return None  # "BLD-26-865": a two-digit year is not one of ours
    if sequence is None or not sequence:
        if len(digits) == YEAR_DIGITS + SEQUENCE_DIGITS:  # BLD202600865
            return TypedNumber(_number(kind, digits[:YEAR_DIGITS], digits[YEAR_DIGITS:]), None)
        if len(digits) > YEAR_DIGITS:  # BLD20260: the start of BLD2026-0…
            return TypedNumber(None, f"{kind}{digits[:YEAR_DIGITS]}-{digits[YEAR_DIGITS:]}")
        return TypedNumber(None, f"{kind}{digits}")
    if len(sequence) == SEQUENCE_DIGITS:
        return TypedNumber(_number(kind, digits, sequence), None)
    whole = _number(kind, digits, sequence) if int(sequence) else None
    return TypedNumber(whole, f"{kind}{digits}-{sequence}")
