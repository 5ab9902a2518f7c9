"""An inspector's own order of a day's stops (issue 17 §3): read from what a phone sends, kept to
the day's own stops, merged with stops added later, and moved one place up or down."""
from __future__ import annotations

import json
from typing import Iterable, TypeVar

from domain.numbers import id_or_none

# More stops than any inspector's day holds (a district's day is a few units each): a longer
# list is cut here rather than read whole, whoever sent it.
MOST_STOPS = 200
UP, DOWN = "up", "down"

T = TypeVar("T")


def _first_each(ids: Iterable[int | None]) -> list[int]:
    """The ids in order, each once, at most MOST_STOPS; None (not an id) left out."""
    seen: dict[int, None] = {}
    for inspection_id in ids:
        if inspection_id is not None:
            seen.setdefault(inspection_id, None)
            if len(seen) == MOST_STOPS:
                break
    return list(seen)


def sent_ids(text: str) -> list[int]:
    """The order a phone sent: ids separated by commas ("41,17,23"). What is not an id is
    left out; only the first MOST_STOPS pieces are read."""
    pieces = text.split(",", MOST_STOPS)[:MOST_STOPS]
    return _first_each(id_or_none(piece.strip()) for piece in pieces)


def stored_ids(text: str) -> list[int]:
    """The order as the database keeps it (a JSON list); an unreadable one is no order."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: [[[… nested a thousand deep
        return []
    if not isinstance(value, list):
        return []
    return _first_each(item if isinstance(item, int) and not isinstance(item, bool)
                       and id_or_none(str(item)) else None for item in value[:MOST_STOPS])


def kept_to(order: list[int], day_ids: list[int]) -> list[int]:
    """Only the day's own stops, in the order given: another inspector's, another day's and
    made-up ids are ignored."""
    own = set(day_ids)
    return [inspection_id for inspection_id in order if inspection_id in own]


def in_order(saved: list[int], day_ids: list[int]) -> list[int]:
    """The day's stops in the inspector's order: the saved ones first, as saved, then stops
    added since (booked, reassigned to them) in the default driving order."""
    first = kept_to(_first_each(saved), day_ids)
    placed = set(first)
    return first + [inspection_id for inspection_id in day_ids if inspection_id not in placed]


def arranged(stops: list[T], saved: list[int], id_of=lambda stop: stop.id) -> list[T]:
    """``stops`` (in the default driving order) in the inspector's order."""
    by_id = {id_of(stop): stop for stop in stops}
    return [by_id[inspection_id] for inspection_id in in_order(saved, list(by_id))]


def moved(order: list[int], inspection_id: int | None, direction: str) -> list[int]:
    """``order`` with one stop moved one place ``direction`` (UP: earlier); unchanged when the
    stop is not in it, already first or last, or the direction is neither."""
    if inspection_id not in order or direction not in (UP, DOWN):
        return list(order)
    at = order.index(inspection_id)
    to = at - 1 if direction == UP else at + 1
    if not 0 <= to < len(order):
        return list(order)
    result = list(order)
    result[at], result[to] = result[to], result[at]
    return result


DAY_UNREADABLE = "The route's day could not be read: reload the route and try again."
OTHER_ACCOUNT = ("This order was set while another account was signed in on this phone: sign in "
                 "as that inspector to send it.")
