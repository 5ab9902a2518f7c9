"""Booking an inspection: the permit it is for, the dates open to it, and the request decided
by the domain on one snapshot and taken in one transaction with the day's units
(db/inspections/capacity.py)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from db.audit.trail import record
from db.database import Database
from db.inspections.capacity import claim, district_days
from db.inspections.notices import notify_inspection
from db.inspections.phone_calls import mark_booked
from db.permits.access import may_book_for
from db.reader import as_date
from db.rules.rule_book import catalog_on
from db.tables import District, FeeItem, Inspection, Permit
from domain.audit_actions import INSPECTION_REQUESTED, SCHEDULING_OVERRIDDEN
from domain.audit_subjects import inspection_subject
from domain.booking_decisions import (
    BookingPage, DateFull, InspectablePermit, Refused, booking_page, decide_request
)
from domain.counter_service import booking_overrode, overridden
from domain.inspection_requests import PastInspection
from domain.inspection_types import SCHEDULED
from domain.money import cents
from domain.notifications import NoticeContext
from domain.outcomes import Accepted
from domain.permits import PermitType
from domain.scheduling import (
    BusinessCalendar, DateOption, SchedulingPolicy, available_dates, bookable_dates, policy_on
)


@dataclass(frozen=True)
class Booking:
    """An inspection booked: what its confirmation e-mail and page tell the contractor."""
    inspection_id: int
    confirmation: str
    day: date


@dataclass(frozen=True)
class Scheduler:
    """The rules a booking is decided under, and how its notices are worded."""
    policy: SchedulingPolicy
    calendar: BusinessCalendar
    notice: NoticeContext
    # Every version: a day's units are those of the version in force on that day, so a
    # version saved for next month governs next month's days whenever they are booked.
    policies: tuple[SchedulingPolicy, ...] = ()

    def capacity_on(self, day: date, district: str) -> int:
        return (policy_on(self.policies, day) if self.policies else self.policy
                ).capacity_of(district)

    def overridden(self, override: bool) -> Scheduler:
        """These rules, or with a supervisor's ``override`` their lead time and
        cut-offs set aside (domain/counter_service.py)."""
        return replace(self, policy=overridden(self.policy)) if override else self


async def inspectable_permit(number: str) -> InspectablePermit | None:
    row = await Permit.select(
        Permit.id, Permit.number, Permit.permit_type, Permit.subtype, Permit.status,
        Permit.expires_on, Permit.site_address, Permit.parcel.district,
        Permit.contractor_license,
    ).where(Permit.number == number).first()
    if row is None:
        return None
    unpaid = await FeeItem.select(FeeItem.amount, FeeItem.inspection_id).where(
        (FeeItem.permit == row["id"]) & (FeeItem.paid == False))  # noqa: E712
    history = await Inspection.select(
        Inspection.type_code, Inspection.status, Inspection.result, Inspection.scheduled_for,
    ).where(Inspection.permit == row["id"])
    return InspectablePermit(
        row["id"], row["number"], PermitType(row["permit_type"]), row["subtype"],
        row["status"], as_date(row["expires_on"]), row["site_address"],
        row["parcel.district"], row["contractor_license"],
        sum((Decimal(str(f["amount"])) for f in unpaid), Decimal("0.00")),
        tuple(PastInspection(h["type_code"], h["status"], h["result"],
                             as_date(h["scheduled_for"])) for h in history),
        tuple(cents(f["amount"]) for f in unpaid if f["inspection_id"] is not None))


def permit_dates(permit: InspectablePermit, now: datetime, rules: Scheduler
                 ) -> tuple[date, ...]:
    """Bookable dates within the permit's life: an inspection after its expiration would
    find it expired (CBC 105.5)."""
    return tuple(d for d in bookable_dates(now, rules.policy, rules.calendar)
                 if permit.expires_on is None or d <= permit.expires_on)


async def open_dates(permit: InspectablePermit, units: int, now: datetime, rules: Scheduler,
                     exclude: date | None = None) -> tuple[DateOption, ...]:
    days = permit_dates(permit, now, rules)
    booked = await district_days(permit.district, days)
    booked = replace(booked, capacity={
        **{d: rules.capacity_on(d, permit.district) for d in days}, **booked.capacity})
    return tuple(o for o in available_dates(now, rules.policy, rules.calendar, permit.district,
                                            units, booked, exclude) if o.day in days)


async def _new_confirmation() -> str:
    """Seven digits, spoken one by one on the phone line; unique among inspections."""
    while True:
        number = str(1_000_000 + secrets.randbelow(9_000_000))
        if not await Inspection.exists().where(Inspection.confirmation == number):
            return number


async def _inspector_of(district: str) -> tuple[int | None, str | None]:
    row = await District.select(District.inspector, District.inspector.first_name,
                                District.inspector.active).where(
        District.code == district).first()
    # A deactivated inspector's district waits for a supervisor's choice on the board.
    if row is None or row["inspector"] is None or not row["inspector.active"]:
        return None, None
    return row["inspector"], row["inspector.first_name"]


async def record_override(permit_id: int, inspection_id: int, now: datetime, reason: str,
                          rules: list[str | None]) -> None:
    """The audit event of a supervisor's override, after the change it allowed, naming the
    rules it set aside; none when the usual rules would have allowed the change anyway."""
    if any(rules):
        await record(SCHEDULING_OVERRIDDEN, permit_id=permit_id, at=now,
                     subject=inspection_subject(inspection_id),
                     after={"rule": ", ".join(r for r in rules if r), "reason": reason})


async def booking_form(permit: InspectablePermit, now: datetime, today: date,
                       rules: Scheduler, license_errors: list[str]) -> BookingPage:
    """The snapshot a request is decided on, and its form shown with: the permit's dates and
    the room left on each (one read of the district's days)."""
    return booking_page(permit, catalog_on(today), license_errors,
                        permit_dates(permit, now, rules), await open_dates(permit, 1, now, rules),
                        today)


async def request_inspection(database: Database, number: str, form: dict[str, str], account,
                             by: str, now: datetime, today: date, rules: Scheduler,
                             license_errors: list[str],
                             call_step: tuple[str, int] | None = None, at_counter: bool = False,
                             override: str | None = None
                             ) -> Accepted[Booking] | Refused | DateFull | None:
    """Load the permit's snapshot, let the domain decide the request on it once, and book
    it: in one transaction. None when the account does not act for the permit (the caller
    answers 404); a refusal carries the form as decided, to show again. ``call_step``: the
    phone line's (CallSid, step number), which books once — marked in the same transaction,
    and BookedAlready (nothing booked) when an earlier attempt of the step booked.
    ``at_counter``: staff booking for a caller; ``override``: a supervisor's reason to set
    the lead time and cut-off aside, logged when the day was not open under the usual rules."""
    usual, rules = rules, rules.overridden(bool(override))
    async with database.transaction():
        await database.lock_rows("permit", "number", [number])  # one booking of a permit at a time
        permit = await inspectable_permit(number)
        if permit is None or not await may_book_for(account, permit.id, at_counter):
            return None
        page = await booking_form(permit, now, today, rules, license_errors)
        decided = decide_request(page, form)
        if not isinstance(decided, Accepted):
            return decided
        request, kind = decided.value.request, decided.value.type
        if not await claim(permit.district, request.day, kind.units,
                           rules.capacity_on(request.day, permit.district)):
            return DateFull(request.day, page.without(request.day))
        inspector_id, inspector_name = await _inspector_of(permit.district)
        confirmation = await _new_confirmation()
        inspection_id = (await Inspection.insert(Inspection(
            permit=permit.id, type_code=request.code, type_name=kind.name,
            requested_on=today, scheduled_for=request.day, status=SCHEDULED,
            confirmation=confirmation, units=kind.units, district=permit.district,
            contact_name=request.contact_name, contact_phone=request.contact_phone,
            request_notes=request.notes, requested_by=account.id,
            requested_at=now, inspector_account=inspector_id, inspector=inspector_name,
        )))[0]["id"]
        await record(INSPECTION_REQUESTED, permit_id=permit.id, at=now,
                     subject=inspection_subject(inspection_id), after={
            "inspection": f"{request.code} {kind.name}", "date": request.day.isoformat(),
            "confirmation": confirmation})
        if override:
            await record_override(permit.id, inspection_id, now, override, [booking_overrode(
                request.day, permit_dates(permit, now, usual))])
        await notify_inspection(inspection_id, "scheduled", now, rules.notice)
        if call_step is not None:
            await mark_booked(*call_step, {"confirmation": confirmation,
                                           "day": request.day.isoformat()})
    return Accepted(Booking(inspection_id, confirmation, request.day))
