"""Inspectors' side of inspections: the day's route, recording results, reassigning."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime

from db import idempotency
from db.audit import record
from db.idempotency import Stored
from db.inspection_notices import notify_inspection
from db.permit_status import apply_status
from db.reader import as_date
from db.tables import Account, District, Inspection, Permit, ResultConflict
from db.transactions import lock_inspection, write_transaction
from domain.accounts import Role
from domain.inspection_results import (
    ResultEntry, conflict_reason, effect_on_permit, status_after,
)
from db.rule_book import every_type
from domain.inspection_types import SCHEDULED
from domain.notifications import NoticeContext
from domain.outcomes import Accepted
from domain.permits import Status


@dataclass(frozen=True)
class Stop:
    """One inspection on an inspector's route, with what the inspector needs on site."""
    id: int
    permit_number: str
    site_address: str
    district: str
    type_code: str
    type_name: str
    day: date | None
    status: str
    result: str | None
    contact_name: str
    contact_phone: str
    request_notes: str
    public_notes: str
    private_notes: str
    inspector: str | None
    permit_description: str
    inspector_id: int | None
    revision: int


_STOP_COLUMNS = (
    Inspection.id, Inspection.permit.number, Inspection.permit.site_address,
    Inspection.permit.parcel.district, Inspection.type_code, Inspection.type_name,
    Inspection.scheduled_for, Inspection.status, Inspection.result, Inspection.contact_name,
    Inspection.contact_phone, Inspection.request_notes, Inspection.public_notes,
    Inspection.private_notes, Inspection.inspector, Inspection.permit.description,
    Inspection.inspector_account, Inspection.revision,
)


def _stop(row: dict) -> Stop:
    day = row["scheduled_for"]
    return Stop(row["id"], row["permit.number"], row["permit.site_address"],
                row["permit.parcel.district"], row["type_code"], row["type_name"],
                as_date(day), row["status"],
                row["result"], row["contact_name"], row["contact_phone"],
                row["request_notes"], row["public_notes"], row["private_notes"],
                row["inspector"], row["permit.description"], row["inspector_account"],
                row["revision"])


async def _stops(where) -> list[Stop]:
    """Inspections in driving order: district, then street, then house number, so
    neighbours are visited one after the other."""
    rows = await Inspection.select(*_STOP_COLUMNS).where(where).order_by(
        Inspection.permit.parcel.district).order_by(
        Inspection.permit.parcel.street_key).order_by(
        Inspection.permit.parcel.house_number).order_by(Inspection.id)
    return [_stop(r) for r in rows]


async def route(inspector_id: int, day: date) -> list[Stop]:
    """The inspector's inspections on ``day``, in route order."""
    return await _stops((Inspection.inspector_account == inspector_id)
                        & (Inspection.scheduled_for == day))


async def route_ids(inspector_id: int, day: date) -> list[int]:
    """Only the ids of a day's route: what the device saves for offline use."""
    rows = await Inspection.select(Inspection.id).where(
        (Inspection.inspector_account == inspector_id) & (Inspection.scheduled_for == day))
    return [r["id"] for r in rows]


async def stop(inspection_id: int) -> Stop | None:
    row = await Inspection.select(*_STOP_COLUMNS).where(Inspection.id == inspection_id).first()
    return _stop(row) if row else None


@dataclass(frozen=True)
class Enterer:
    """Who enters a result, and which revision of the inspection their page showed."""
    account_id: int
    name: str
    staff: bool = False
    seen_revision: int | None = None


@dataclass(frozen=True)
class Conflict:
    id: int | None  # None when it was not kept
    reason: str


async def record_result(inspection_id: int, entry: ResultEntry, by: Enterer, now: datetime,
                        today: date, notice: NoticeContext,
                        receipt: tuple[str, Callable[[object], Stored]] | None = None,
                        keep_conflict: bool = True) -> Accepted[str] | Conflict | None:
    """Load, decide, save: the result, its effect on the permit (expiration, final), and the
    notices — or, when the inspection changed since the inspector's page showed it, a
    conflict for a supervisor — in one transaction, with the idempotency record of
    ``receipt`` (key, response of an outcome). ``keep_conflict``: store a conflict for the
    supervisor's queue (a supervisor resolving one already has it). None when there is no
    such inspection."""
    async with write_transaction():
        return await result_in_transaction(inspection_id, entry, by, now, today, notice,
                                           receipt, keep_conflict)


