"""The supervisor's queue of results that arrived for inspections that had changed, and the
decisions the inspectors who entered them are told about."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from db.audit.trail import record
from db.database import Database
from db.id_pages import oldest_first
from db.inspections.results import Conflict, Enterer, refusal, result_in_transaction
from db.mail.outbox import Message, enqueue
from db.reader import as_date
from db.tables import ResultConflict
from domain.action_messages import conflict_decided
from domain.audit_actions import SYNC_CONFLICT_RESOLVED
from domain.inspection_results import InspectionState, ResultEntry, entry_of
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.queue_pages import PageAsk, QueuePage
from domain.result_decisions import (
    DECISION_IN_LOG, KeptResult, already_decided, cannot_record, decision_notice, note_of,
    resolution, was_recorded
)
from domain.result_timing import CityTime, clock_text

# How long the inspector's route lists a supervisor's decisions on their results.
DECISIONS_SHOWN = timedelta(days=7)


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
    entered_at: datetime  # on the device
    reason: str
    entry: ResultEntry
    permit_id: int
    account_id: int
    received_at: datetime | None  # None: recorded before the two were kept apart
    state: InspectionState
    # Why "Record it" cannot succeed now (the same rule the decision runs), None when it can.
    refusal: str | None = None

    @property
    def kept(self) -> KeptResult:
        return KeptResult(self.permit_number, self.type_code, self.type_name, self.day,
                          self.entry.result, self.reason)

    def enterer(self) -> Enterer:
        """The inspector who entered it, credited when it is recorded (issue 14 §6)."""
        return Enterer(self.account_id, self.entered_by, staff=True,
                       entered_at=self.entered_at,
                       received_at=self.received_at or self.entered_at)


@dataclass(frozen=True)
class Decided:
    """A supervisor's decision on one of an inspector's kept results."""
    permit_number: str
    type_code: str
    type_name: str
    day: date | None
    result: str
    recorded: bool
    by: str
    at: datetime
    note: str


_INSPECTION = ResultConflict.inspection
_COLUMNS = (ResultConflict.id, ResultConflict.inspection, _INSPECTION.permit.number,
            _INSPECTION.permit, _INSPECTION.type_code, _INSPECTION.type_name,
            _INSPECTION.scheduled_for, _INSPECTION.status, _INSPECTION.revision,
            _INSPECTION.inspector_account, ResultConflict.entered_by, ResultConflict.entered_at,
            ResultConflict.reason, ResultConflict.entry, ResultConflict.account,
            ResultConflict.received_at, ResultConflict.resolved_at, ResultConflict.resolved_by,
            ResultConflict.resolution, ResultConflict.account.email)


def _waiting(row: dict, at: CityTime | None = None) -> Waiting:
    day = as_date(row["inspection.scheduled_for"])
    state = InspectionState(row["inspection.status"], row["inspection.revision"], day,
                            row["inspection.inspector_account"])
    waiting = Waiting(row["id"], row["inspection"], row["inspection.permit.number"],
                      row["inspection.type_code"], row["inspection.type_name"], day,
                      row["inspection.status"], row["entered_by"], row["entered_at"],
                      row["reason"], entry_of(json.loads(row["entry"])),
                      row["inspection.permit"], row["account"], row["received_at"], state)
    if at is None:
        return waiting
    return replace(waiting, refusal=refusal(state, waiting.enterer(), at))


async def unresolved(account_id: int | None = None, at: CityTime | None = None
                     ) -> list[Waiting]:
    """Every unresolved conflict (a supervisor's queue, with why each cannot be recorded as of
    ``at``), or one inspector's own."""
    where = ResultConflict.resolved_at.is_null()
    if account_id is not None:
        where = where & (ResultConflict.account == account_id)
    rows = await ResultConflict.select(*_COLUMNS).where(where).order_by(ResultConflict.id)
    return [_waiting(r, at) for r in rows]


