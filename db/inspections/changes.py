"""Cancelling and moving a scheduled inspection, until the cut-off on its day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from db.audit.trail import record
from db.inspections.booking import (
    Booking, DateFull, Scheduler, inspectable_permit, permit_dates, take
)
from db.inspections.capacity import release_units
from db.inspections.notices import notify_inspection
from db.permits.access import may_act_on
from db.reader import as_date
from db.tables import Inspection
from db.transactions import lock_inspection, write_transaction
from domain.inspection_changes import cancelled_by, change_refused
from domain.inspection_requests import check_day
from domain.inspection_types import CANCELLED
from domain.outcomes import Accepted, Rejected


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
    refused = change_refused(held.type_name, held.status, held.day, now, rules.policy)
    return held if refused is None else Rejected({"inspection": refused})


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
            Inspection.private_notes: cancelled_by(by),
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
        if refused := await take(permit, day, held.units, now, rules, exclude=held.day):
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
