"""The staff queue of applications that need plan review, oldest first (first come, first
served), filtered and paged to its last item by keyset (domain/review_queue.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.permits.search import status_condition
from db.reader import as_date
from domain.queue_pages import PAGE_SIZE, QueuePage
from domain.review_queue import REVIEWED, UNASSIGNED, WAITING, Cursor, QueueAsk

# The partial index permit_waiting (migration of 2026-12-05) holds these rows in this order.
WAITING_CONDITION = status_condition(WAITING, column="status")
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


def _where(ask: QueueAsk) -> tuple[str, list]:
    conditions = [WAITING_CONDITION, f"subtype IN ({', '.join('?' * len(REVIEWED))})"]
    params: list = [*REVIEWED]
    if ask.status:
        conditions.append("status = ?")
        params.append(ask.status)
    if ask.permit_type:
        conditions.append("permit_type = ?")
        params.append(ask.permit_type)
    if ask.applied_before:
        conditions.append("applied_on <= ?")
        params.append(ask.applied_before)
    if ask.discipline or ask.reviewer:
        # An open review of the discipline, or given to the reviewer (or to no one yet).
        review = ["r.permit = permit.id", "r.decision = ''"]
        if ask.discipline:
            review.append("r.discipline = ?")
            params.append(ask.discipline)
        if ask.reviewer == UNASSIGNED:
            review.append("r.reviewer IS NULL")
        elif ask.reviewer:
            review.append("r.reviewer = ?")
            params.append(ask.reviewer)
        conditions.append(f"EXISTS (SELECT 1 FROM review_assignment r WHERE "
                          f"{' AND '.join(review)})")
    return " AND ".join(conditions), params


def _place(cursor: Cursor) -> list:
    return [cursor.applied_on, cursor.applied_on, cursor.id]


async def review_queue(reader, ask: QueueAsk) -> QueuePage[Waiting]:
    """The page after ``ask.after``, before ``ask.before``, or the first."""
    where, params = _where(ask)
    # SQLite's statistics do not tell that "Applied" is rare: on its own it walked the
    # (permit_type, applied_on) index through every BLD permit ever (186 ms over 1M) and
    # counted through (status, applied_on) and the table's rows (4 ms) instead of the queue's
    # own covering index. PostgreSQL's planner takes the partial index by itself.
    table = "permit INDEXED BY permit_waiting" if reader.dialect == "sqlite" else "permit"
    columns = "SELECT id, number, subtype, site_address, status, applied_on, contractor_name"
    if ask.before and not ask.after:
        found = await reader.fetch(
            f"{columns} FROM {table} WHERE {where} AND {_BEFORE}"
            f" ORDER BY applied_on DESC, id DESC LIMIT {PAGE_SIZE}",
            [*params, *_place(ask.before)])
        found = list(reversed(found))
    else:
        start = (f" AND {_AFTER}", _place(ask.after)) if ask.after else ("", [])
        found = await reader.fetch(
            f"{columns} FROM {table} WHERE {where}{start[0]} ORDER BY {_ORDER} LIMIT {PAGE_SIZE}",
            [*params, *start[1]])
    rows = tuple(Waiting(r[0], r[1], r[2], r[3], r[4], as_date(r[5]), r[6]) for r in found)
    total = (await reader.fetch(f"SELECT count(*) FROM {table} WHERE {where}", params))[0][0]
    if not rows:
        return QueuePage((), total, 1 if not (ask.after or ask.before) else total + 1)
    if not (ask.after or ask.before):
        return QueuePage(rows, total, 1)  # the first page: nothing before it to count
    earlier = await reader.fetch(f"SELECT count(*) FROM {table} WHERE {where} AND {_BEFORE}",
                                 [*params, *_place(rows[0].cursor)])
    return QueuePage(rows, total, earlier[0][0] + 1)
