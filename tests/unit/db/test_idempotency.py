"""Idempotency keys: one claim per key, replays get the stored answer, stale claims end."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta, timezone

from db import idempotency
from db.idempotency import Begun, InFlight, Mismatch, Replay, Stored
from db.transactions import write_transaction

NOW = datetime(2031, 3, 3, 17, 0, tzinfo=timezone.utc)


def new_key() -> str:
    return idempotency.scoped(7, str(uuid.uuid4()))


async def test_one_of_many_simultaneous_requests_claims_a_key(bound):
    key = new_key()
    outcomes = await asyncio.gather(*(idempotency.begin(key, "print", NOW) for _ in range(8)))
    assert outcomes.count(Begun()) == 1
    assert all(o == InFlight() for o in outcomes if o != Begun())


async def test_a_finished_key_replays_its_response_and_refuses_other_contents(bound):
    key = new_key()
    assert await idempotency.begin(key, "print", NOW) == Begun()
    async with write_transaction():
        await idempotency.finish(key, Stored(303, location="/inspector?day=2031-03-04"), NOW)
    assert await idempotency.begin(key, "print", NOW) == Replay(
        Stored(303, "/inspector?day=2031-03-04", ""))
    assert await idempotency.begin(key, "other print", NOW) == Mismatch()


async def test_a_claim_left_by_a_request_that_died_is_taken_over_and_an_abandoned_one_freed(
        bound):
    key = new_key()
    assert await idempotency.begin(key, "print", NOW) == Begun()
    assert await idempotency.begin(key, "print", NOW + timedelta(seconds=5)) == InFlight()
    assert await idempotency.begin(key, "print", NOW + timedelta(seconds=31)) == Begun()
    await idempotency.abandon(key)
    assert await idempotency.begin(key, "print", NOW) == Begun()


def test_a_fingerprint_ignores_field_order_and_the_named_fields():
    assert idempotency.fingerprint({"a": "1", "b": "2", "csrf_token": "x"}, ("csrf_token",)) \
        == idempotency.fingerprint({"b": "2", "a": "1"})
    assert idempotency.fingerprint({"a": "1"}) != idempotency.fingerprint({"a": "2"})
