"""Inspectors' side of inspections: the day's route, its stops, reassigning, districts
(recording a result: db/inspections/results.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from db.audit.trail import record
from db.database import Database
from db.reader import as_date, as_datetime
from db.tables import Account, District, Inspection
from domain.accounts import Role
from domain.addresses import full_address
from domain.audit_actions import DISTRICT_ASSIGNED, INSPECTION_REASSIGNED
from domain.audit_subjects import district_subject, inspection_subject, person
from domain.checklist_entries import corrections_of
from domain.inspection_types import SCHEDULED


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
    approved_by: str = ""  # the supervisor who recorded a result kept for review
    inspected_at: datetime | None = None  # when its result was entered; None: none was
    # Where to drive: street, city, state and ZIP (domain.addresses.full_address).
    place: str = ""
    # When the inspector arrived at the site and left it (issue 17 §3); None: not recorded.
    arrived_at: datetime | None = None
    left_at: datetime | None = None
    # The failed checklist items, as the contractor reads them (domain.checklist_entries).
    corrections: tuple[str, ...] = ()


_STOP_COLUMNS = (
    Inspection.id, Inspection.permit.number, Inspection.permit.site_address,
    Inspection.permit.parcel.district, Inspection.type_code, Inspection.type_name,
    Inspection.scheduled_for, Inspection.status, Inspection.result, Inspection.contact_name,
    Inspection.contact_phone, Inspection.request_notes, Inspection.public_notes,
    Inspection.private_notes, Inspection.inspector, Inspection.permit.description,
    Inspection.inspector_account, Inspection.revision, Inspection.approved_by,
    Inspection.inspected_at, Inspection.permit.parcel.city, Inspection.permit.parcel.state,
    Inspection.permit.parcel.zip_code, Inspection.arrived_at, Inspection.left_at,
    Inspection.checklist,
)


def _stop(row: dict) -> Stop:
    day = row["scheduled_for"]
    return Stop(row["id"], row["permit.number"], row["permit.site_address"],
                row["permit.parcel.district"], row["type_code"], row["type_name"],
                as_date(day), row["status"],
                row["result"], row["contact_name"], row["contact_phone"],
                row["request_notes"], row["public_notes"], row["private_notes"],
                row["inspector"], row["permit.description"], row["inspector_account"],
                row["revision"], row["approved_by"], as_datetime(row["inspected_at"]),
                full_address(row["permit.site_address"], row["permit.parcel.city"],
                             row["permit.parcel.state"], row["permit.parcel.zip_code"]),
                as_datetime(row["arrived_at"]), as_datetime(row["left_at"]),
                corrections=corrections_of(row["checklist"]))


async def stops_where(where) -> list[Stop]:
    """Inspections in driving order: district, then street, then house number, so
    neighbours are visited one after the other."""
    rows = await Inspection.select(*_STOP_COLUMNS).where(where).order_by(
        Inspection.permit.parcel.district).order_by(
        Inspection.permit.parcel.street_key).order_by(
        Inspection.permit.parcel.house_number).order_by(Inspection.id)
    return [_stop(r) for r in rows]


async def route(inspector_id: int, day: date) -> list[Stop]:
    """The inspector's inspections on ``day``, in route order."""
    return await stops_where((Inspection.inspector_account == inspector_id)
                        & (Inspection.scheduled_for == day))


async def route_ids(inspector_id: int, day: date) -> list[int]:
    """Only the ids of a day's route: what the device saves for offline use."""
    rows = await Inspection.select(Inspection.id).where(
        (Inspection.inspector_account == inspector_id) & (Inspection.scheduled_for == day))
    return [r["id"] for r in rows]


async def stop(inspection_id: int) -> Stop | None:
    row = await Inspection.select(*_STOP_COLUMNS).where(Inspection.id == inspection_id).first()
    return _stop(row) if row else None


async def inspectors() -> list[tuple[int, str]]:
    rows = await Account.select(Account.id, Account.first_name).where(
        (Account.role == Role.INSPECTOR.value) & (Account.active == True)  # noqa: E712
    ).order_by(Account.first_name)
    return [(r["id"], r["first_name"]) for r in rows]


async def reassign(database: Database, inspection_id: int, inspector_id: int,
                   now: datetime | None = None) -> bool:
    """Staff give a scheduled inspection to another inspector; False if either is unknown
    or the inspection is no longer scheduled."""
    async with database.transaction():
        # The board offers active inspectors only (inspectors()); a hand-posted id of a
        # departed one is refused the same way (issue 14 §6).
        inspector = await Account.select(Account.first_name).where(
            (Account.id == inspector_id) & (Account.role == Role.INSPECTOR.value)
            & (Account.active == True)).first()  # noqa: E712
        if inspector is None:
            return False
        permit_id = await database.lock_inspection(inspection_id)
        if permit_id is None:
            return False
        before = await Inspection.select(Inspection.inspector, Inspection.inspector_account,
                                         Inspection.status).where(
            Inspection.id == inspection_id).first()
        if before["inspector_account"] == inspector_id and before["status"] == SCHEDULED:
            return True  # assigned to the one it already has: nothing to record
        changed = await Inspection.update({
            Inspection.inspector_account: inspector_id,
            Inspection.inspector: inspector["first_name"],
        }).where((Inspection.id == inspection_id) & (Inspection.status == SCHEDULED)
                 ).returning(Inspection.id)
        if changed:
            await record(INSPECTION_REASSIGNED, permit_id=permit_id, at=now,
                         subject=inspection_subject(inspection_id),
                         before={"inspector": before["inspector"]},
                         after={"inspector": inspector["first_name"]})
        return bool(changed)


async def assign_district(database: Database, code: str, inspector_email: str,
                          now: datetime | None = None) -> bool:
    """New inspections in district ``code`` go to this inspector; False if no such
    inspector."""
    inspector = await Account.select(Account.id).where(
        (Account.username == inspector_email.strip().lower())
        & (Account.role == Role.INSPECTOR.value)).first()
    return inspector is not None and await assign_district_to(database, code, inspector["id"], now)


async def assign_district_to(database: Database, code: str, inspector_id: int,
                             now: datetime | None = None) -> bool:
    """The same by the inspector's account id (the inspection board); False if it is not an
    active inspector's."""
    async with database.transaction():
        inspector = await Account.select(Account.first_name, Account.email).where(
            (Account.id == inspector_id) & (Account.role == Role.INSPECTOR.value)
            & (Account.active == True)).first()  # noqa: E712
        if inspector is None:
            return False
        before = await District.select(District.inspector.first_name).where(
            District.code == code).first()
        await record(DISTRICT_ASSIGNED, subject=district_subject(code), at=now,
                     before={"inspector": before["inspector.first_name"] if before else None},
                     after={"inspector": person(inspector["first_name"], inspector["email"])})
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
    inspected_at: datetime | None = None  # None: no result was entered


_EARLIER_COLUMNS = (
    Inspection.type_code, Inspection.type_name, Inspection.scheduled_for, Inspection.status,
    Inspection.result, Inspection.public_notes, Inspection.inspected_at,
)


def _earlier(row: dict) -> Earlier:
    return Earlier(row["type_code"], row["type_name"], as_date(row["scheduled_for"]),
                   row["status"], row["result"], row["public_notes"],
                   as_datetime(row["inspected_at"]))


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
