"""Rules that change on a date: the version in force on a day is the latest effective by then."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar


class Dated(Protocol):
    effective: date


D = TypeVar("D", bound=Dated)


def in_force(versions: Iterable[D], day: date, what: str) -> D:
    """The version of ``what`` (e.g. "fee schedule") in force on ``day``."""
    candidates = [v for v in versions if v.effective <= day]
    if not candidates:
        raise LookupError(f"no {what} is in force on {day.isoformat()}")
    return max(candidates, key=lambda v: v.effective)
