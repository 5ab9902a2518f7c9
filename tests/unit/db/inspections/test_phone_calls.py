"""A call's steps on both engines: one claim per step, a step books once, an ended call stays
ended, PIN locks are cleared once."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from db.accounts.sign_in import counted_attempt
from db.inspections import phone_calls
from db.inspections.phone_calls import BookedAlready
from db.inspections.pin_locks import clear_pin_lock, pin_locks
from db.lifecycle.housekeeping import tidy
from db.tables import AuditEvent, IvrCall
from domain.call_steps import ENDED, OUT_OF_ORDER, Refuse, Replay, Take, Wait
from domain.phone_line import CallState
from domain.pin_locks import pin_keys

NOW = datetime(2031, 3, 3, 17, 0, tzinfo=timezone.utc)
LA = ZoneInfo("America/Los_Angeles")


def new_sid() -> str:
    return f"CA{uuid.uuid4().hex}"


async def answered_voice(database, sid: str) -> None:
    assert (await phone_calls.begin_step(database, sid, "voice", 0, "f0",
                                         NOW)).decision == Take()
    await phone_calls.finish_step(database, sid, 0, CallState(step="menu"), "<menu/>",
                                  False, NOW)


async def test_the_same_first_request_arriving_many_times_at_once_starts_one_call(bound):
    sid = new_sid()
    outcomes = await asyncio.gather(*(phone_calls.begin_step(bound, sid, "voice", 0, "f0", NOW)
                                      for _ in range(6)))
    decisions = [o.decision for o in outcomes]
    assert decisions.count(Take()) == 1 and decisions.count(Wait()) == 5
    assert await IvrCall.count().where(IvrCall.call_sid == sid) == 1


async def test_a_step_is_claimed_answered_once_and_replayed_with_its_answer(bound):
    sid = new_sid()
    await answered_voice(bound, sid)
    assert (await phone_calls.begin_step(bound, sid, "voice", 0, "f0", NOW)).decision == Replay(
        "<menu/>")
    taken = await phone_calls.begin_step(bound, sid, "menu", 1, "f1", NOW)
    assert taken.decision == Take() and taken.state.step == "menu"
    assert (await phone_calls.begin_step(bound, sid, "menu", 1, "f1", NOW)).decision == Wait()
    await phone_calls.finish_step(bound, sid, 1, CallState(step="permit"), "<permit/>", False, NOW)
    assert (await phone_calls.begin_step(bound, sid, "voice", 0, "f0", NOW)).decision == Refuse(
        OUT_OF_ORDER), "only the last step is answered again"
    assert (await phone_calls.resume_step(sid, 1, NOW)).decision == Replay("<permit/>")


async def test_a_step_books_once_however_often_it_is_answered(bound):
    sid = new_sid()
    await answered_voice(bound, sid)
    await phone_calls.begin_step(bound, sid, "menu", 1, "f1", NOW)
    booking = {"confirmation": "1234567", "day": "2031-03-05"}
    async with bound.transaction():
        await phone_calls.mark_booked(sid, 1, booking)
    with pytest.raises(BookedAlready):
        async with bound.transaction():
            await phone_calls.mark_booked(sid, 1, {"confirmation": "7654321", "day": "x"})
    assert await phone_calls.booking_of(sid, 1) == booking
    again = await phone_calls.begin_step(bound, sid, "menu", 1, "f1", NOW + timedelta(seconds=31))
    assert again.decision == Take() and again.booking == booking, "the cut-off attempt booked"


async def test_a_call_ended_by_the_provider_or_an_idle_hour_answers_no_new_step(bound):
    sid = new_sid()
    await answered_voice(bound, sid)
    await phone_calls.end_call(bound, sid, NOW)
    await phone_calls.end_call(bound, sid, NOW)
    assert (await phone_calls.begin_step(bound, sid, "menu", 1, "f1",
                                         NOW)).decision == Refuse(ENDED)
    never = new_sid()
    await phone_calls.end_call(bound, never, NOW)
    assert (await phone_calls.begin_step(bound, never, "voice", 0, "f0", NOW)).decision == Refuse(
        ENDED)

    idle = new_sid()
    await answered_voice(bound, idle)
    later = NOW + timedelta(hours=2)
    await tidy(later)
    assert (await phone_calls.begin_step(bound, idle, "menu", 1, "f1", later)).decision == Refuse(
        ENDED)
    row = await IvrCall.select(IvrCall.state, IvrCall.answer, IvrCall.ended_at).where(
        IvrCall.call_sid == idle).first()
    assert (row["state"], row["answer"]) == ("{}", "") and row["ended_at"] is not None


async def test_a_pin_lock_in_force_is_listed_and_cleared_once(bound):
    caller = f"+1310555{uuid.uuid4().int % 10000:04d}"
    keys = pin_keys("license:7777777", caller, on_file=False)
    for minute in range(5):
        await counted_attempt(bound, keys, NOW + timedelta(minutes=minute))
    moment = NOW + timedelta(minutes=5)
    [shown] = [s for s in await pin_locks(moment) if s.lock.number == caller]
    assert shown.lock.license_no == "7777777" and shown.lock.failures == 5
    assert (await clear_pin_lock(bound, shown.lock.key, moment, LA)).failures == 5
    assert await clear_pin_lock(bound, shown.lock.key, moment, LA) is None
    [event] = await AuditEvent.select(AuditEvent.before).where(
        (AuditEvent.action == "phone line PIN lock cleared")
        & AuditEvent.subject.like(f"%{caller}%"))
    until = shown.lock.until.astimezone(LA)
    assert f"{until:%-I:%M %p} PDT" in event["before"] or f"{until:%-I:%M %p} PST" in (
        event["before"]), "the lock's end on the city's clock, not UTC"
    assert "+00:00" not in event["before"]
    assert [s for s in await pin_locks(moment) if s.lock.number == caller] == []


async def test_a_company_ceiling_reached_from_elsewhere_leaves_its_numbers_on_file_and_ends(
        bound):
    company = f"license:{uuid.uuid4().int % 10_000_000:07d}"
    day = NOW.replace(hour=1)
    for n in range(50):  # ten spoofed numbers, five wrong PINs each
        _, locked = await counted_attempt(
            bound, pin_keys(company, f"+1310555{n // 5:04d}", on_file=False),
            day + timedelta(minutes=n))
        assert locked is None, n
    fiftieth = day + timedelta(minutes=49)
    _, locked = await counted_attempt(bound, pin_keys(company, "+12135550999", on_file=False),
                                      fiftieth)
    assert locked == fiftieth + timedelta(hours=1)
    attempt, locked = await counted_attempt(bound, pin_keys(company, "+13235550100", on_file=True),
                                            fiftieth)
    assert locked is None, "the company's own phone is not shut out"
    after = fiftieth + timedelta(hours=1, minutes=1)
    _, locked = await counted_attempt(bound, pin_keys(company, "+12135550998", on_file=False),
                                      after)
    assert locked is None
    _, locked = await counted_attempt(bound, pin_keys(company, "+12135550997", on_file=False),
                                      after)
    assert locked is None, "a wrong PIN after the lock renewed nothing"
