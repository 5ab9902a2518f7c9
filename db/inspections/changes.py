"""Cancelling and moving a scheduled inspection, until the cut-off on its day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from db.audit.trail import record
from db.database import Database
from db.inspections.booking import (
    Booking, Scheduler, inspectable_permit, open_dates, permit_dates, record_override
)
from db.inspections.capacity import claim, release_units
from db.inspections.notices import notify_inspection
from db.permits.access import may_book_for
from db.reader import as_date
from db.tables import Inspection
from domain.audit_actions import INSPECTION_CANCELLED, INSPECTION_RESCHEDULED
from domain.audit_subjects import inspection_subject
from domain.booking_decisions import DateFull, InspectablePermit, Refused, decide_move, fitting
from domain.counter_service import booking_overrode, change_overrode
from domain.inspection_changes import cancelled_by, change_refused
from domain.inspection_types import CANCELLED
from domain.outcomes import Accepted, Rejected
from domain.scheduling import DateOption


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


async def held_inspection(inspection_id: int, account, at_counter: bool = False
                          ) -> Held | None:
    """The inspection if ``account`` acts for its permit (at the counter: is staff); None
    otherwise."""
    row = await Inspection.select(
        Inspection.id, Inspection.permit, Inspection.permit.number, Inspection.type_code,
        Inspection.type_name, Inspection.scheduled_for, Inspection.status, Inspection.units,
        Inspection.district, Inspection.confirmation,
    ).where(Inspection.id == inspection_id).first()
    if row is None or not await may_book_for(account, row["permit"], at_counter):
        return None
    return Held(row["id"], row["permit.number"], row["type_code"], row["type_name"],
                as_date(row["scheduled_for"]), row["status"], row["units"],
                row["district"], row["confirmation"], row["permit"])


async def _locked(database: Database, inspection_id: int, account, at_counter: bool
                  ) -> Held | None:
    """The inspection if ``account`` acts for its permit, its row locked first: a double
    click, the phone line and an inspector's result must not all decide on the same
    Scheduled state."""
    if await database.lock_inspection(inspection_id) is None:
        return None
    return await held_inspection(inspection_id, account, at_counter)


async def _overrode(held: Held, now: datetime, usual: Scheduler, override: str | None,
                    moved_to: date | None = None, permit: InspectablePermit | None = None
                    ) -> None:
    """The override's audit event, when the change needed one: past the cut-off, or (a move)
    to a day the usual rules do not offer."""
    if override:
        await record_override(held.permit_id, held.id, now, override, [
            change_overrode(held.day, now, usual.policy),
            booking_overrode(moved_to, permit_dates(permit, now, usual)) if moved_to else None])


async def cancel_inspection(database: Database, inspection_id: int, account, by: str, now: datetime,
                            rules: Scheduler, at_counter: bool = False,
                            override: str | None = None) -> Accepted[str] | Rejected | None:
    """Cancel until the cut-off on the inspection day (with a supervisor's ``override``,
    until the day ends) and give its units back."""
    usual, rules = rules, rules.overridden(bool(override))
    async with database.transaction():
        held = await _locked(database, inspection_id, account, at_counter)
        if held is None:
            return None
        if refused := change_refused(held.type_name, held.status, held.day, now, rules.policy):
            return Rejected({"inspection": refused})
        await Inspection.update({
            Inspection.status: CANCELLED, Inspection.result: CANCELLED,
            # For the city's records, not the "inspector's notes" that contacts read.
            Inspection.private_notes: cancelled_by(by),
            Inspection.revision: Inspection.revision + 1,
        }).where(Inspection.id == inspection_id)
        await release_units(held.district, held.day, held.units)
        await record(INSPECTION_CANCELLED, permit_id=held.permit_id, at=now,
                     subject=inspection_subject(inspection_id), before=_booked(held),
                     after={"status": CANCELLED})
        await _overrode(held, now, usual, override)
        await notify_inspection(inspection_id, "cancelled", now, rules.notice)
    return Accepted(held.permit_number)


@dataclass(frozen=True)
class MoveForm:
    """What the move form of an inspection is shown with after a refusal, as the move loaded
    it: the inspection, the open dates its units fit, and whether it may still change."""
    held: Held
    dates: tuple[DateOption, ...]
    changeable: bool


async def move_form(held: Held, now: datetime, rules: Scheduler,
                    permit: InspectablePermit | None = None) -> MoveForm:
    """The form of a move: the dates come from one read of the district's days."""
    permit = permit or await inspectable_permit(held.permit_number)
    options = await open_dates(permit, held.units, now, rules, exclude=held.day)
    return MoveForm(held, options, change_refused(held.type_name, held.status, held.day, now,
                                                  rules.policy) is None)


async def reschedule_inspection(database: Database, inspection_id: int, account, day_text: str,
                                now: datetime, rules: Scheduler, at_counter: bool = False,
                                override: str | None = None
                                ) -> Accepted[Booking] | Refused | DateFull | None:
    """Move to the date chosen in one step, decided by the domain on one snapshot: the new
    date's units are taken before the old ones are given back, so a full day never loses the
    inspection. A refusal carries the move's form, to show again."""
    usual, rules = rules, rules.overridden(bool(override))
    async with database.transaction():
        held = await _locked(database, inspection_id, account, at_counter)
        if held is None:
            return None
        permit = await inspectable_permit(held.permit_number)
        if refused := change_refused(held.type_name, held.status, held.day, now, rules.policy):
            return Refused({"inspection": refused}, await move_form(held, now, rules, permit))
        options = await open_dates(permit, 1, now, rules, exclude=held.day)
        decided = decide_move(day_text, permit_dates(permit, now, rules), options, held.units,
                              held.day)
        form = MoveForm(held, fitting(options, held.units), True)
        if isinstance(decided, Rejected):
            return Refused(decided.errors, form)
        day = decided.day if isinstance(decided, DateFull) else decided.value
        if isinstance(decided, DateFull) or not await claim(
                held.district, day, held.units, rules.capacity_on(day, held.district)):
            return DateFull(day, _without(form, day))
        await release_units(held.district, held.day, held.units)
        await Inspection.update({
            Inspection.scheduled_for: day, Inspection.revision: Inspection.revision + 1,
        }).where(Inspection.id == inspection_id)
        await record(INSPECTION_RESCHEDULED, permit_id=held.permit_id, at=now,
                     subject=inspection_subject(inspection_id), before=_booked(held),
                     after={"date": day.isoformat()})
        await _overrode(held, now, usual, override, day, permit)
        await notify_inspection(inspection_id, "rescheduled", now, rules.notice)
    return Accepted(Booking(inspection_id, held.confirmation or "", day))


def _without(form: MoveForm, day: date) -> MoveForm:
    return MoveForm(form.held, tuple(o for o in form.dates if o.day != day), form.changeable)


def _booked(held: Held) -> dict[str, str]:
    return {"inspection": f"{held.type_code} {held.type_name}",
            "date": held.day.isoformat() if held.day else "", "status": held.status}
