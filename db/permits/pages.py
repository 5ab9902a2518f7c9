"""Read queries behind a permit's public page and its Info, Fees, Inspections, History tabs.

Only public columns are selected, except by load_inspection_details, which the caller uses
only for those allowed to see contact details and inspector notes (domain.accounts).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from db.permits.corrections import waiting_for_corrections
from db.reader import as_date, as_datetime, as_money
from domain.checklist_entries import corrections_of
from domain.fee_adjustments import adjusted_words


@dataclass(frozen=True)
class PermitDetail:
    id: int
    number: str
    permit_type: str
    subtype: str
    description: str
    valuation: Decimal
    status: str
    site_address: str
    permit_class: str
    work_class: str
    applied_on: date
    issued_on: date | None
    expires_on: date | None
    finaled_on: date | None
    contractor_license: str | None
    contractor_name: str | None
    apn: str
    zoning: str
    district: str
    city: str
    state: str
    zip_code: str
    project_id: int | None
    project_name: str | None
    corrections_required: bool = False  # plan review sent it back; the applicant answers


@dataclass(frozen=True)
class FeeLine:
    """One fee of a permit as its Fees tab lists it."""
    description: str
    amount: Decimal
    paid: bool
    adjusted: str = ""  # a waiver, reduction or credit: "Waived", "Reduced: $10.00 off"


@dataclass(frozen=True)
class PublicInspection:
    type_code: str
    type_name: str
    requested_on: date
    scheduled_for: date | None
    status: str
    result: str | None
    inspected_at: datetime | None


@dataclass(frozen=True)
class InspectionDetail(PublicInspection):
    """An inspection as the permit's contacts see it; ``private_notes`` only for city staff
    and inspectors (empty otherwise: the column is not even read)."""
    id: int
    confirmation: str | None
    contact_name: str
    contact_phone: str
    request_notes: str
    inspector: str | None
    public_notes: str
    reinspection: bool
    private_notes: str
    # When the result reached the server (``inspected_at``: when it was entered, on the
    # device), and the supervisor who recorded a result kept for review (issue 14 §6).
    received_at: datetime | None = None
    approved_by: str = ""
    # The failed checklist items with the inspector's words: for the contractor, like the
    # public notes (domain.checklist_entries).
    corrections: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusChange:
    from_status: str | None
    to_status: str
    changed_at: datetime


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    actor: str
    channel: str
    action: str
    before: str
    after: str


AUDIT_SHOWN = 500


async def load_permit(reader, number: str) -> PermitDetail | None:
    rows = await reader.fetch(
        "SELECT permit.id, permit.number, permit.permit_type, permit.subtype,"
        " permit.description, permit.valuation, permit.status, permit.site_address,"
        " permit.permit_class, permit.work_class, permit.applied_on, permit.issued_on,"
        " permit.expires_on, permit.finaled_on, permit.contractor_license,"
        " permit.contractor_name, parcel.apn, parcel.zoning, parcel.district, parcel.city,"
        " parcel.state, parcel.zip_code, project.id, project.name, "
        + waiting_for_corrections("permit") +
        " FROM permit JOIN parcel ON parcel.id = permit.parcel"
        " LEFT JOIN project ON project.id = permit.project WHERE permit.number = ?",
        [number],
    )
    if not rows:
        return None
    r = rows[0]
    return PermitDetail(
        r[0], r[1], r[2], r[3], r[4], as_money(r[5]), r[6], r[7], r[8], r[9],
        as_date(r[10]), as_date(r[11]), as_date(r[12]), as_date(r[13]), r[14], r[15],
        r[16], r[17], r[18], r[19], r[20], r[21], r[22], r[23], bool(r[24]),
    )


async def load_fees(reader, permit_id: int) -> tuple[FeeLine, ...]:
    rows = await reader.fetch(
        "SELECT f.description, f.amount, f.paid, (SELECT sum(a.amount) FROM fee_adjustment a"
        " WHERE a.fee_item = f.id), (SELECT a.kind FROM fee_adjustment a WHERE a.fee_item = f.id"
        " ORDER BY a.id DESC LIMIT 1) FROM fee_item f WHERE f.permit = ? ORDER BY f.id",
        [permit_id],
    )
    return tuple(FeeLine(r[0], as_money(r[1]), bool(r[2]),
                         adjusted_words(r[4], as_money(r[3]) if r[3] is not None else None))
                 for r in rows)


async def load_inspections(reader, permit_id: int) -> tuple[PublicInspection, ...]:
    rows = await reader.fetch(
        "SELECT type_code, type_name, requested_on, scheduled_for, status, result,"
        " inspected_at FROM inspection WHERE permit = ?"
        " ORDER BY coalesce(scheduled_for, requested_on) DESC, id DESC",
        [permit_id],
    )
    return tuple(
        PublicInspection(r[0], r[1], as_date(r[2]), as_date(r[3]), r[4], r[5],
                         as_datetime(r[6]))
        for r in rows
    )


async def load_inspection_details(reader, permit_id: int, inspector_only_notes: bool
                                  ) -> tuple[InspectionDetail, ...]:
    private = "private_notes" if inspector_only_notes else "''"
    rows = await reader.fetch(
        "SELECT type_code, type_name, requested_on, scheduled_for, status, result,"
        " inspected_at, id, confirmation, contact_name, contact_phone, request_notes,"
        f" inspector, public_notes, reinspection, {private}, received_at, approved_by,"
        " checklist FROM inspection WHERE permit = ?"
        " ORDER BY coalesce(scheduled_for, requested_on) DESC, id DESC",
        [permit_id],
    )
    return tuple(
        InspectionDetail(r[0], r[1], as_date(r[2]), as_date(r[3]), r[4], r[5],
                         as_datetime(r[6]), r[7], r[8], r[9], r[10], r[11], r[12], r[13],
                         bool(r[14]), r[15], as_datetime(r[16]), r[17], corrections_of(r[18]))
        for r in rows
    )


async def load_history(reader, permit_id: int) -> tuple[StatusChange, ...]:
    rows = await reader.fetch(
        "SELECT from_status, to_status, changed_at FROM permit_status_change"
        " WHERE permit = ? ORDER BY changed_at DESC, id DESC",
        [permit_id],
    )
    return tuple(StatusChange(r[0], r[1], as_datetime(r[2])) for r in rows)


async def load_audit(reader, permit_id: int) -> tuple[AuditLine, ...]:
    """The permit's audit trail, newest first (staff only: web/public/permit_pages.py)."""
    rows = await reader.fetch(
        "SELECT at, actor, channel, action, before, after FROM audit_event"
        f" WHERE permit = ? ORDER BY at DESC, id DESC LIMIT {AUDIT_SHOWN}", [permit_id])
    return tuple(AuditLine(as_datetime(r[0]), *r[1:]) for r in rows)
