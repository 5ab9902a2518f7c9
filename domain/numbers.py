"""Numbers people type: the one reader every numeric field goes through (issue 14, point 7).

Read: the ASCII digits 0-9, in groups of three separated by commas if the writer likes
("18,500"), then, where the field takes them, a point and decimals ("18,500.50"); a leading "$"
on amounts; spaces around. Everything else is refused with a message saying what to type,
never read as some other number: Python's own readers accept too much — ``int()`` and
``Decimal()`` take other scripts' digits ("١٠٠٠", "１０００") and "1_000", ``str.isdigit`` takes "²"
that ``int()`` then refuses, and ``int()`` of 5,000 digits raises ValueError (the int-digit
limit) — a 500 where a field error belonged. "1,0,0,0" and "1,5" (a decimal comma in much
of the world) are refused rather than guessed at.
"""
from __future__ import annotations

import re
import string
from decimal import Decimal

from domain.outcomes import Accepted, Rejected

# Characters a number field holds: "$500,000,000.00" has 15. Forms say it as maxlength, and a
# longer text is refused before any conversion.
MAX_TEXT = 24
# Ids are Piccolo's serial columns: 32-bit on PostgreSQL (2,147,483,647 at most). Nine digits
# fit, and are more than a city's records will ever number.
LARGEST_ID = 999_999_999
# The key of a refusal's message, which callers file under their own field: NUMBER when the
# text is not a number as written here, RANGE when it is one outside the field's range.
NUMBER, RANGE = "number", "range"

_WHOLE = r"(?:[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)"
_SHAPE = re.compile(rf"(\$?)({_WHOLE}?)(?:\.([0-9]+))?", re.ASCII)
_SPACE = " \t\r\n"


def _refused(message: str, key: str = NUMBER) -> Rejected:
    return Rejected({key: message})


def labelled(label: str, refusal: Rejected) -> str:
    """A refusal's message for a field named ``label``: "Valuation: type the number …"."""
    message = refusal.message
    return f"{label}: {message[:1].lower()}{message[1:]}"


def _range(least: Decimal | int, most: Decimal | int, places: int) -> str:
    def shown(value) -> str:
        return f"{value:,.{places}f}" if places and value != int(value) else f"{int(value):,}"
    return f"Enter a number from {shown(least)} to {shown(most)}."


def _example(places: int, dollars: bool) -> str:
    return ("$" if dollars else "") + ("1,500" if places == 0 else "18,500.50" if places == 2
                                       else "0.65")


def other_digits(text: str) -> bool:
    """Whether ``text`` holds digits other than 0-9: another script's ("١٢٣"), fullwidth
    ("１２３"), superscripts ("²"). Every typed number is refused for them, phone numbers too
    (domain/accounts.py): what is kept and dialled is then exactly what the writer sees."""
    return any(c.isdigit() or c.isnumeric() for c in text if c not in string.digits)


def _shape_problem(text: str, places: int, dollars: bool) -> str:
    """Why ``text`` is not a number as this field writes them."""
    example = _example(places, dollars)
    if other_digits(text):
        return f"Type the number with the digits 0 to 9, like {example}."
    bare = text.removeprefix("$") if dollars else text
    if "," in bare and re.fullmatch(r"[0-9,]+(?:\.[0-9]*)?", bare, re.ASCII):
        return ("Put commas only between groups of three digits, like 1,000 or 18,500"
                + (", and a point before the decimals." if places else "."))
    return f"Enter the number in digits, like {example}."


def read_decimal(text: str, *, places: int, least: Decimal | int = 0, most: Decimal | int,
                 dollars: bool = False) -> Accepted[Decimal] | Rejected:
    """A number of at most ``places`` decimals from ``least`` to ``most``; "$" first when
    ``dollars``. The value keeps the decimals typed ("2.5" stays 2.5, not 2.50)."""
    text = text.strip(_SPACE)
    if not text:
        return _refused("Enter a number.")
    if len(text) > MAX_TEXT:
        if re.fullmatch(r"-?[0-9,.$]+", text, re.ASCII):
            return _refused(_range(least, most, places), RANGE)
        return _refused(_shape_problem(text[:MAX_TEXT], places, dollars))
    shape = _SHAPE.fullmatch(text.removeprefix("-"))
    if shape is not None and text.startswith("-") and (shape[2] or shape[3]):
        return _refused(_range(least, most, places), RANGE)  # "-5": a number, below the least
    if shape is None or text.startswith("-") or (shape[1] and not dollars) or not (shape[2] or shape[3]):
        return _refused(_shape_problem(text, places, dollars))
    fraction = shape[3] or ""
    if len(fraction) > places:
        return _refused("Enter a whole number." if places == 0 else
                        "Enter at most two digits after the point (cents)." if places == 2 else
                        f"Enter at most {places} digits after the point.")
    value = Decimal(f"{(shape[2] or '0').replace(',', '')}.{fraction}" if fraction
                    else (shape[2] or "0").replace(",", ""))
    if not least <= value <= most:
        return _refused(_range(least, most, places), RANGE)
    return Accepted(value)


def read_whole(text: str, *, least: int = 0, most: int) -> Accepted[int] | Rejected:
    """A whole number from ``least`` to ``most`` ("1,000" is one thousand)."""
    outcome = read_decimal(text, places=0, least=least, most=most)
    return outcome if isinstance(outcome, Rejected) else Accepted(int(outcome.value))


def read_amount(text: str, *, most: Decimal | int, least: Decimal | int = 0
                ) -> Accepted[Decimal] | Rejected:
    """Dollars and optional cents ("$18,500", "18,500.5"), as an amount of 2 places."""
    outcome = read_decimal(text, places=2, least=least, most=most, dollars=True)
    if isinstance(outcome, Rejected):
        return outcome
    return Accepted(outcome.value.quantize(Decimal("0.01")))


def whole_or_none(text: str, most: int, least: int = 0) -> int | None:
    """A whole number, or None: for numbers a page sends itself (ids, page numbers), where
    anything else is simply not one of them."""
    outcome = read_whole(text, least=least, most=most)
    return outcome.value if isinstance(outcome, Accepted) else None


def id_or_none(text: str) -> int | None:
    """A database id a page sent back (a hidden field, a query string), or None."""
    return whole_or_none(text, most=LARGEST_ID, least=1)


def written(value: Decimal | int, places: int = 0) -> str:
    """``value`` as this reader reads it back: "18,500", "18,500.50"."""
    return f"{value:,.{places}f}" if places else f"{int(value):,}"
