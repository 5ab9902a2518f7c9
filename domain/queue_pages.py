"""Where a page of a staff queue stands (issue 16 §1): "Applications 51–75 of 141"."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from domain.numbers import id_or_none

Row = TypeVar("Row")
# Rows a page of every staff queue lists.
PAGE_SIZE = 25


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


@dataclass(frozen=True)
class PageAsk:
    """A page of a queue in id order (ids grow with time, so id order is oldest first): the
    id it starts after or ends before; neither, the first page."""
    after: int | None = None
    before: int | None = None


def page_params(ask: PageAsk) -> dict[str, str]:
    """The cursor of a page as query parameters: a decision posted from it lands back on it."""
    return {name: str(value) for name, value in (("after", ask.after), ("before", ask.before))
            if value}


def read_page_ask(params: Mapping[str, str]) -> PageAsk:
    """The cursor of a queue's page link; one that is not an id starts at the first page
    (only the queue's own links make them)."""
    return PageAsk(id_or_none(params.get("after", "")), id_or_none(params.get("before", "")))
