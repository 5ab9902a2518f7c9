"""The staff's log of every change, newest first: the audit trail beyond one permit (accounts,
capacity, districts, rules and payments as well as permits)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from db.reader import as_datetime
from db.tables import AuditEvent

PAGE = 100


@dataclass(frozen=True)
class LogLine:
    id: int
    at: datetime
    actor: str
    channel: str
    action: str
    subject: str
    permit_number: str | None
    before: str
    after: str


async def audit_log(older_than: int | None = None, without_permit: bool = False
                    ) -> tuple[list[LogLine], int | None]:
    """A page of events newest first (by id, the primary key: no other index is needed), and
    the id to ask for the next, older page with (None on the last page)."""
    where = AuditEvent.id > 0
    if older_than is not None:
        where = where & (AuditEvent.id < older_than)
    if without_permit:
        where = where & AuditEvent.permit.is_null()
    rows = await AuditEvent.select(
        AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.channel, AuditEvent.action,
        AuditEvent.subject, AuditEvent.permit.number, AuditEvent.before, AuditEvent.after,
    ).where(where).order_by(AuditEvent.id, ascending=False).limit(PAGE + 1)
    lines = [LogLine(r["id"], as_datetime(r["at"]), r["actor"], r["channel"], r["action"],
                     r["subject"], r["permit.number"], r["before"], r["after"])
             for r in rows[:PAGE]]
    return lines, (lines[-1].id if len(rows) > PAGE else None)


# How long after an action its page still says it was done (a reload, Back): the saying is
# read from the audit trail, never from the address bar.
JUST_DONE = timedelta(minutes=10)


async def just_done(actor: str, action: str, now: datetime, subject: str | None = None
                    ) -> str | None:
    """The subject of ``actor``'s latest ``action`` (of ``subject``, when given) in the last
    JUST_DONE; None when they did none."""
    where = ((AuditEvent.actor == actor) & (AuditEvent.action == action)
             & (AuditEvent.at >= now - JUST_DONE))
    if subject is not None:
        where = where & (AuditEvent.subject == subject)
    row = await AuditEvent.select(AuditEvent.subject).where(where).order_by(
        AuditEvent.id, ascending=False).first()
    return row["subject"] if row else None


async def was_recorded(action: str, subject: str) -> bool:
    """Whether an event ``action`` on ``subject`` is in the trail: a message after an action
    is told from this, never from the address alone (a crafted link claims nothing)."""
    return await AuditEvent.exists().where((AuditEvent.action == action)
                                           & (AuditEvent.subject == subject))
