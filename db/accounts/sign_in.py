"""Signing in: the password checked, failed attempts counted for lockouts, sessions begun and
ended (domain/lockout.py decides when a key is locked)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from db.accounts.accounts import FIELDS, AccountRecord, record_of
from db.accounts.passwords import matches
from db.audit.trail import WEB, Actor, record_alone
from db.database import Database
from db.tables import Account, AccountSession, SignInFailure
from domain.audit_actions import SIGN_IN_REFUSED, SIGNED_IN
from domain.audit_subjects import account_subject
from domain.lockout import LockoutPolicy, locked_until

# Sessions end after an hour without use and twelve hours after sign-in whatever happens;
# piccolo_api extends a session that is used within its last 20 minutes.
IDLE_LIMIT = timedelta(hours=1)
ABSOLUTE_LIMIT = timedelta(hours=12)
RENEW_WITHIN = timedelta(minutes=20)


async def check_password(email: str, password: str) -> AccountRecord | None:
    """The account if ``password`` is its password (an active account only)."""
    row = await Account.select(*FIELDS, Account.password).where(
        (Account.username == email) & (Account.active == True)).first()  # noqa: E712
    if not await matches(row["password"] if row else None, password):
        return None
    await Account.update({Account.last_login: datetime.now()}).where(Account.id == row["id"])
    return record_of(row)


async def begin_attempt(database: Database, keys: list[str], now: datetime) -> list[int]:
    """Count a sign-in attempt as a failure of every key before the password is checked, so
    a burst of simultaneous guesses sees itself; ``forget_attempt`` takes it back."""
    async with database.transaction():
        rows = await SignInFailure.insert(
            *(SignInFailure(key=key, failed_at=now) for key in keys)
        ).returning(SignInFailure.id)
    return [row["id"] for row in rows]


async def counted_attempt(database: Database, keys: dict[str, LockoutPolicy], now: datetime
                          ) -> tuple[list[int], datetime | None]:
    """Count an attempt against every key, then see whether any key is locked out (until
    when); a refused attempt is taken back, so it does not prolong the lock."""
    attempt = await begin_attempt(database, list(keys), now)
    longest = max(p.window + p.lock_for for p in keys.values())
    recent = await failures(list(keys), now - longest, besides=attempt)
    until = max((u for key, policy in keys.items()
                 if (u := locked_until(recent[key], now, policy))), default=None)
    if until is not None:
        await forget_attempt(attempt)
    return attempt, until


async def forget_attempt(ids: list[int]) -> None:
    await SignInFailure.delete().where(SignInFailure.id.is_in(ids))


async def failures(keys: list[str], since: datetime, besides: list[int] = ()
                   ) -> dict[str, list[datetime]]:
    """Failures of each key since ``since``, other than the attempts ``besides``."""
    query = SignInFailure.select(SignInFailure.key, SignInFailure.failed_at).where(
        SignInFailure.key.is_in(keys) & (SignInFailure.failed_at >= since))
    if besides:
        query = query.where(SignInFailure.id.not_in(list(besides)))
    found: dict[str, list[datetime]] = {key: [] for key in keys}
    for row in await query:
        found[row["key"]].append(_aware(row["failed_at"]))
    return found


async def clear_failures(key: str) -> None:
    await SignInFailure.delete().where(SignInFailure.key == key)


async def start_session(account_id: int) -> str:
    # piccolo_api compares session times with naive local datetime.now().
    now = datetime.now()
    session = await AccountSession.create_session(
        account_id, expiry_date=now + IDLE_LIMIT, max_expiry_date=now + ABSOLUTE_LIMIT)
    return session.token


async def end_session(token: str) -> None:
    await AccountSession.remove_session(token)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


async def note_sign_in(database: Database, account_id: int, email: str, now: datetime) -> None:
    """A sign-in on the audit trail, by the account that signed in (issue 16 §5)."""
    await record_alone(database, SIGNED_IN, subject=account_subject(account_id), at=now,
                       actor=Actor(email, WEB))


async def note_refused(database: Database, email: str, client: str, now: datetime,
                       reason: str = "wrong password") -> None:
    """A wrong password for an account on the audit trail, with the client address it came
    from (an address that is no account's is not kept: the trail would keep whatever a
    stranger typed)."""
    row = await Account.select(Account.id).where(Account.email == email).first()
    if row is not None:
        await record_alone(database, SIGN_IN_REFUSED, subject=account_subject(row["id"]),
                           at=now, after={"reason": reason, "from": client})
