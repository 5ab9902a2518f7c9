"""Booking inspections within each district's daily capacity: request, cancel, reschedule.

Capacity is a counter per district and date (``inspection_day``). Booking raises it in one
conditional UPDATE that matches only while the units still fit, so of many requests racing
for the last unit exactly one matches — on PostgreSQL the row lock re-checks the condition,
on SQLite writes already take turns (db/transactions.py).
"""
from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from db.audit import record
from db.inspection_notices import notify_inspection
from db.permit_access import may_act_on
from db.reader import as_date
from db.rule_book import catalog_on
from db.tables import District, FeeItem, Inspection, InspectionDay, Permit
from db.transactions import lock_inspection, lock_rows, write_transaction
from domain.inspection_requests import (
    PastInspection, check_day, check_request, permit_refusals, type_choices,
)
from domain.inspection_types import CANCELLED, SCHEDULED
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType
from domain.scheduling import (
    BusinessCalendar, DateOption, DistrictDays, SchedulingPolicy, available_dates,
    bookable_dates, may_still_change, policy_on,
)


@dataclass(frozen=True)
class InspectablePermit:
    id: int
    number: str
    permit_type: PermitType
    subtype: str
    status: str
    expires_on: date | None
    site_address: str
    district: str
    contractor_license: str | None
    unpaid: Decimal
    history: tuple[PastInspection, ...]


@dataclass(frozen=True)
class Booking:
    inspection_id: int
    confirmation: str
    day: date


@dataclass(frozen=True)
class DateFull:
    """The chosen date filled while the request was being made."""
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


async def inspectable_permit(number: str) -> InspectablePermit | None:
    row = await Permit.select(
        Permit.id, Permit.number, Permit.permit_type, Permit.subtype, Permit.status,
        Permit.expires_on, Permit.site_address, Permit.parcel.district,
        Permit.contractor_license,
    ).where(Permit.number == number).first()
    if row is None:
        return None
    unpaid = await FeeItem.select(FeeItem.amount).where(
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
                             as_date(h["scheduled_for"])) for h in history))


async def district_days(district: str, days: tuple[date, ...]) -> DistrictDays:
    if not days:
        return DistrictDays()
    rows = await InspectionDay.select(
        InspectionDay.day, InspectionDay.booked, InspectionDay.capacity,
    ).where((InspectionDay.district == district) & (InspectionDay.day >= days[0])
            & (InspectionDay.day <= days[-1]))
    return DistrictDays(
        booked={as_date(r["day"]): r["booked"] for r in rows},
        capacity={as_date(r["day"]): r["capacity"] for r in rows if r["capacity"] is not None})


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


async def ensure_day(district: str, day: date) -> None:
    """The capacity counter of a district's day, created empty if it is not there yet (the
    unique index makes racing creators agree)."""
    await InspectionDay.raw(
        "INSERT INTO inspection_day (district, day, booked) VALUES ({}, {}, 0)"
        " ON CONFLICT (district, day) DO NOTHING", district, day)


async def _claim(district: str, day: date, units: int, capacity: int) -> bool:
    """Take ``units`` of the day's capacity if they still fit; inside the caller's
    transaction."""
    await ensure_day(district, day)
    claimed = await InspectionDay.raw(
        "UPDATE inspection_day SET booked = booked + {} WHERE district = {} AND day = {}"
        " AND booked + {} <= coalesce(capacity, {}) RETURNING id",
        units, district, day, units, capacity)
    return bool(claimed)


async def release_units(district: str, day: date | None, units: int) -> None:
    if day is None:
        return
    await InspectionDay.raw(
        "UPDATE inspection_day SET booked = CASE WHEN booked > {} THEN booked - {} ELSE 0 END"
        " WHERE district = {} AND day = {}", units, units, district, day)


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


async def request_inspection(number: str, form: dict[str, str], account, by: str,
                             now: datetime, today: date, rules: Scheduler,
                             license_errors: list[str],
                             booked: Callable[[Booking], Awaitable[None]] | None = None
                             ) -> Accepted[Booking] | Rejected | DateFull | None:
    """Check the request form against the permit, its inspections and the open dates, and
    book it: load, decide, save in one transaction. None when the account does not act for
    the permit (the caller answers 404). ``booked`` runs inside the transaction; if it raises,
    nothing is booked (the phone line books once per step of a call)."""
    async with write_transaction():
        await lock_rows("permit", "number", [number])  # one booking of a permit at a time
        permit = await inspectable_permit(number)
        if permit is None or not await may_act_on(account, permit.id):
            return None
        refusals = permit_refusals(permit.status, permit.expires_on, permit.unpaid, today,
                                   license_errors)
        if refusals:
            return Rejected({"permit": " ".join(refusals)})
        choices = type_choices(catalog_on(today), permit.permit_type, permit.subtype,
                               permit.history)
        checked = check_request(form, choices, permit_dates(permit, now, rules))
        if isinstance(checked, Rejected):
            return checked
        request = checked.value
        kind = next(c.type for c in choices if c.type.code == request.code)
        if refused := await _take(permit, request.day, kind.units, now, rules):
            return refused
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
        await record("inspection requested", permit_id=permit.id, at=now, after={
            "inspection": f"{request.code} {kind.name}", "date": request.day.isoformat(),
            "confirmation": confirmation})
        await notify_inspection(inspection_id, "scheduled", now, rules.notice)
        if booked is not None:
            await booked(Booking(inspection_id, confirmation, request.day))
    return Accepted(Booking(inspection_id, confirmation, request.day))