async def result_in_transaction(inspection_id: int, entry: ResultEntry, by: Enterer,
                                now: datetime, today: date, notice: NoticeContext,
                                receipt: tuple[str, Callable[[object], Stored]] | None = None,
                                keep_conflict: bool = True) -> Accepted[str] | Conflict | None:
    """record_result inside the caller's write transaction."""
    if await lock_inspection(inspection_id) is None:
        return None
    row = await Inspection.select(
        Inspection.status, Inspection.type_code, Inspection.permit, Inspection.revision,
        Inspection.inspector_account, Inspection.permit.number, Inspection.permit.status,
        Inspection.permit.expires_on,
    ).where(Inspection.id == inspection_id).first()
    reason = conflict_reason(row["status"], row["revision"], by.seen_revision,
                             row["inspector_account"], by.account_id, by.staff)
    if reason:
        conflict_id = None
        if keep_conflict:
            conflict_id = (await ResultConflict.insert(ResultConflict(
                inspection=inspection_id, account=by.account_id, entered_by=by.name,
                reason=reason, entry=json.dumps(asdict(entry)), entered_at=now,
            )))[0]["id"]
            await record("result kept for a supervisor", permit_id=row["permit"], at=now,
                         before={"status": row["status"]},
                         after={"result": entry.result, "reason": reason})
        outcome: Accepted[str] | Conflict = Conflict(conflict_id, reason)
    else:
        await _apply(inspection_id, row, entry, by.name, now, today, notice)
        outcome = Accepted(row["permit.number"])
    if receipt is not None:
        await idempotency.finish(receipt[0], receipt[1](outcome), now)
    return outcome


async def _apply(inspection_id: int, row: dict, entry: ResultEntry, inspector: str,
                 now: datetime, today: date, notice: NoticeContext) -> None:
    await Inspection.update({
        Inspection.status: status_after(entry.result), Inspection.result: entry.result,
        Inspection.public_notes: entry.public_notes,
        Inspection.private_notes: entry.private_notes,
        Inspection.reinspection: entry.reinspection, Inspection.inspected_at: now,
        Inspection.inspector: inspector, Inspection.revision: Inspection.revision + 1,
    }).where(Inspection.id == inspection_id)
    await record("inspection resulted", permit_id=row["permit"], at=now,
                 before={"inspection": row["type_code"], "status": row["status"]},
                 after={"result": entry.result, "reinspection": "yes" if entry.reinspection
                        else "no", "inspector": inspector})
    expires = row["permit.expires_on"]
    effect = effect_on_permit(
        every_type(today).get(row["type_code"]), entry.result, row["permit.status"],
        as_date(expires), today)
    await Permit.update({Permit.expires_on: effect.expires_on}).where(
        Permit.id == row["permit"])
    if effect.finals:
        await apply_status(row["permit.number"], Status.FINALED, now, today, inspector,
                           "Final inspection approved.", notice)
    await notify_inspection(inspection_id, "resulted", now, notice)


async def inspectors() -> list[tuple[int, str]]:
    rows = await Account.select(Account.id, Account.first_name).where(
        (Account.role == Role.INSPECTOR.value) & (Account.active == True)  # noqa: E712
    ).order_by(Account.first_name)
    return [(r["id"], r["first_name"]) for r in rows]


async def reassign(inspection_id: int, inspector_id: int, now: datetime | None = None) -> bool:
    """Staff give a scheduled inspection to another inspector; False if either is unknown
    or the inspection is no longer scheduled."""
    async with write_transaction():
        inspector = await Account.select(Account.first_name).where(
            (Account.id == inspector_id) & (Account.role == Role.INSPECTOR.value)).first()
        if inspector is None:
            return False
        permit_id = await lock_inspection(inspection_id)
        if permit_id is None:
            return False
        before = await Inspection.select(Inspection.inspector).where(
            Inspection.id == inspection_id).first()
        changed = await Inspection.update({
            Inspection.inspector_account: inspector_id,
            Inspection.inspector: inspector["first_name"],
        }).where((Inspection.id == inspection_id) & (Inspection.status == SCHEDULED)
                 ).returning(Inspection.id)
        if changed:
            await record("inspection reassigned", permit_id=permit_id, at=now,
                         before={"inspector": before["inspector"]},
                         after={"inspector": inspector["first_name"]})
        return bool(changed)


