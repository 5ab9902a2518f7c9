"""Recording an inspection's result: load, let the domain decide once, save the result and
its effect on the permit — or keep it for a supervisor — in one transaction."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from db import idempotency
from db.audit.trail import record
from db.database import Database
from db.idempotency import Stored
from db.inspections.notices import notify_inspection
from db.inspections.photos import keep_with_result
from db.inspections.reinspection_fees import assess_reinspection_fee
from db.permits.status import apply_status
from db.reader import as_date
from db.rules.rule_book import every_type
from db.tables import Inspection, Permit, ResultConflict
from domain.audit_actions import INSPECTION_RESULTED, RESULT_KEPT_FOR_SUPERVISOR
from domain.audit_subjects import inspection_subject
from domain.checklist_entries import checklist_in_audit, checklist_json
from domain.inspection_results import (
    FINALED_COMMENT, Arrival, InspectionState, Kept, ResultEntry, decide, effect_on_permit,
    status_after
)
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.permits import Status
from domain.photos import PhotoFile
from domain.result_timing import CityTime, clock_text


@dataclass(frozen=True)
class Enterer:
    """Who entered a result, which revision of the inspection their page showed, when they
    entered it (None: as it arrived) and when it reached the server (None: now; a kept result
    recorded later by a supervisor reached it earlier)."""
    account_id: int
    name: str
    staff: bool = False
    seen_revision: int | None = None
    entered_at: datetime | None = None
    received_at: datetime | None = None


@dataclass(frozen=True)
class Conflict:
    id: int | None  # None when it was not kept
    reason: str


Outcome = Accepted[str] | Conflict | Rejected


@dataclass(frozen=True)
class Receipt:
    """The idempotency record a result is stored with, plain data made before the transaction
    (no web code runs inside it, issue 15): the scoped key, the answer's status code and
    Location (a redirect), and the words the answer shows, from the page the result was
    entered on. The outcome is added to them as data; the answer is rendered from that, the
    first time and on every replay alike."""
    key: str
    status_code: int
    location: str = ""
    words: dict[str, str] = field(default_factory=dict)
    # Photos sent with the result without JavaScript, checked and written before (issue 17 §1).
    photos: tuple[PhotoFile, ...] = ()

    def stored(self, inspection_id: int, outcome: Accepted[str] | Conflict) -> Stored:
        kept = isinstance(outcome, Conflict)
        facts = {**self.words, "inspection": inspection_id,
                 "outcome": "kept" if kept else "recorded",
                 "reason": outcome.reason if kept else ""}
        return Stored(self.status_code, self.location, json.dumps(facts, sort_keys=True))


def facts_of(stored: Stored) -> dict | None:
    """The outcome's facts in a stored answer; None for a record made before they were kept as
    data (its body is the page itself, answered as it is until it expires)."""
    return json.loads(stored.body) if stored.body.startswith("{") else None


async def record_result(database: Database, inspection_id: int, entry: ResultEntry, by: Enterer,
                        at: CityTime, notice: NoticeContext,
                        receipt: Receipt | None = None) -> Outcome | None:
    """The result, its effect on the permit (expiration, final) and the notices — or, when the
    inspection changed since the inspector's page showed it, a conflict for a supervisor — in
    one transaction with the idempotency record of ``receipt``, which keeps the outcome.
    Rejected (nothing written): the inspection's day has not come, or the result was entered
    before it. None when there is no such inspection."""
    async with database.transaction():
        return await result_in_transaction(database, inspection_id, entry, by, at, notice, receipt)


async def state_of(inspection_id: int) -> InspectionState | None:
    """What decides whether a result can be recorded, as the inspection is now."""
    row = await Inspection.select(
        Inspection.status, Inspection.revision, Inspection.scheduled_for,
        Inspection.inspector_account).where(Inspection.id == inspection_id).first()
    if row is None:
        return None
    return InspectionState(row["status"], row["revision"], as_date(row["scheduled_for"]),
                           row["inspector_account"])


def arrival_of(by: Enterer, at: CityTime) -> Arrival:
    return Arrival(by.account_id, by.staff, by.seen_revision,
                   at.day_of(by.entered_at or at.now))


def refusal(state: InspectionState, by: Enterer, at: CityTime) -> str | None:
    """Why ``by``'s result would not be recorded now (kept or refused), None when it would:
    the decision result_in_transaction takes, so a supervisor is offered "Record it" only
    when it can succeed."""
    decision = decide(state, arrival_of(by, at), at.today)
    if isinstance(decision, Kept):
        return decision.reason
    return decision.message if isinstance(decision, Rejected) else None


async def result_in_transaction(database: Database, inspection_id: int, entry: ResultEntry,
                                by: Enterer, at: CityTime, notice: NoticeContext,
                                receipt: Receipt | None = None, keep_conflict: bool = True,
                                approved_by: str = "") -> Outcome | None:
    """record_result inside the caller's write transaction. ``keep_conflict``: store a
    conflict for the supervisor's queue (a supervisor recording one already has it, and is
    ``approved_by``)."""
    if await database.lock_inspection(inspection_id) is None:
        return None
    state = await state_of(inspection_id)
    decision = decide(state, arrival_of(by, at), at.today)
    if isinstance(decision, Rejected):
        return decision
    row = await Inspection.select(
        Inspection.type_code, Inspection.type_name, Inspection.permit, Inspection.permit.number,
        Inspection.permit.status, Inspection.permit.expires_on,
    ).where(Inspection.id == inspection_id).first()
    if isinstance(decision, Kept):
        outcome: Outcome = Conflict(
            await _keep(inspection_id, row["permit"], state, entry, by, decision.reason, at)
            if keep_conflict else None, decision.reason)
    else:
        await _apply(database, inspection_id, row, state, entry, by, at, notice, approved_by)
        outcome = Accepted(row["permit.number"])
    await keep_with_result(database, inspection_id, receipt, by, at)
    if receipt is not None:
        await idempotency.finish(receipt.key, receipt.stored(inspection_id, outcome), at.now)
    return outcome


async def _keep(inspection_id: int, permit_id: int, state: InspectionState, entry: ResultEntry,
                by: Enterer, reason: str, at: CityTime) -> int:
    entered = by.entered_at or at.now
    conflict_id = (await ResultConflict.insert(ResultConflict(
        inspection=inspection_id, account=by.account_id, entered_by=by.name, reason=reason,
        entry=json.dumps(asdict(entry)), entered_at=entered, received_at=at.now,
    )))[0]["id"]
    await record(RESULT_KEPT_FOR_SUPERVISOR, permit_id=permit_id, at=at.now,
                 subject=inspection_subject(inspection_id), before={"status": state.status},
                 after={"result": entry.result, "reason": reason,
                        "entered": clock_text(entered, at.zone),
                        "received": clock_text(at.now, at.zone)})
    return conflict_id


async def _apply(database: Database, inspection_id: int, row: dict, state: InspectionState,
                 entry: ResultEntry, by: Enterer, at: CityTime, notice: NoticeContext,
                 approved_by: str) -> None:
    entered, received = by.entered_at or at.now, by.received_at or at.now
    await Inspection.update({
        Inspection.status: status_after(entry.result), Inspection.result: entry.result,
        Inspection.public_notes: entry.public_notes,
        Inspection.private_notes: entry.private_notes,
        Inspection.reinspection: entry.reinspection, Inspection.inspected_at: entered,
        Inspection.checklist: checklist_json(entry.checklist),
        Inspection.override_reason: entry.override_reason,
        Inspection.received_at: received, Inspection.approved_by: approved_by,
        # The one credited, by name and by account: a result kept because the inspection was
        # reassigned, then recorded by a supervisor, lands on its enterer's route, not on the
        # route of the inspector it had been given to.
        Inspection.inspector: by.name, Inspection.inspector_account: by.account_id,
        Inspection.revision: Inspection.revision + 1,
    }).where(Inspection.id == inspection_id)
    after = {"result": entry.result, "reinspection": "yes" if entry.reinspection else "no",
             "inspector": by.name, "entered": clock_text(entered, at.zone),
             "received": clock_text(received, at.zone)}
    if approved_by:
        after["approved by"] = approved_by
    after.update(checklist_in_audit(entry.checklist, entry.override_reason))
    await record(INSPECTION_RESULTED, permit_id=row["permit"], at=at.now,
                 subject=inspection_subject(inspection_id),
                 before={"inspection": row["type_code"], "status": state.status}, after=after)
    await assess_reinspection_fee(inspection_id, row, entry, at.day_of(entered), at.now)
    # The permit is affected as of the day of the inspection, not the day its result synced.
    inspected_on = at.day_of(entered)
    effect = effect_on_permit(
        every_type(inspected_on).get(row["type_code"]), entry.result, row["permit.status"],
        as_date(row["permit.expires_on"]), inspected_on)
    await Permit.update({Permit.expires_on: effect.expires_on}).where(
        Permit.id == row["permit"])
    if effect.finals:
        await apply_status(database, row["permit.number"], Status.FINALED, at.now, inspected_on,
                           by.name, FINALED_COMMENT, notice)
    await notify_inspection(inspection_id, "resulted", at.now, notice)