async def waiting_page(ask: PageAsk, at: CityTime) -> QueuePage[Waiting]:
    """A page of the supervisors' queue, oldest first, with why each result cannot be
    recorded as of ``at``."""
    rows, total, first = await oldest_first(
        ResultConflict, _COLUMNS, ResultConflict.resolved_at.is_null(), ask)
    return QueuePage(tuple(_waiting(r, at) for r in rows), total, first)


async def decided(account_id: int, now: datetime) -> list[Decided]:
    """The decisions on this inspector's kept results of the last DECISIONS_SHOWN, newest
    first: their route tells them (issue 14 §6)."""
    rows = await ResultConflict.select(*_COLUMNS).where(
        (ResultConflict.account == account_id)
        & (ResultConflict.resolved_at >= now - DECISIONS_SHOWN)
    ).order_by(ResultConflict.resolved_at, ascending=False)
    return [Decided(r["inspection.permit.number"], r["inspection.type_code"],
                    r["inspection.type_name"], as_date(r["inspection.scheduled_for"]),
                    json.loads(r["entry"])["result"], was_recorded(r["resolution"]),
                    r["resolved_by"], r["resolved_at"], note_of(r["resolution"])) for r in rows]


async def decision_on(conflict_id: int) -> str:
    """What became of a conflict once decided, for the page that decided it; "" if it is not
    decided (or there is none)."""
    row = await ResultConflict.select(*_COLUMNS).where(
        (ResultConflict.id == conflict_id) & ResultConflict.resolved_at.is_not_null()).first()
    if row is None:
        return ""
    return conflict_decided(row["inspection.type_code"], row["inspection.type_name"],
                            row["inspection.permit.number"], was_recorded(row["resolution"]),
                            row["entered_by"])


async def resolve(database: Database, conflict_id: int, apply: bool, supervisor: str, note: str,
                  at: CityTime, notice: NoticeContext) -> Accepted[str] | Rejected | None:
    """Record the result after all — credited to the inspector who entered it, at the time
    they entered it, approved by ``supervisor`` — when the inspection can still take it, or
    set it aside with a note; either way the conflict leaves the queue and the inspector is
    e-mailed. Refusals name the conflict (key ``decision-<id>``)."""
    async with database.transaction():
        # One transaction, the conflict locked first: two supervisors cannot both apply it,
        # and the result is never recorded with the conflict left in the queue.
        await database.lock_rows("result_conflict", "id", [conflict_id])
        row = await ResultConflict.select(*_COLUMNS).where(
            ResultConflict.id == conflict_id).first()
        if row is None:
            return None
        waiting, field = _waiting(row), f"decision-{conflict_id}"
        if row["resolved_at"] is not None:
            return Rejected({field: already_decided(waiting.kept, row["resolved_by"])})
        if apply:
            outcome = await result_in_transaction(
                database, waiting.inspection_id, waiting.entry, waiting.enterer(), at, notice,
                keep_conflict=False, approved_by=supervisor)
            if isinstance(outcome, (Conflict, Rejected)):
                why = outcome.reason if isinstance(outcome, Conflict) else outcome.message
                return Rejected({field: cannot_record(waiting.kept, why)})
        await ResultConflict.update({
            ResultConflict.resolved_at: at.now, ResultConflict.resolved_by: supervisor,
            ResultConflict.resolution: resolution(apply, note),
        }).where(ResultConflict.id == conflict_id)
        await record(SYNC_CONFLICT_RESOLVED, permit_id=waiting.permit_id, at=at.now,
                     before={"result kept": waiting.entry.result,
                             "entered by": waiting.entered_by,
                             "entered": clock_text(waiting.entered_at, at.zone)},
                     after={"decision": DECISION_IN_LOG[apply],
                            "approved by" if apply else "by": supervisor, "note": note})
        subject, body = decision_notice(waiting.kept, apply, supervisor, note, notice)
        await enqueue(Message(row["account.email"], subject, body), at.now)
    return Accepted(waiting.permit_number)