async def board(day: date) -> list[Stop]:
    """Every inspection on ``day`` in route order, for staff."""
    return await _stops(Inspection.scheduled_for == day)


async def assign_district(code: str, inspector_email: str, now: datetime | None = None
                          ) -> bool:
    """New inspections in district ``code`` go to this inspector; False if no such
    inspector."""
    inspector = await Account.select(Account.id).where(
        (Account.username == inspector_email.strip().lower())
        & (Account.role == Role.INSPECTOR.value)).first()
    return inspector is not None and await assign_district_to(code, inspector["id"], now)


async def assign_district_to(code: str, inspector_id: int, now: datetime | None = None
                             ) -> bool:
    """The same by the inspector's account id (the inspection board); False if it is not an
    active inspector's."""
    async with write_transaction():
        inspector = await Account.select(Account.first_name, Account.email).where(
            (Account.id == inspector_id) & (Account.role == Role.INSPECTOR.value)
            & (Account.active == True)).first()  # noqa: E712
        if inspector is None:
            return False
        before = await District.select(District.inspector.first_name).where(
            District.code == code).first()
        await record("district assigned", subject=f"district {code}", at=now,
                     before={"inspector": before["inspector.first_name"] if before else None},
                     after={"inspector": f"{inspector['first_name']} ({inspector['email']})"})
        if before is not None:
            await District.update({District.inspector: inspector_id}).where(
                District.code == code)
        else:
            await District.insert(District(code=code, inspector=inspector_id))
    return True


async def district_inspectors() -> dict[str, int]:
    """Each district's inspector for new requests, by district code."""
    rows = await District.select(District.code, District.inspector).where(
        District.inspector.is_not_null() & (District.inspector.active == True))  # noqa: E712
    return {r["code"]: r["inspector"] for r in rows}


EARLIER_SHOWN = 20


@dataclass(frozen=True)
class Earlier:
    type_code: str
    type_name: str
    day: date | None
    status: str
    result: str | None
    public_notes: str


_EARLIER_COLUMNS = (
    Inspection.type_code, Inspection.type_name, Inspection.scheduled_for, Inspection.status,
    Inspection.result, Inspection.public_notes,
)


def _earlier(row: dict) -> Earlier:
    return Earlier(row["type_code"], row["type_name"], as_date(row["scheduled_for"]),
                   row["status"], row["result"], row["public_notes"])


async def earlier_on_route(stops: list[Stop]) -> dict[int, list[Earlier]]:
    """Each stop's earlier inspections of its permit, newest first, in one query for the
    whole route (no query per stop)."""
    if not stops:
        return {}
    rows = await Inspection.select(*_EARLIER_COLUMNS, Inspection.id, Inspection.permit.number
                                   ).where(Inspection.permit.number.is_in(
                                       sorted({stop.permit_number for stop in stops}))
                                   ).order_by(Inspection.scheduled_for, ascending=False
                                              ).order_by(Inspection.id, ascending=False)
    by_permit: dict[str, list[tuple[int, Earlier]]] = {}
    for row in rows:
        by_permit.setdefault(row["permit.number"], []).append((row["id"], _earlier(row)))
    return {stop.id: [e for i, e in by_permit.get(stop.permit_number, []) if i != stop.id
                      ][:EARLIER_SHOWN] for stop in stops}


async def earlier_inspections(stop: Stop) -> list[Earlier]:
    """The permit's other inspections, newest first: what the inspector checks on site."""
    rows = await Inspection.select(*_EARLIER_COLUMNS).where(
        (Inspection.permit.number == stop.permit_number) & (Inspection.id != stop.id)
    ).order_by(Inspection.scheduled_for, ascending=False).order_by(
        Inspection.id, ascending=False).limit(EARLIER_SHOWN)
    return [_earlier(r) for r in rows]
