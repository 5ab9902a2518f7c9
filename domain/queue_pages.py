"""Where one page of a staff queue stands in it: "Applications 51–75 of 141" (issue 16 §1:
every queue is paged to its last item with exact counts)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

Row = TypeVar("Row")


@dataclass(frozen=True)
class QueuePage(Generic[Row]):
    """One page of a queue: its rows, the exact count of every match, and the place of its
    first row (1 for the first page; past the end, one more than the count)."""
    rows: tuple[Row, ...]
    total: int
    first: int

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1

    @property
    def has_previous(self) -> bool:
        return self.first > 1

    @property
    def has_next(self) -> bool:
        return self.last < self.total
