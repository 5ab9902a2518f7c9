"""Passwords: hashed and checked off the event loop, changed with every session signed out.

Hashing is Piccolo BaseUser's own (PBKDF2-SHA256, 600,000 iterations) but runs in a worker
thread: on the event loop each sign-in stalled every other request for 133 ms (DESIGN §4b).
Threads are capped below the core count so one core stays free for serving pages.
"""
from __future__ import annotations

import hmac
import os
from datetime import datetime

import anyio
import anyio.to_thread

from db.audit.trail import record
from db.database import Database
from db.tables import Account, AccountSession, AccountToken
from domain.audit_actions import PASSWORD_CHANGED
from domain.audit_subjects import account_subject
from domain.passwords import MAX_LENGTH, SESSIONS_ENDED

HASHING = anyio.CapacityLimiter(max(1, (os.cpu_count() or 2) - 1))


async def hash_password(password: str) -> str:
    return await anyio.to_thread.run_sync(Account.hash_password, password, limiter=HASHING)


async def matches(stored: str | None, password: str) -> bool:
    if len(password) > MAX_LENGTH:
        # BaseUser refuses to hash it (a 500 otherwise); hash something anyway for timing.
        await hash_password(password[:MAX_LENGTH])
        return False
    if stored is None:
        # Hash anyway, so response times do not reveal which addresses have accounts.
        await hash_password(password)
        return False
    _, iterations, salt, _ = Account.split_stored_password(stored)
    candidate = await anyio.to_thread.run_sync(
        Account.hash_password, password, salt, int(iterations), limiter=HASHING)
    return hmac.compare_digest(candidate, stored)


async def change_password(database: Database, account_id: int, password_hash: str,
                          now: datetime) -> None:
    async with database.transaction():
        await set_password(account_id, password_hash, now)


async def set_password(account_id: int, password_hash: str, now: datetime) -> None:
    """Inside the caller's transaction: the new password, every session signed out and every
    unused reset link used up, and an e-mail change's link too: a new password is how the
    owner of a stolen session stops the change it asked for."""
    await Account.update({Account.password: password_hash,
                          Account.password_changed_at: now}).where(Account.id == account_id)
    await AccountSession.delete().where(AccountSession.user_id == account_id)
    await record(PASSWORD_CHANGED, subject=account_subject(account_id), at=now,
                 after=SESSIONS_ENDED)
    await AccountToken.update({AccountToken.used_at: now}).where(
        (AccountToken.account == account_id) & AccountToken.purpose.is_in(["reset", "email"])
        & AccountToken.used_at.is_null())


async def stored_password(account_id: int) -> str:
    row = await Account.select(Account.password).where(Account.id == account_id).first()
    return row["password"]


async def password_is(account_id: int, password: str) -> bool:
    return await matches(await stored_password(account_id), password)
