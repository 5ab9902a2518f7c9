"""The phone line's calls by CallSid: each call's state and last step, claimed before a step is
answered and saved with its answer after (domain/call_steps.py decides what is answered)."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from db.database import Database
from db.reader import as_datetime
from db.tables import IvrCall
from domain.call_steps import CallRecord, Refuse, Replay, Take, Wait, admit, resume
from domain.phone_line import CallState

# A call's state and last answer are kept an hour after its last step; its CallSid, step
# number and end are kept for good, so a captured call is refused however late it is played.
CALL_LIFETIME = timedelta(hours=1)
_COLUMNS = (IvrCall.state, IvrCall.seq, IvrCall.ended_at, IvrCall.expires_at,
            IvrCall.fingerprint, IvrCall.answer, IvrCall.in_flight_since, IvrCall.booked_seq,
            IvrCall.booking)


@dataclass(frozen=True)
class Admitted:
    decision: Take | Replay | Wait | Refuse
    state: CallState
    booking: dict | None = None  # what this step booked, if an attempt of it booked already


class BookedAlready(Exception):
    """This step of the call booked an inspection already: the second booking is undone."""


def _record(row: dict, now: datetime) -> CallRecord:
    state = json.loads(row["state"] or "{}")
    return CallRecord(
        seq=row["seq"], step=state.get("step", "voice"),
        ended=row["ended_at"] is not None or as_datetime(row["expires_at"]) <= now,
        fingerprint=row["fingerprint"], answer=row["answer"],
        in_flight_since=as_datetime(row["in_flight_since"]))


def _admitted(decision, row: dict | None, seq: int) -> Admitted:
    if row is None:
        return Admitted(decision, CallState())
    booking = json.loads(row["booking"]) if row["booked_seq"] == seq and row["booking"] else None
    return Admitted(decision, CallState.from_dict(json.loads(row["state"] or "{}")), booking)


async def begin_step(database: Database, call_sid: str, step: str, seq: int, fingerprint: str,
                     now: datetime) -> Admitted:
    """Decide on the request and, when it is to be answered, claim the step (so a retry
    arriving meanwhile waits instead of acting twice); a new call starts here."""
    try:
        async with database.transaction():
            await database.lock_rows("ivr_call", "call_sid", [call_sid])
            row = await IvrCall.select(*_COLUMNS).where(IvrCall.call_sid == call_sid).first()
            decision = admit(_record(row, now) if row else None, step, seq, fingerprint, now)
            if isinstance(decision, Take) and row is None:
                await IvrCall.insert(IvrCall(
                    call_sid=call_sid, state="{}", updated_at=now,
                    expires_at=now + CALL_LIFETIME, fingerprint=fingerprint,
                    in_flight_since=now))
            elif isinstance(decision, Take):
                await IvrCall.update({IvrCall.fingerprint: fingerprint, IvrCall.answer: "",
                                      IvrCall.in_flight_since: now}).where(
                    IvrCall.call_sid == call_sid)
    except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
        return Admitted(Wait(), CallState())  # the same first request, a moment earlier
    return _admitted(decision, row, seq)


async def finish_step(database: Database, call_sid: str, seq: int, state: CallState, answer: str,
                      ended: bool, now: datetime) -> None:
    """The step answered: the call moves to the next step number with its new state."""
    values = {IvrCall.state: json.dumps(state.as_dict()), IvrCall.seq: seq + 1,
              IvrCall.answer: answer, IvrCall.in_flight_since: None, IvrCall.updated_at: now,
              IvrCall.expires_at: now + CALL_LIFETIME}
    if ended:
        values[IvrCall.ended_at] = now
    async with database.transaction():
        await IvrCall.update(values).where(
            (IvrCall.call_sid == call_sid) & (IvrCall.seq == seq)
            & IvrCall.in_flight_since.is_not_null())


async def resume_step(call_sid: str, seq: int, now: datetime) -> Admitted:
    """Where step ``seq`` is, for a provider told to wait for it."""
    row = await IvrCall.select(*_COLUMNS).where(IvrCall.call_sid == call_sid).first()
    return _admitted(resume(_record(row, now) if row else None, seq, now), row, seq)


async def mark_booked(call_sid: str, seq: int, booking: dict) -> None:
    """Inside the booking's transaction: step ``seq`` of the call books once. Raises
    BookedAlready (undoing the booking) when an earlier attempt of the step booked."""
    rows = await IvrCall.update({IvrCall.booked_seq: seq, IvrCall.booking: json.dumps(booking)}
                                ).where(
        (IvrCall.call_sid == call_sid) & (IvrCall.seq == seq)
        & (IvrCall.booked_seq.is_null() | (IvrCall.booked_seq != seq))).returning(IvrCall.id)
    if not rows:
        raise BookedAlready()


async def end_call(database: Database, call_sid: str, now: datetime) -> None:
    """The provider says the call is over: no step of it is answered any more."""
    try:
        async with database.transaction():
            ended = await IvrCall.update({IvrCall.ended_at: now}).where(
                (IvrCall.call_sid == call_sid) & IvrCall.ended_at.is_null()
            ).returning(IvrCall.id)
            if not ended and not await IvrCall.exists().where(IvrCall.call_sid == call_sid):
                await IvrCall.insert(IvrCall(call_sid=call_sid, state="{}", updated_at=now,
                                             expires_at=now, ended_at=now))
    except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
        pass  # a step of the call started it a moment earlier; the end comes again later


async def forget_ended(now: datetime) -> None:
    """An hour after its last step a call is over: its state and answers go, its CallSid
    stays (housekeeping)."""
    over = IvrCall.expires_at < now
    await IvrCall.update({IvrCall.ended_at: now}).where(over & IvrCall.ended_at.is_null())
    await IvrCall.update({IvrCall.state: "{}", IvrCall.answer: "", IvrCall.fingerprint: "",
                          IvrCall.booking: ""}).where(over & (IvrCall.state != "{}"))


async def release_step(database: Database, call_sid: str, seq: int) -> None:
    """An attempt that failed on our side lets go of its step: a retry answers it afresh."""
    async with database.transaction():
        await IvrCall.update({IvrCall.in_flight_since: None}).where(
            (IvrCall.call_sid == call_sid) & (IvrCall.seq == seq))


async def booking_of(call_sid: str, seq: int) -> dict | None:
    """What step ``seq`` of the call booked, if it did."""
    row = await IvrCall.select(IvrCall.booked_seq, IvrCall.booking).where(
        IvrCall.call_sid == call_sid).first()
    return json.loads(row["booking"]) if row and row["booked_seq"] == seq else None
