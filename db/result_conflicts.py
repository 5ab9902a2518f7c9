"""The supervisor's queue of results that arrived for inspections that had changed."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from db.audit import record
from db.inspection_results import Conflict, Enterer, result_in_transaction
from db.reader import as_date
from db.tables import ResultConflict
from db.transactions import lock_rows, write_transaction
from domain.inspection_results import ResultEntry
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected


@dataclass(frozen=True)
class Waiting:
    id: int
    inspection_id: int
    permit_number: str
    type_code: str
    type_name: str
    day: date | None
    status: str
    entered_by: str
    entered_at: datetime
    reason: str
    entry: ResultEntry
    permit_id: int


_COLUMNS = (ResultConflict.id, ResultConflict.inspection, ResultConflict.inspection.permit.number,
            ResultConflict.inspection.permit,
            ResultConflict.inspection.type_code, ResultConflict.inspection.type_name,
            ResultConflict.inspection.scheduled_for, ResultConflict.inspection.status,
            ResultConflict.entered_by, ResultConflict.entered_at, ResultConflict.reason,
            ResultConflict.entry)


def _waiting(row: dict) -> Waiting:
    day = row["inspection.scheduled_for"]
    return Waiting(row["id"], row["inspection"], row["inspection.permit.number"],
                   row["inspection.type_code"], row["inspection.type_name"],
                   as_date(day),
                   row["inspection.status"], row["entered_by"], row["entered_at"],
                   row["reason"], ResultEntry(**json.loads(row["entry"])),
                   row["inspection.permit"])


async def unresolved(account_id: int | None = None) -> list[Waiting]:
    """Every unresolved conflict (a supervisor's queue), or one inspector's own."""
    where = ResultConflict.resolved_at.is_null()
    if account_id is not None:
        where = where & (ResultConflict.account == account_id)
    rows = await ResultConflict.select(*_COLUMNS).where(where).order_by(ResultConflict.id)
    return [_waiting(r) for r in rows]


async def resolve(conflict_id: int, apply: bool, by: Enterer, note: str, now: datetime,
                  today: date, notice: NoticeContext) -> Accepted[str] | Rejected | None:
    """Record the result after all (when the inspection can still take it), or set it aside
    with a note; either way the conflict leaves the queue."""
    async with write_transaction():
        # One transaction, the conflict locked first: two supervisors cannot both apply it,
        # and the result is never recorded with the conflict left in the queue.
        await lock_rows("result_conflict", "id", [conflict_id])
        row = await ResultConflict.select(*_COLUMNS).where(
            (ResultConflict.id == conflict_id) & ResultConflict.resolved_at.is_null()).first()
        if row is None:
            return None
        waiting = _waiting(row)
        if apply:
            outcome = await result_in_transaction(waiting.inspection_id, waiting.entry, by, now,
                                                  today, notice, keep_conflict=False)
            if isinstance(outcome, Conflict):
                return Rejected({"decision": f"It cannot be recorded: {outcome.reason} Set it "
                                             "aside with a note instead."})
        await ResultConflict.update({
            ResultConflict.resolved_at: now, ResultConflict.resolved_by: by.name,
            ResultConflict.resolution: ("Recorded. " if apply else "Set aside. ") + note,
        }).where(ResultConflict.id == conflict_id)
        await record("sync conflict resolved", permit_id=waiting.permit_id, at=now,
                     before={"result kept": waiting.entry.result,
                             "entered by": waiting.entered_by},
                     after={"decision": "recorded" if apply else "set aside", "note": note})
    return Accepted(waiting.permit_number)
