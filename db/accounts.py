"""Accounts: creation, password checks off the event loop, sessions, e-mailed tokens, lockouts.

Hashing is Piccolo BaseUser's own (PBKDF2-SHA256, 600,000 iterations) but runs in a worker
thread: on the event loop each sign-in stalled every other request for 133 ms (DESIGN §4b).
Threads are capped below the core count so one core stays free for serving pages.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import anyio
import anyio.to_thread
import asyncpg

from db.audit import record
from db.outbox import Message, enqueue
from db.company_claims import ColleagueNotice, after_confirmation, settle_letters
from db.rate_limits import spend, try_spend
from db.tables import Account, AccountSession, AccountToken, SignInFailure, Upload
from db.transactions import write_transaction
from domain.accounts import Role, Verification
from domain.lockout import LockoutPolicy, locked_until
from domain.notices import DECLINED_NOTE
from domain.passwords import MAX_LENGTH
from domain.rate_limits import RateLimit

HASHING = anyio.CapacityLimiter(max(1, (os.cpu_count() or 2) - 1))
# Sessions end after an hour without use and twelve hours after sign-in whatever happens;
# piccolo_api extends a session that is used within its last 20 minutes.
IDLE_LIMIT = timedelta(hours=1)
ABSOLUTE_LIMIT = timedelta(hours=12)
RENEW_WITHIN = timedelta(minutes=20)
VERIFY_LINK_LIFE = timedelta(hours=48)
WAITING_FOR_STAFF = "City staff are checking the license documents you uploaded."
WAITING_AS_OWNER = "City staff are reviewing your owner-builder declaration."
RESET_LINK_LIFE = timedelta(hours=1)


class EmailTaken(Exception):
    """An account with this e-mail address exists."""


@dataclass(frozen=True)
class AccountRecord:
    id: int
    email: str
    name: str
    phone: str
    role: Role
    supervisor: bool
    active: bool
    email_verified: bool
    license_no: str | None
    business_name: str
    parcel: int | None
    verification: Verification
    verification_note: str


def record_of(row: dict) -> AccountRecord:
    return AccountRecord(
        id=row["id"], email=row["email"], name=row["first_name"] or "", phone=row["phone"],
        role=Role(row["role"]), supervisor=bool(row["supervisor"]), active=bool(row["active"]),
        email_verified=row["email_verified_at"] is not None, license_no=row["license_no"],
        business_name=row["business_name"], parcel=row["parcel"],
        verification=Verification(row["verification"]),
        verification_note=row["verification_note"])


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


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def find_account(email: str) -> AccountRecord | None:
    row = await Account.select(*_FIELDS).where(Account.username == email).first()
    return record_of(row) if row else None


async def get_account(account_id: int) -> AccountRecord | None:
    row = await Account.select(*_FIELDS).where(Account.id == account_id).first()
    return record_of(row) if row else None


_FIELDS = (Account.id, Account.email, Account.first_name, Account.phone, Account.role,
           Account.supervisor, Account.active, Account.email_verified_at, Account.license_no,
           Account.business_name, Account.parcel, Account.verification,
           Account.verification_note)


async def create_account(*, email: str, password_hash: str, name: str, phone: str, role: Role,
                         verification: Verification = Verification.VERIFIED,
                         license_no: str | None = None, business_name: str = "",
                         parcel: int | None = None, owner_declared_at: datetime | None = None,
                         supervisor: bool = False, email_verified_at: datetime | None = None,
                         verify_token: str | None = None, message: Message | None = None,
                         documents: tuple = (), limits: Mapping[str, RateLimit] = {},
                         verification_note: str = "", now: datetime) -> int:
    """One transaction: the account, its e-mail verification link and the e-mail itself.

    ``limits`` are counted in the same transaction (db/rate_limits.py): RateLimited is raised,
    and nothing is created, when one is spent. Nobody else is told of a new account here: its
    address is not confirmed yet (``verify_email``). Raises EmailTaken if another registration
    took the address first.
    """
    async with write_transaction():
        await spend(limits, now)
        try:
            rows = await Account.insert(Account(
                username=email, email=email, password=password_hash, first_name=name,
                phone=phone, role=role.value, supervisor=supervisor, active=True,
                license_no=license_no, business_name=business_name, parcel=parcel,
                owner_declared_at=owner_declared_at, verification=verification.value,
                verification_note=verification_note, email_verified_at=email_verified_at,
                password_changed_at=now, created_at=now))
        except (sqlite3.IntegrityError, asyncpg.UniqueViolationError) as error:
            raise EmailTaken(email) from error
        account_id = rows[0]["id"]
        await record("account registered", subject=f"account {account_id}", at=now, after={
            "e-mail": email, "role": role.value, "license": license_no,
            "verification": verification.value})
        if verify_token is not None:
            await _issue_token(account_id, "verify", verify_token, now + VERIFY_LINK_LIFE, now)
        if documents:
            await Upload.insert(*(Upload(
                account=account_id, kind=d.kind, filename=d.filename,
                content_type=d.content_type, size=d.size, sha256=d.sha256,
                stored_as=d.stored_as, uploaded_at=now) for d in documents))
        if message is not None:
            await enqueue(message, now)
    return account_id


async def pending_colleagues(license_no: str) -> list[AccountRecord]:
    rows = await Account.select(*_FIELDS).where(
        (Account.license_no == license_no) & (Account.role == Role.CONTRACTOR.value)
        & (Account.verification == Verification.PENDING.value)
        & Account.email_verified_at.is_not_null()).order_by(Account.id)
    return [record_of(row) for row in rows]


async def decide_colleague(approver_id: int, applicant_id: int, approve: bool,
                           message: Message, now: datetime,
                           limits: Mapping[str, RateLimit] = {}) -> AccountRecord | None:
    """A verified contractor lets a colleague join their license (or not). None unless the
    approver is verified and the applicant waits for the same license; RateLimited when a
    limit of ``limits`` is spent."""
    async with write_transaction():
        approver = await get_account(approver_id)
        applicant = await get_account(applicant_id)
        if (approver is None or applicant is None or approver.role != Role.CONTRACTOR
                or approver.verification != Verification.VERIFIED
                or applicant.role != Role.CONTRACTOR
                or applicant.verification != Verification.PENDING
                or not approver.license_no or applicant.license_no != approver.license_no):
            return None
        await spend(limits, now)
        await Account.update({
            Account.verification: (Verification.VERIFIED if approve
                                   else Verification.REJECTED).value,
            # The applicant's dashboard shows the note: a decline names nobody (a stranger
            # declined must not learn who works there); the audit trail keeps who decided.
            Account.verification_note: f"Approved by {approver.name} ({approver.email})."
            if approve else DECLINED_NOTE,
        }).where(Account.id == applicant_id)
        await record("colleague decided", subject=f"account {applicant_id}", at=now,
                     before={"verification": Verification.PENDING.value},
                     after={"verification": "verified" if approve else "rejected",
                            "by": f"account {approver_id}"})
        await settle_letters(applicant.license_no, applicant_id, approve, now)
        await enqueue(message, now)
    return applicant


async def email_in_use(email: str) -> bool:
    return await Account.exists().where(Account.username == email)


async def check_password(email: str, password: str) -> AccountRecord | None:
    """The account if ``password`` is its password (an active account only)."""
    row = await Account.select(*_FIELDS, Account.password).where(
        (Account.username == email) & (Account.active == True)).first()  # noqa: E712
    if not await matches(row["password"] if row else None, password):
        return None
    await Account.update({Account.last_login: datetime.now()}).where(Account.id == row["id"])
    return record_of(row)


async def begin_attempt(keys: list[str], now: datetime) -> list[int]:
    """Count a sign-in attempt as a failure of every key before the password is checked, so
    a burst of simultaneous guesses sees itself; ``forget_attempt`` takes it back."""
    async with write_transaction():
        rows = await SignInFailure.insert(
            *(SignInFailure(key=key, failed_at=now) for key in keys)
        ).returning(SignInFailure.id)
    return [row["id"] for row in rows]


async def counted_attempt(keys: dict[str, LockoutPolicy], now: datetime
                          ) -> tuple[list[int], datetime | None]:
    """Count an attempt against every key, then see whether any key is locked out (until
    when); a refused attempt is taken back, so it does not prolong the lock."""
    attempt = await begin_attempt(list(keys), now)
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


async def _issue_token(account_id: int, purpose: str, token: str, expires_at: datetime,
                       now: datetime) -> None:
    await AccountToken.insert(AccountToken(
        account=account_id, purpose=purpose, token_hash=token_digest(token),
        created_at=now, expires_at=expires_at))


async def issue_token(account_id: int, purpose: str, token: str, message: Message,
                      now: datetime, limits: Mapping[str, RateLimit] = {}) -> bool:
    """A new single-use link and the e-mail carrying it, in one transaction with its rate
    limits; False (nothing sent) when one is spent."""
    life = VERIFY_LINK_LIFE if purpose == "verify" else RESET_LINK_LIFE
    async with write_transaction():
        if await try_spend(limits, now) is not None:
            return False
        await _issue_token(account_id, purpose, token, now + life, now)
        await enqueue(message, now)
    return True


async def token_account(token: str, purpose: str, now: datetime) -> int | None:
    """The account of a valid (unused, unexpired) link, without using it up."""
    row = await AccountToken.select(AccountToken.account).where(
        (AccountToken.token_hash == token_digest(token)) & (AccountToken.purpose == purpose)
        & AccountToken.used_at.is_null() & (AccountToken.expires_at > now)).first()
    return row["account"] if row else None


async def used_token_account(token: str, purpose: str, since: datetime) -> int | None:
    """The account of a link used up after ``since``: a second tap on its button (or a second
    tab) is told that it was done, not that the link is bad."""
    row = await AccountToken.select(AccountToken.account).where(
        (AccountToken.token_hash == token_digest(token)) & (AccountToken.purpose == purpose)
        & (AccountToken.used_at > since)).first()
    return row["account"] if row else None


async def _use_token(token: str, purpose: str, now: datetime) -> int | None:
    """Use a link up in one statement: two requests at once cannot both use it."""
    rows = await AccountToken.update({AccountToken.used_at: now}).where(
        (AccountToken.token_hash == token_digest(token)) & (AccountToken.purpose == purpose)
        & AccountToken.used_at.is_null() & (AccountToken.expires_at > now)
    ).returning(AccountToken.account)
    return rows[0]["account"] if rows else None


async def verify_email(token: str, now: datetime,
                       colleague_notice: ColleagueNotice | None = None) -> int | None:
    """Use a confirmation link; a waiting contractor's next step (colleagues told, or a claim
    letter queued) happens in the same transaction, once the address is proved."""
    async with write_transaction():
        account_id = await _use_token(token, "verify", now)
        if account_id is not None:
            confirmed = await Account.update({Account.email_verified_at: now}).where(
                (Account.id == account_id) & Account.email_verified_at.is_null()
            ).returning(Account.id)
            await record("e-mail confirmed", subject=f"account {account_id}", at=now)
            if confirmed:
                await after_confirmation(account_id, now, colleague_notice)
    return account_id


async def reset_password(token: str, password_hash: str, now: datetime) -> int | None:
    """Use a reset link: new password, every session revoked. None if the link is not valid."""
    async with write_transaction():
        account_id = await _use_token(token, "reset", now)
        if account_id is not None:
            await _set_password(account_id, password_hash, now)
            # The owner proved themselves: the lockout that sent them here is lifted.
            row = await Account.select(Account.username).where(Account.id == account_id).first()
            await SignInFailure.delete().where(SignInFailure.key == f"account:{row['username']}")
            # Following the e-mailed link proves the address as well (and a waiting
            # contractor's letter is queued, as when it confirms the address).
            if await Account.update({Account.email_verified_at: now}).where(
                    (Account.id == account_id) & Account.email_verified_at.is_null()
            ).returning(Account.id):
                await after_confirmation(account_id, now, None)
    return account_id


async def change_password(account_id: int, password_hash: str, now: datetime) -> None:
    async with write_transaction():
        await _set_password(account_id, password_hash, now)


async def _set_password(account_id: int, password_hash: str, now: datetime) -> None:
    await Account.update({Account.password: password_hash,
                          Account.password_changed_at: now}).where(Account.id == account_id)
    await AccountSession.delete().where(AccountSession.user_id == account_id)
    await record("password changed", subject=f"account {account_id}", at=now,
                 after="every session signed out")
    await AccountToken.update({AccountToken.used_at: now}).where(
        (AccountToken.account == account_id) & (AccountToken.purpose == "reset")
        & AccountToken.used_at.is_null())


async def stored_password(account_id: int) -> str:
    row = await Account.select(Account.password).where(Account.id == account_id).first()
    return row["password"]


async def password_is(account_id: int, password: str) -> bool:
    return await matches(await stored_password(account_id), password)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


async def decide_verification(email: str, approve: bool, note: str, message: Message | None,
                              now: datetime) -> AccountRecord | None:
    """Staff's decision on a pending contractor or owner-builder, e-mailed in one transaction.
    None if no pending account has that address."""
    async with write_transaction():
        row = await Account.select(*_FIELDS).where(
            (Account.username == email)
            & (Account.verification == Verification.PENDING.value)).first()
        if row is None:
            return None
        await Account.update({
            Account.verification: (Verification.VERIFIED if approve
                                   else Verification.REJECTED).value,
            Account.verification_note: note,
        }).where(Account.id == row["id"])
        await record("verification decided", subject=f"account {row['id']}", at=now,
                     before={"verification": Verification.PENDING.value},
                     after={"verification": "verified" if approve else "rejected",
                            "reason": note})
        await settle_letters(row["license_no"], row["id"], approve, now)
        if message is not None:
            await enqueue(message, now)
    return record_of(row)
