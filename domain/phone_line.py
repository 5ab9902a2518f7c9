"""The phone line's keypad entries, spoken forms and calls (../shared/reference/inspections.md)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from domain.inspection_types import CANCELLED, RESULTS
from domain.numbers import whole_or_none
from domain.permits import PermitNumber

# "Hear the last result" reads what an inspector found (issue 14 §6): a cancellation is not a
# result, and an inspection dated after today has none yet (db.inspections.phone_line.last_result).
HEARD_RESULTS = tuple(r for r in RESULTS if r != CANCELLED)

MAX_ATTEMPTS = 3  # invalid or missing entries re-prompt this many times, then the call ends

# A permit number is typed with the keypad's letters: B L D is 2 5 3 (ITU E.161).
KEYPAD = {letter: str(key) for key, letters in
          ((2, "ABC"), (3, "DEF"), (4, "GHI"), (5, "JKL"), (6, "MNO"), (7, "PQRS"),
           (8, "TUV"), (9, "WXYZ")) for letter in letters}
PREFIX_KEYS = {"".join(KEYPAD[c] for c in prefix): prefix
               for prefix in ("BLD", "MEC", "ELE", "PLM")}

# Street words as a person says them.
SPOKEN_WORDS = {"N": "North", "S": "South", "E": "East", "W": "West", "Blvd": "Boulevard",
                "Dr": "Drive", "Ave": "Avenue", "St": "Street", "Rd": "Road", "Pl": "Place",
                "Ln": "Lane", "Ct": "Court", "Ter": "Terrace", "Way": "Way", "Cir": "Circle",
                "Pkwy": "Parkway", "Hwy": "Highway", "Unit": "unit"}


@dataclass
class CallState:
    """What one call has said so far, kept on the server by CallSid."""
    step: str = "menu"
    flow: str = ""  # request, cancel or result
    attempts: int = 0
    permit: str | None = None
    account_id: int | None = None
    code: str | None = None
    dates: list[str] = field(default_factory=list)
    inspection_id: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "CallState":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def at(self, step: str) -> "CallState":
        """Moving to another question starts its count of attempts again."""
        self.step, self.attempts = step, 0
        return self

    def failed(self) -> bool:
        """Count a bad or missing entry; True when the caller has no attempts left."""
        self.attempts += 1
        return self.attempts >= MAX_ATTEMPTS


def permit_from_keypad(digits: str) -> PermitNumber | None:
    """``253202600042`` is BLD2026-00042."""
    digits = (digits or "").strip()
    if len(digits) != 12 or not (digits.isascii() and digits.isdigit()) or \
            digits[:3] not in PREFIX_KEYS:
        return None
    return PermitNumber.parse(f"{PREFIX_KEYS[digits[:3]]}{digits[3:7]}-{digits[7:]}")


def keypad_of(number: str) -> str:
    """The keys that type a permit number (printed on the permit card)."""
    return "".join(KEYPAD.get(c, c) for c in number if c.isalnum())


def spoken_digits(text: str) -> str:
    """Digit by digit, with pauses: "1, 2, 3"."""
    return ", ".join(c for c in text if c.isalnum())


def spoken_address(address: str) -> str:
    """House and unit numbers digit by digit, street words in full."""
    words = []
    for word in re.split(r"\s+", address.replace(",", " ").strip()):
        bare = word.rstrip(".")
        if any(c.isdigit() for c in bare):
            words.append(spoken_digits(bare))
        else:
            words.append(SPOKEN_WORDS.get(bare, bare))
    return " ".join(words)


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def spoken_date(day: date) -> str:
    """"Tuesday, December 1st"."""
    return f"{day:%A}, {day:%B} {_ordinal(day.day)}"


def choice_of(digits: str | None, count: int) -> int | None:
    """The 0-based option for a key 1..count, or None."""
    chosen = whole_or_none(digits or "", least=1, most=min(count, 9))
    return None if chosen is None or len(digits or "") != 1 else chosen - 1
