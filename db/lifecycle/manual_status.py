"""Staff's status changes by hand (domain/staff_status.py): renewal, cancellation, voiding."""
from __future__ import annotations

from datetime import date, datetime

from db.audit.trail import record
from db.database import Database
from db.lifecycle.expiry import cancel_inspections_of
from db.permits.status import apply_status
from db.tables import Permit
from domain.audit_actions import PERMIT_RENEWED
from domain.inspection_changes import PERMIT_ENDED
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.permit_life import expires_on
from domain.permits import Status, no_such_permit
from domain.staff_status import check_manual_change


async def change_by_hand(database: Database, number: str, form: dict[str, str], by: str,
                         now: datetime, today: date, notice: NoticeContext
                         ) -> Accepted[Status] | Rejected:
    """Load, decide, save: the change checked against the permit as it is once locked, its
    consequences and the e-mails, in one transaction."""
    async with database.transaction():
        await database.lock_rows("permit", "number", [number])
        permit = await Permit.select(Permit.id, Permit.status, Permit.expires_on).where(
            Permit.number == number).first()
        if permit is None:
            return Rejected({"change": no_such_permit(number)})
        current = Status(permit["status"])
        checked = check_manual_change(current, form.get("change", ""), form.get("reason", ""))
        if isinstance(checked, Rejected):
            return checked
        target, reason = checked.value
        outcome = await apply_status(database, number, target, now, today, by, reason, notice)
        if isinstance(outcome, Rejected):
            return outcome
        if current is Status.EXPIRED and target is Status.ISSUED:
            renewed = expires_on(today)
            await Permit.update({Permit.expires_on: renewed}).where(Permit.id == permit["id"])
            await record(PERMIT_RENEWED, permit_id=permit["id"], at=now,
                         before={"expires": permit["expires_on"]}, after={"expires": renewed})
        if target in (Status.CANCELLED, Status.VOID):
            await cancel_inspections_of(number, now, notice, PERMIT_ENDED[target])
        return outcome
