"""What a value of each BLDS type may be (domain/blds_spec.py), in a CSV cell and in a JSON file,
and how a message quotes a value.

One rule for both formats (issue 14 §8): a number is judged as it is written. An INTEGER is
written in digits only (245, -3), as a CSV cell or as a JSON number: "245.00", 245.0, 2.45e2
and 1e400 are refused in either. A NUMERIC value is written as JSON writes numbers
(-?digits[.digits][e±digits]). In a JSON file a value carries JSON's type, both ways: 42 is not
TEXT (nor a date), and "245" or "34.1" — strings — are not INTEGER or NUMERIC; in CSV every
value is text, so a number is its digits.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from decimal import Decimal, InvalidOperation

from domain.blds_spec import DATE, INTEGER, JSON, NUMERIC, TEXT

SHOWN_CHARS = 40  # of a value quoted in a message
# Beyond these, not every reader keeps a number exactly, or at all: RFC 8259 §6 (JSON) calls
# integers beyond ±(2**53 - 1) and numbers beyond IEEE 754 doubles not interoperable (I-JSON,
# RFC 7493 §2.2, forbids them); a spreadsheet or a JavaScript page would change them.
LARGEST_INTEGER = 2**53 - 1
LARGEST_NUMBER = Decimal("1.7976931348623157e308")

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# Characters a one-line message never prints raw: C0 and C1 controls (NUL, line ends,
# escapes a terminal would obey), DEL, and the halves of UTF-16 pairs (below).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# What text in a file may not hold, though JSON can escape it (\u0000, \ud800): NUL, which
# PostgreSQL's text refuses and C programs take for the end of the text, and a half of a UTF-16
# pair alone, which is no character at all (no UTF-8 can write it; printing it failed).
_NOT_TEXT = re.compile(r"[\x00\ud800-\udfff]")


class JsonNumber(Decimal):
    """A number read from a JSON file: exact (Decimal, with no limit on digits) and kept as
    written, so that 2.45e2 is not taken for the INTEGER 245 nor quoted as “245”."""
    __slots__ = ("written",)

    def __new__(cls, written: str) -> JsonNumber:
        try:
            number = super().__new__(cls, written)
        except InvalidOperation:  # an exponent beyond Decimal's (1e999999999999999999999)
            number = super().__new__(cls, "NaN")
        number.written = written
        return number


class JsonObject(dict):
    """A JSON object as read, with the keys it gave more than once (JSON keeps the last)."""
    repeated: tuple[str, ...] = ()


def object_pairs(pairs: list[tuple[str, object]]) -> JsonObject:
    found = JsonObject(pairs)
    if len(found) < len(pairs):
        counts = Counter(key for key, _ in pairs)
        found.repeated = tuple(key for key, count in counts.items() if count > 1)
    return found


def printable(text: str) -> str:
    """Text as a message prints it: control characters as their escapes (\\u0000)."""
    return _CONTROL.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def shown(value) -> str:
    """A value as a message quotes it: never the whole of a huge or nested one, never a control
    character raw, a number as it was written."""
    if isinstance(value, (dict, list)):
        return "a JSON object" if isinstance(value, dict) else "a JSON array"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    text = printable(written(value) if _is_number(value) else str(value)
                     if isinstance(value, str) else type(value).__name__)
    return f"“{text[:SHOWN_CHARS]}…”" if len(text) > SHOWN_CHARS else f"“{text}”"


def written(number: int | float | Decimal) -> str:
    return number.written if isinstance(number, JsonNumber) else str(number)


def decimal_of(value) -> Decimal:
    """A number, or a number's text, as Decimal; NaN when it is none (or beyond Decimal)."""
    try:
        return value if isinstance(value, Decimal) else Decimal(
            value if isinstance(value, str) else str(value))
    except (InvalidOperation, ValueError):
        return Decimal("NaN")


def not_text(value) -> str | None:
    """What text anywhere in the value (keys of objects too) holds that no text may (a NUL
    character, half of a UTF-16 pair), said with why; None when nothing. Walked without
    recursion, as a record may nest hundreds of levels."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if found := _NOT_TEXT.search(item):
                return ("a NUL character (\\u0000), which databases refuse and programs "
                        "take for the end of the text" if found[0] == "\x00" else
                        f"{printable(found[0])}, half of a UTF-16 pair and no character, which "
                        "UTF-8 cannot write")
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return None


def _is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _text(value, from_json: bool) -> str | None:
    return None if isinstance(value, str) else f"{shown(value)}: must be text"


def _date(value, from_json: bool) -> str | None:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"{shown(value)} is not a date written YYYY-MM-DD"


def _as_written(value, from_json: bool) -> str | None:
    """A number's text as written (its JSON literal, or a CSV cell); None for what cannot be a
    number: a JSON string, a boolean, an object."""
    if _is_number(value):
        return written(value)
    return value if isinstance(value, str) and not from_json else None


def _integer(value, from_json: bool) -> str | None:
    if isinstance(value, str) and from_json:
        return f"{shown(value)} is text: in JSON an INTEGER is a number, written without quotes"
    text = _as_written(value, from_json)
    if text is not None and _INTEGER.fullmatch(text):
        if abs(Decimal(text)) <= LARGEST_INTEGER:
            return None
        return f"{shown(value)} is beyond ±{LARGEST_INTEGER:,}, more than readers keep exactly"
    number = decimal_of(text) if text is not None and _NUMBER.fullmatch(text) else None
    whole = (number is not None and number.is_finite() and abs(number) <= LARGEST_INTEGER
             and number == number.to_integral_value())
    return (f"{shown(value)} is not a whole number written in digits (BLDS types it INTEGER)"
            + (f": write {int(number)}" if whole else ""))


def _numeric(value, from_json: bool) -> str | None:
    if isinstance(value, str) and from_json:
        return (f"{shown(value)} is text: in JSON a NUMERIC value is a number, written without "
                "quotes")
    text = _as_written(value, from_json)
    if text is None or not _NUMBER.fullmatch(text):
        return f"{shown(value)} is not a number written with digits and a decimal point"
    number = decimal_of(value if _is_number(value) else text)
    if not number.is_finite() or abs(number) > LARGEST_NUMBER:
        return f"{shown(value)} is beyond ±1.8e308, more than readers can hold"
    return None


def _json(value, from_json: bool) -> str | None:
    """ExtraFields: "Source fields that could not logically map to one of the above fields",
    a JSON object, or text holding one (a CSV cell)."""
    if isinstance(value, str):
        try:
            value = json.loads(value, object_pairs_hook=object_pairs)
        except RecursionError:
            return "nested too deeply to read"
        except ValueError:
            return "not JSON text"
    if not isinstance(value, dict):
        return f"{shown(value)}: must be a JSON object"
    repeated = getattr(value, "repeated", ())
    return f"repeats the key “{printable(repeated[0])}”" if repeated else None


TYPE_CHECKS = {TEXT: _text, DATE: _date, INTEGER: _integer, NUMERIC: _numeric, JSON: _json}


def type_problem(kind: str, value, from_json: bool) -> str | None:
    """Why ``value`` is not of the BLDS type ``kind`` as a CSV cell (``from_json`` False) or a
    JSON value carries it, or None."""
    return TYPE_CHECKS[kind](value, from_json)
