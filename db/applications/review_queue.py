"""The staff queue of applications that need plan review, oldest first (first come, first
served), filtered and paged to its last item by keyset (domain/review_queue.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.reader import as_date
from domain.review_queue import PAGE_SIZE, WAITING, Cursor, QueueAsk
from domain.subtypes import SUBTYPES

REVIEWED = tuple(s.name for s in SUBTYPES if s.plan_review)
# The queue's order, and a row's place in it compared with a cursor's (applied_on, id).
_ORDER = "applied_on, id"
_AFTER = "(applied_on > ? OR (applied_on = ? AND id > ?))"
_BEFORE = "(applied_on < ? OR (applied_on = ? AND id < ?))"


@dataclass(frozen=True)
class Waiting:
    id: int
    number: str
    subtype: str
    site_address: str
    status: str
    applied_on: date
    applicant: str | None

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.applied_on, self.id)


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue: its rows, the exact count of every match, and the place of its
    first row (1 for the first page), so staff read "Applications 51–75 of 141"."""
    rows: tuple[Waiting, ...]
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


def _where(ask: QueueAsk) -> tuple[str, list]:
    statuses = [ask.status] if ask.status else list(WAITING)
    conditions = [f"status IN ({', '.join('?' * len(statuses))})",
                  f"subtype IN ({', '.join('?' * len(REVIEWED))})"]
    params: list = [*statuses, *REVIEWED]
    if ask.permit_type:
        conditions.append("permit_type = ?")
        params.append(ask.permit_type)
    if ask.applied_before:
        conditions.append("applied_on <= ?")
        params.append(ask.applied_before)
    return " AND ".join(conditions), params


def _place(cursor: Cursor) -> list:
    return [cursor.applied_on, cursor.applied_on, cursor.id]


async def review_queue(reader, ask: QueueAsk) -> QueuePage:
    """The page after ``ask.after``, before ``ask.before``, or the first."""
    where, params = _where(ask)
    columns = "SELECT id, number, subtype, site_address, status, applied_on, contractor_name"
    if ask.before and not ask.after:
        found = await reader.fetch(
            f"{columns} FROM permit WHERE {where} AND {_BEFORE}"
            f" ORDER BY applied_on DESC, id DESC LIMIT {PAGE_SIZE}",
            [*params, *_place(ask.before)])
        found = list(reversed(found))
    else:
        start = (f" AND {_AFTER}", _place(ask.after)) if ask.after else ("", [])
        found = await reader.fetch(
            f"{columns} FROM permit WHERE {where}{start[0]} ORDER BY {_ORDER} LIMIT {PAGE_SIZE}",
            [*params, *start[1]])
    rows = tuple(Waiting(r[0], r[1], r[2], r[3], r[4], as_date(r[5]), r[6]) for r in found)
    total = (await reader.fetch(f"SELECT count(*) FROM permit WHERE {where}", params))[0][0]
    if not rows:
        return QueuePage((), total, 1 if not (ask.after or ask.before) else total + 1)
    earlier = await reader.fetch(f"SELECT count(*) FROM permit WHERE {where} AND {_BEFORE}",
                                 [*params, *_place(rows[0].cursor)])
    return QueuePage(rows, total, earlier[0][0] + 1)
