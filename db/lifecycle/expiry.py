"""Expiring issued permits whose life ended (domain.permit_life), and telling their contacts."""
from __future__ import annotations

from datetime import date, datetime

from db.audit.trail import record
from db.database import Database
from db.inspections.capacity import release_units
from db.inspections.notices import notify_inspection
from db.permits.status import apply_status
from db.reader import as_date
from db.tables import Inspection, Permit
from domain.audit_actions import INSPECTION_CANCELLED
from domain.audit_subjects import inspection_subject
from domain.inspection_changes import PERMIT_EXPIRED, cancelled_because
from domain.inspection_types import CANCELLED, SCHEDULED
from domain.notifications import NoticeContext
from domain.outcomes import Accepted
from domain.permit_life import LAPSED_COMMENT
from domain.permits import Status

BATCH = 200

# An inspection booked within the permit's life and not yet resulted may still extend it:
# such a permit waits for the result.
LAPSED = (
    "SELECT p.number FROM permit p WHERE p.status = {} AND p.expires_on < {}"
    " AND NOT EXISTS (SELECT 1 FROM inspection i WHERE i.permit = p.id AND i.status = {}"
    " AND i.scheduled_for <= p.expires_on) ORDER BY p.id LIMIT {}"
)


async def expire_permits(database: Database, today: date, now: datetime,
                         notice: NoticeContext) -> list[str]:
    """Mark every issued permit whose expiration date has passed as Expired, with history and
    notices, a batch per transaction; its later inspections are cancelled and their capacity
    given back. Returns the numbers; running it twice changes nothing the second time."""
    expired: list[str] = []
    while True:
        rows = await Permit.raw(LAPSED, Status.ISSUED.value, today, SCHEDULED, BATCH)
        if not rows:
            return expired
        before = len(expired)
        async with database.transaction():
            for row in rows:
                outcome = await apply_status(
                    database, row["number"], Status.EXPIRED, now, today, "Permitline",
                    LAPSED_COMMENT, notice)
                if isinstance(outcome, Accepted):
                    expired.append(row["number"])
                    await cancel_inspections_of(row["number"], now, notice)
        if len(expired) == before:  # nothing could change: do not spin on the same rows
            return expired


async def cancel_inspections_of(number: str, now: datetime, notice: NoticeContext,
                                why: str = PERMIT_EXPIRED) -> None:
    """Every scheduled inspection of the permit, its units given back (in the caller's
    transaction); why is one of domain.inspection_changes' reasons."""
    held = await Inspection.select(
        Inspection.id, Inspection.district, Inspection.scheduled_for, Inspection.units,
        Inspection.permit, Inspection.type_code, Inspection.type_name,
    ).where((Inspection.permit.number == number) & (Inspection.status == SCHEDULED))
    for row in held:
        await Inspection.update({
            Inspection.status: CANCELLED, Inspection.result: CANCELLED,
            Inspection.private_notes: cancelled_because(why),
            Inspection.revision: Inspection.revision + 1,
        }).where(Inspection.id == row["id"])
        await release_units(row["district"], as_date(row["scheduled_for"]), row["units"])
        await record(INSPECTION_CANCELLED, permit_id=row["permit"], at=now,
                     subject=inspection_subject(row["id"]),
                     before={"inspection": f"{row['type_code']} {row['type_name']}",
                             "date": as_date(row["scheduled_for"])},
                     after={"status": CANCELLED, "reason": why})
        await notify_inspection(row["id"], "cancelled", now, notice)
