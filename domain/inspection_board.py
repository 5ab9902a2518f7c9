"""The inspection board's filters (one inspector, one district) and handing an inspector's
day to another: what is asked, why it is refused, and what the board says after it."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.numbers import id_or_none
from domain.outcomes import Accepted, Rejected

NOBODY = 0  # the inspector filter's "Not assigned yet"
NOT_AN_INSPECTOR = "Choose an inspector from the list."
NOT_A_DISTRICT = "Choose a district from the list."
CHOOSE_FROM = "Choose the inspector whose inspections are handed over."
CHOOSE_TO = "Choose an active inspector to take them."
NOTHING_HELD = ("That inspector has no inspection scheduled on this day: nothing was handed over. "
                "The board shows who holds them now.")
SAME_INSPECTOR = "Choose another inspector to take them: that one already has them."
# One whole sentence per number of the new inspector's inspections (one, or any other).
HANDED_OVER = {
    True: "{to} now has 1 inspection scheduled on this day; {origin} has {left} still scheduled.",
    False: ("{to} now has {count} inspections scheduled on this day; {origin} has {left} still "
            "scheduled."),
}


@dataclass(frozen=True)
class BoardAsk:
    inspector: int | None = None  # an account id, NOBODY, or None for everyone
    district: str | None = None


def read_board_ask(query: Mapping[str, str], inspectors: Sequence[int],
                   districts: Sequence[str]) -> tuple[BoardAsk, dict[str, str]]:
    """The filters asked (``?inspector=<id>|none&district=<code>``); one not on the lists is
    dropped with a message, the rest of the board still shown."""
    errors: dict[str, str] = {}
    inspector, district = None, None
    typed = query.get("inspector", "")
    if typed == "none":
        inspector = NOBODY
    elif typed:
        inspector = id_or_none(typed)
        if inspector not in inspectors:
            inspector, errors["inspector"] = None, NOT_AN_INSPECTOR
    typed = query.get("district", "")
    if typed:
        if typed in districts:
            district = typed
        else:
            errors["district"] = NOT_A_DISTRICT
    return BoardAsk(inspector, district), errors


def check_handover(form: Mapping[str, str]) -> Accepted[tuple[int, int]] | Rejected:
    """(from, to) of a day's handover, as chosen; what ``from`` still holds, and whether
    ``to`` is an active inspector, are decided as it is saved (a second tab may have handed
    the day over meanwhile)."""
    origin, to = id_or_none(form.get("from", "")), id_or_none(form.get("to", ""))
    errors = {}
    if origin is None:
        errors["from"] = CHOOSE_FROM
    if to is None:
        errors["to"] = CHOOSE_TO
    elif to == origin:
        errors["to"] = SAME_INSPECTOR
    return Rejected(errors) if errors else Accepted((origin, to))


def handed_over(origin: str, to: str, count: int, left: int) -> str:
    """After a handover, from the board as it is now."""
    return HANDED_OVER[count == 1].format(origin=origin, to=to, count=count, left=left)
