"""Idempotency keys: one claim per key, replays get the stored answer, stale claims end."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta, timezone

from db import idempotency
from db.idempotency import Begun, InFlight, Mismatch, OtherTarget, Replay, Stored
from db.tables import IdempotencyRecord

NOW = datetime(2031, 3, 3, 17, 0, tzinfo=timezone.utc)
TARGET = ("POST", "/inspector/inspections/41/result")


def new_key() -> str:
    return idempotency.scoped(7, str(uuid.uuid4()))


async def test_one_of_many_simultaneous_requests_claims_a_key(bound):
    key = new_key()
    outcomes = await asyncio.gather(*(idempotency.begin(bound, key, "print", NOW, *TARGET)
                                      for _ in range(8)))
    assert outcomes.count(Begun()) == 1
    assert all(o == InFlight() for o in outcomes if o != Begun())


async def test_a_finished_key_replays_its_response_and_refuses_other_contents(bound):
    key = new_key()
    assert await idempotency.begin(bound, key, "print", NOW, *TARGET) == Begun()
    async with bound.transaction():
        await idempotency.finish(key, Stored(303, location="/inspector?day=2031-03-04"), NOW)
    assert await idempotency.begin(bound, key, "print", NOW, *TARGET) == Replay(
        Stored(303, "/inspector?day=2031-03-04", ""))
    assert await idempotency.begin(bound, key, "other print", NOW, *TARGET) == Mismatch()


async def test_a_claim_left_by_a_request_that_died_is_taken_over_and_an_abandoned_one_freed(
        bound):
    key = new_key()
    assert await idempotency.begin(bound, key, "print", NOW, *TARGET) == Begun()
    later = NOW + timedelta(seconds=5)
    assert await idempotency.begin(bound, key, "print", later, *TARGET) == InFlight()
    assert await idempotency.begin(bound, key, "print", later + timedelta(seconds=26),
                                   *TARGET) == Begun()
    await idempotency.abandon(key)
    assert await idempotency.begin(bound, key, "print", NOW, *TARGET) == Begun()


def test_a_fingerprint_ignores_field_order_and_the_named_fields():
    assert idempotency.fingerprint({"a": "1", "b": "2", "csrf_token": "x"}, ("csrf_token",)) \
        == idempotency.fingerprint({"b": "2", "a": "1"})
    assert idempotency.fingerprint({"a": "1"}) != idempotency.fingerprint({"a": "2"})


async def test_a_key_belongs_to_the_method_and_path_it_was_first_used_for(bound):
    key = new_key()
    assert await idempotency.begin(bound, key, "print", NOW, *TARGET) == Begun()
    async with bound.transaction():
        await idempotency.finish(key, Stored(200, body="Recorded: 145 at 123 Kings Rd"), NOW)
    other = ("POST", "/inspector/inspections/42/result")
    assert await idempotency.begin(bound, key, "print", NOW, *other) == OtherTarget(), (
        "never the first inspection's answer for another one")
    assert await idempotency.begin(bound, key, "other print", NOW, *other) == OtherTarget()
    assert await idempotency.begin(bound, key, "print", NOW, "PUT", TARGET[1]) == OtherTarget()
    assert await idempotency.begin(bound, key, "print", NOW, *TARGET) == Replay(
        Stored(200, "", "Recorded: 145 at 123 Kings Rd"))
    in_flight = new_key()
    assert await idempotency.begin(bound, in_flight, "print", NOW, *TARGET) == Begun()
    assert await idempotency.begin(bound, in_flight, "print", NOW, *other) == OtherTarget()


async def test_a_record_made_before_keys_were_bound_still_replays_its_answer(bound):
    key = new_key()
    await IdempotencyRecord.insert(IdempotencyRecord(
        key=key, fingerprint="print", state="done", status_code=200, body="Recorded",
        created_at=NOW, completed_at=NOW))  # as the migration left it: no method, no path
    assert await idempotency.begin(bound, key, "print", NOW, *TARGET) == Replay(
        Stored(200, "", "Recorded"))
    assert await idempotency.begin(bound, key, "other print", NOW, *TARGET) == Mismatch()
