"""Load-decide-save: moving a permit through its status lifecycle, with history."""
from __future__ import annotations

from datetime import date, datetime

from db.audit.trail import record
from db.database import Database
from db.mail.outbox import Message, enqueue_all
from db.mail.recipients import recipients
from db.tables import Permit, PermitStatusChange
from domain.audit_actions import STATUS_CHANGED
from domain.notifications import NoticeContext, status_notice
from domain.outcomes import Accepted, Rejected
from domain.permits import Status, no_such_permit, transition


async def change_status(database: Database,
    number: str, target: Status, now: datetime, today: date, by: str, comment: str = "",
    notify: NoticeContext | None = None,
) -> Accepted[Status] | Rejected:
    """Apply a status change if the lifecycle allows it, recording it in the history.

    ``now`` is the UTC instant; ``today`` is the date in the city's time zone. With
    ``notify``, the permit's followers and its contractor's accounts are e-mailed, in the same
    transaction as the change.
    """
    async with database.transaction():
        return await apply_status(database, number, target, now, today, by, comment, notify)


async def apply_status(database: Database,
    number: str, target: Status, now: datetime, today: date, by: str, comment: str = "",
    notify: NoticeContext | None = None,
) -> Accepted[Status] | Rejected:
    """change_status inside the caller's write transaction."""
    await database.lock_rows("permit", "number", [number])
    permit = await Permit.select(
        Permit.id, Permit.status, Permit.issued_on, Permit.contractor_license).where(
        Permit.number == number
    ).first()
    if permit is None:
        return Rejected({"number": no_such_permit(number)})
    current = Status(permit["status"])
    outcome = transition(current, target)
    if isinstance(outcome, Rejected):
        return outcome
    values = {Permit.status: target.value, Permit.status_changed_at: now}
    # A renewed permit (Expired -> Issued) keeps the date it was first issued.
    if target is Status.ISSUED and permit["issued_on"] is None:
        values[Permit.issued_on] = today
    if target is Status.FINALED:
        values[Permit.finaled_on] = today
    await Permit.update(values).where(Permit.id == permit["id"])
    await PermitStatusChange.insert(PermitStatusChange(
        permit=permit["id"], from_status=current.value, to_status=target.value,
        changed_at=now, changed_by=by, comment=comment,
    ))
    await record(STATUS_CHANGED, permit_id=permit["id"], before={"status": current.value},
                 after={"status": target.value, "comment": comment} if comment else
                 {"status": target.value}, at=now)
    if notify is not None:
        subject, body = status_notice(number, current, target, notify)
        everyone = (await recipients(permit["id"], permit["contractor_license"])).everyone
        await enqueue_all([Message(email, subject, body) for email in everyone], now)
    return outcome
