"""The staff's log of every change, newest first: the audit trail beyond one permit (accounts,
capacity, districts, rules and payments as well as permits)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from db.reader import as_date, as_datetime
from db.tables import AuditEvent, Inspection, Permit
from domain.audit_filters import AuditAsk, inspection_of

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
    # The inspection the event is about, when it is about one (issue 16 §5).
    inspection_type: str | None = None
    inspection_day: date | None = None


async def _conditions(ask: AuditAsk):
    """The filters as one Piccolo condition; None when the permit asked for does not exist."""
    where = AuditEvent.id > 0
    if ask.older is not None:
        where = where & (AuditEvent.id < ask.older)
    if ask.without_permit:
        where = where & AuditEvent.permit.is_null()
    if ask.who:
        where = where & (AuditEvent.actor == ask.who)
    if ask.channel:
        where = where & (AuditEvent.channel == ask.channel)
    if ask.starts:
        where = where & (AuditEvent.at >= ask.starts)
    if ask.ends:
        where = where & (AuditEvent.at < ask.ends)
    if ask.subject:
        where = where & (AuditEvent.subject == ask.subject)
    if ask.permit_number:
        permit = await Permit.select(Permit.id).where(
            Permit.number == ask.permit_number).first()
        if permit is None:
            return None
        where = where & (AuditEvent.permit == permit["id"])
    return where


async def _inspections(subjects: list[str]) -> dict[int, tuple[str, date | None]]:
    ids = {i for s in subjects if (i := inspection_of(s)) is not None}
    if not ids:
        return {}
    rows = await Inspection.select(Inspection.id, Inspection.type_name,
                                   Inspection.scheduled_for).where(Inspection.id.is_in(list(ids)))
    return {r["id"]: (r["type_name"], as_date(r["scheduled_for"])) for r in rows}


async def audit_log(ask: AuditAsk = AuditAsk()) -> tuple[list[LogLine], int | None] | None:
    """A page of events newest first (by id), and the id to ask for the next, older page
    with (None on the last page); None when the permit asked about does not exist. The
    inspections the page's events are about are read in one query."""
    where = await _conditions(ask)
    if where is None:
        return None
    rows = await AuditEvent.select(
        AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.channel, AuditEvent.action,
        AuditEvent.subject, AuditEvent.permit.number, AuditEvent.before, AuditEvent.after,
    ).where(where).order_by(AuditEvent.id, ascending=False).limit(PAGE + 1)
    inspections = await _inspections([r["subject"] for r in rows[:PAGE]])
    lines = [LogLine(r["id"], as_datetime(r["at"]), r["actor"], r["channel"], r["action"],
                     r["subject"], r["permit.number"], r["before"], r["after"],
                     *inspections.get(inspection_of(r["subject"]) or 0, (None, None)))
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


async def just_done_on(actor: str, action: str, now: datetime, permit_id: int) -> bool:
    """Whether ``actor`` did ``action`` on the permit in the last JUST_DONE (its events name
    the permit, not a subject)."""
    return await AuditEvent.exists().where(
        (AuditEvent.actor == actor) & (AuditEvent.action == action)
        & (AuditEvent.permit == permit_id) & (AuditEvent.at >= now - JUST_DONE))


async def was_recorded(action: str, subject: str) -> bool:
    """Whether an event ``action`` on ``subject`` is in the trail: a message after an action
    is told from this, never from the address alone (a crafted link claims nothing)."""
    return await AuditEvent.exists().where((AuditEvent.action == action)
                                           & (AuditEvent.subject == subject))
