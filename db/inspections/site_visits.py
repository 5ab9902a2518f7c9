"""When the inspector arrived at a stop's site and left it (issue 17 §3): a tap of "Arrived" or
"Left" from the stop's page, or the taps a phone kept offline, sent with the route's order."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from db.database import Database
from db.reader import as_date, as_datetime
from db.tables import Inspection
from domain.outcomes import Accepted, Rejected
from domain.site_visits import Tap, Visit, recorder_refusal, tap_time, tapped


@dataclass(frozen=True)
class Recorder:
    account_id: int
    staff: bool


async def record_tap(database: Database, inspection_id: int, by: Recorder, event: str,
                     at: datetime, zone: tzinfo) -> Accepted[Visit] | Rejected | None:
    """The stop's visit after a tap at ``at``; None when there is no such inspection."""
    async with database.transaction():
        return await _tap(database, inspection_id, by, event, at, zone)


async def record_taps(database: Database, taps: list[Tap], by: Recorder, received: datetime,
                      zone: tzinfo) -> list[tuple[Tap, Accepted[Visit] | Rejected | None]]:
    """Taps kept on a phone, each with its phone time (bounded: domain.site_visits.tap_time),
    applied in the order they were pressed, in one transaction; each with its outcome."""
    timed = [(tap, tap_time(tap.stamp, received)) for tap in taps]
    # Pressed in this order: an arrival before the leaving that follows it.
    timed.sort(key=lambda pair: (isinstance(pair[1], Rejected),
                                 pair[1].value if isinstance(pair[1], Accepted) else received))
    outcomes = []
    async with database.transaction():
        for tap, moment in timed:
            outcome = moment if isinstance(moment, Rejected) else await _tap(
                database, tap.inspection_id, by, tap.event, moment.value, zone)
            outcomes.append((tap, outcome))
    return outcomes


async def _tap(database: Database, inspection_id: int, by: Recorder, event: str,
               at: datetime, zone: tzinfo) -> Accepted[Visit] | Rejected | None:
    if await database.lock_inspection(inspection_id) is None:
        return None
    row = await Inspection.select(
        Inspection.inspector_account, Inspection.scheduled_for, Inspection.status,
        Inspection.arrived_at, Inspection.left_at).where(Inspection.id == inspection_id).first()
    if refusal := recorder_refusal(row["inspector_account"], by.account_id, by.staff):
        return Rejected({"visit": refusal})
    decided = tapped(Visit(as_datetime(row["arrived_at"]), as_datetime(row["left_at"])), event,
                     at, as_date(row["scheduled_for"]), row["status"], zone)
    if isinstance(decided, Accepted):
        await Inspection.update({Inspection.arrived_at: decided.value.arrived_at,
                                 Inspection.left_at: decided.value.left_at}).where(
            Inspection.id == inspection_id)
    return decided