@dataclass(frozen=True)
class Held:
    """A scheduled inspection as its permit's contacts may change it."""
    id: int
    permit_number: str
    type_code: str
    type_name: str
    day: date | None
    status: str
    units: int
    district: str
    confirmation: str | None
    permit_id: int


async def held_inspection(inspection_id: int, account) -> Held | None:
    """The inspection if ``account`` acts for its permit; None otherwise."""
    row = await Inspection.select(
        Inspection.id, Inspection.permit, Inspection.permit.number, Inspection.type_code,
        Inspection.type_name, Inspection.scheduled_for, Inspection.status, Inspection.units,
        Inspection.district, Inspection.confirmation,
    ).where(Inspection.id == inspection_id).first()
    if row is None or not await may_act_on(account, row["permit"]):
        return None
    return Held(row["id"], row["permit.number"], row["type_code"], row["type_name"],
                as_date(row["scheduled_for"]), row["status"], row["units"],
                row["district"], row["confirmation"], row["permit"])


async def _changeable(inspection_id: int, account, now: datetime, rules: Scheduler
                      ) -> Held | Rejected | None:
    """The inspection if its contacts may still change it; why not; or None (not theirs).
    Its row is locked first: a double click, the phone line and an inspector's result must
    not all decide on the same Scheduled state."""
    if await lock_inspection(inspection_id) is None:
        return None
    held = await held_inspection(inspection_id, account)
    if held is None:
        return None
    if held.status != SCHEDULED:
        return Rejected({"inspection": f"The {held.type_name} inspection is already "
                                       f"{held.status.lower()}."})
    if may_still_change(held.day, now, rules.policy):
        return held
    cutoff = rules.policy.cancel_cutoff
    return Rejected({"inspection": (
        f"The {held.type_name} inspection can no longer be changed online: changes close at "
        f"{cutoff:%-I:%M %p} on the inspection day. Call the inspection line.")})


async def cancel_inspection(inspection_id: int, account, by: str, now: datetime,
                            rules: Scheduler) -> Accepted[str] | Rejected | None:
    """Cancel until the cut-off on the inspection day and give its units back."""
    async with write_transaction():
        held = await _changeable(inspection_id, account, now, rules)
        if not isinstance(held, Held):
            return held
        await Inspection.update({
            Inspection.status: CANCELLED, Inspection.result: CANCELLED,
            # For the city's records, not the "inspector's notes" that contacts read.
            Inspection.private_notes: f"Cancelled by {by}.",
            Inspection.revision: Inspection.revision + 1,
        }).where(Inspection.id == inspection_id)
        await release_units(held.district, held.day, held.units)
        await record("inspection cancelled", permit_id=held.permit_id, at=now,
                     subject=f"inspection {inspection_id}", before=_booked(held),
                     after={"status": CANCELLED})
        await notify_inspection(inspection_id, "cancelled", now, rules.notice)
    return Accepted(held.permit_number)


async def reschedule_inspection(inspection_id: int, account, day_text: str, now: datetime,
                                rules: Scheduler) -> Accepted[Booking] | Rejected | DateFull | None:
    """Move to the date chosen in one step, checked as a request's is: the new date's units
    are taken before the old ones are given back, so a full day never loses the inspection."""
    async with write_transaction():
        held = await _changeable(inspection_id, account, now, rules)
        if not isinstance(held, Held):
            return held
        permit = await inspectable_permit(held.permit_number)
        checked = check_day(day_text, [d for d in permit_dates(permit, now, rules)
                                       if d != held.day])
        if isinstance(checked, Rejected):
            return checked
        day = checked.value
        if refused := await _take(permit, day, held.units, now, rules, exclude=held.day):
            return refused
        await release_units(held.district, held.day, held.units)
        await Inspection.update({
            Inspection.scheduled_for: day, Inspection.revision: Inspection.revision + 1,
        }).where(Inspection.id == inspection_id)
        await record("inspection rescheduled", permit_id=held.permit_id, at=now,
                     before=_booked(held), after={"date": day.isoformat()})
        await notify_inspection(inspection_id, "rescheduled", now, rules.notice)
    return Accepted(Booking(inspection_id, held.confirmation or "", day))


def _booked(held: Held) -> dict[str, str]:
    return {"inspection": f"{held.type_code} {held.type_name}",
            "date": held.day.isoformat() if held.day else "", "status": held.status}


async def _take(permit: InspectablePermit, day: date, units: int, now: datetime,
                rules: Scheduler, exclude: date | None = None) -> Rejected | DateFull | None:
    """Claim ``units`` of ``day`` in the permit's district; why not, or None when taken."""
    room = {o.day: o.remaining for o in await open_dates(permit, 1, now, rules, exclude)}
    if day not in room:
        return DateFull(day)
    if room[day] < units:
        return Rejected({"day": too_small(day, room[day], units)})
    if not await _claim(permit.district, day, units, rules.capacity_on(day, permit.district)):
        return DateFull(day)
    return None


def too_small(day: date, remaining: int, units: int) -> str:
    places = "place" if remaining == 1 else "places"
    return (f"{day:%A} {day.day} {day:%B} has {remaining} {places} left, and this inspection "
            f"needs {units}. Choose another date.")


def full_message(day: date) -> str:
    return (f"{day:%A} {day.day} {day:%B} just filled up while you were choosing. Choose one "
            "of the next available dates.")
