"""Idempotency keys: a request sent again (the offline outbox, a double click) changes nothing.

``begin`` claims the key in its own short transaction, so a second request with it sees the
claim: the same body still in flight is told 409, a different body 422, and once the first is
done a replay gets the stored response. A key belongs to the (account, method, path) it was
first used for: on another target it is refused, never answered with the first one's response
(issue 14 §5: a replay against inspection B answered "Recorded" for A, and B's entry was
dropped from the device as delivered). ``finish`` stores that response inside the
transaction of the change itself, so a change and its record commit together or not at all;
it is plain data the caller prepared (status, Location, a body such as the outcome's facts as
JSON), never a page rendered while the write lock is held (issue 15).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from db.database import Database
from db.tables import IdempotencyRecord

KEEP = timedelta(days=30)
# A claim older than this was left by a request that died (a crash, a killed server): the
# key may be taken over instead of answering 409 forever.
ABANDONED = timedelta(seconds=30)


@dataclass(frozen=True)
class Stored:
    status_code: int
    location: str = ""
    body: str = ""


@dataclass(frozen=True)
class Begun:
    pass


@dataclass(frozen=True)
class Replay:
    response: Stored


@dataclass(frozen=True)
class Mismatch:
    pass


@dataclass(frozen=True)
class InFlight:
    pass


@dataclass(frozen=True)
class OtherTarget:
    """The key was first used for another method or path."""


def fingerprint(fields: dict[str, str], ignore: tuple[str, ...] = ()) -> str:
    """The same form fields in any order give the same fingerprint."""
    kept = sorted((k, v) for k, v in fields.items() if k not in ignore)
    return hashlib.sha256(json.dumps(kept).encode()).hexdigest()


def scoped(account_id: int, key: str) -> str:
    """Keys are the client's; scoped to the account, one user's key never meets another's."""
    return f"{account_id}:{key}"


def bound_elsewhere(row: dict, method: str, path: str) -> bool:
    """Records made before keys were bound ("" target) match any target: they were made for
    one inspection each and expire within KEEP, and a device replaying one after the upgrade
    must still get its stored answer rather than record the result twice."""
    return bool(row["method"] or row["path"]) and (row["method"], row["path"]) != (method, path)


async def begin(database: Database, key: str, print_: str, now: datetime, method: str, path: str
                ) -> Begun | Replay | Mismatch | InFlight | OtherTarget:
    try:
        async with database.transaction():
            await IdempotencyRecord.insert(IdempotencyRecord(
                key=key, fingerprint=print_, state="in-flight", created_at=now,
                method=method, path=path[:300]))
        return Begun()
    except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
        pass
    row = await IdempotencyRecord.select().where(IdempotencyRecord.key == key).first()
    if row is None:  # abandoned and removed in between: claim it again
        return await begin(database, key, print_, now, method, path)
    if bound_elsewhere(row, method, path[:300]):
        return OtherTarget()
    if row["fingerprint"] != print_:
        return Mismatch()
    if row["state"] == "done":
        return Replay(Stored(row["status_code"], row["location"], row["body"]))
    taken = await IdempotencyRecord.update({IdempotencyRecord.created_at: now}).where(
        (IdempotencyRecord.key == key) & (IdempotencyRecord.state == "in-flight")
        & (IdempotencyRecord.created_at < now - ABANDONED)).returning(IdempotencyRecord.id)
    return Begun() if taken else InFlight()


async def finish(key: str, response: Stored, now: datetime) -> None:
    """Inside the caller's write transaction, with the change it answers for."""
    await IdempotencyRecord.update({
        IdempotencyRecord.state: "done", IdempotencyRecord.status_code: response.status_code,
        IdempotencyRecord.location: response.location, IdempotencyRecord.body: response.body,
        IdempotencyRecord.completed_at: now,
    }).where(IdempotencyRecord.key == key)


async def abandon(key: str) -> None:
    """The request made no change (refused, failed): the key may be used again."""
    await IdempotencyRecord.delete().where(
        (IdempotencyRecord.key == key) & (IdempotencyRecord.state == "in-flight"))


async def forget_old(now: datetime) -> None:
    await IdempotencyRecord.delete().where(IdempotencyRecord.created_at < now - KEEP)
