"""E-mailed single-use links: confirming an address and resetting a password, stored only as
digests, used up in one statement so two taps cannot both use one."""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime, timedelta

from db.accounts.company_claims import ColleagueNotice, after_confirmation
from db.accounts.passwords import set_password
from db.audit.trail import record
from db.database import Database
from db.mail.outbox import Message, enqueue
from db.rate_limits import try_spend
from db.tables import Account, AccountToken, SignInFailure
from domain.audit_actions import EMAIL_CONFIRMED
from domain.audit_subjects import account_subject
from domain.rate_limits import RateLimit

VERIFY_LINK_LIFE = timedelta(hours=48)
RESET_LINK_LIFE = timedelta(hours=1)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def store_link(account_id: int, purpose: str, token: str, expires_at: datetime,
                     now: datetime) -> None:
    """Inside the caller's transaction: a link's digest, its purpose and when it expires."""
    await AccountToken.insert(AccountToken(
        account=account_id, purpose=purpose, token_hash=token_digest(token),
        created_at=now, expires_at=expires_at))


async def issue_token(database: Database, account_id: int, purpose: str, token: str,
                      message: Message, now: datetime,
                      limits: Mapping[str, RateLimit] = {}) -> bool:
    """A new single-use link and the e-mail carrying it, in one transaction with its rate
    limits; False (nothing sent) when one is spent."""
    life = VERIFY_LINK_LIFE if purpose == "verify" else RESET_LINK_LIFE
    async with database.transaction():
        if await try_spend(database, limits, now) is not None:
            return False
        await store_link(account_id, purpose, token, now + life, now)
        await enqueue(message, now)
    return True


async def token_account(token: str, purpose: str, now: datetime) -> int | None:
    """The account of a valid (unused, unexpired) link, without using it up."""
    row = await AccountToken.select(AccountToken.account).where(
        (AccountToken.token_hash == token_digest(token)) & (AccountToken.purpose == purpose)
        & AccountToken.used_at.is_null() & (AccountToken.expires_at > now)).first()
    return row["account"] if row else None


async def link_owner(token: str, purpose: str) -> int | None:
    """The account a link was sent to, whether or not it still works: what its page says
    once expired depends on whose it was (a newcomer's first link lasts days, not an hour)."""
    row = await AccountToken.select(AccountToken.account).where(
        (AccountToken.token_hash == token_digest(token))
        & (AccountToken.purpose == purpose)).first()
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


async def verify_email(database: Database, token: str, now: datetime,
                       colleague_notice: ColleagueNotice | None = None) -> int | None:
    """Use a confirmation link; a waiting contractor's next step (colleagues told, or a claim
    letter queued) happens in the same transaction, once the address is proved. The
    colleagues' notice is the message the caller wrote before: each gets a copy."""
    async with database.transaction():
        account_id = await _use_token(token, "verify", now)
        if account_id is not None:
            confirmed = await Account.update({Account.email_verified_at: now}).where(
                (Account.id == account_id) & Account.email_verified_at.is_null()
            ).returning(Account.id)
            await record(EMAIL_CONFIRMED, subject=account_subject(account_id), at=now)
            if confirmed:
                await after_confirmation(database, account_id, now, colleague_notice)
    return account_id


async def reset_password(database: Database, token: str, password_hash: str,
                         now: datetime) -> int | None:
    """Use a reset link: new password, every session revoked. None if the link is not valid."""
    async with database.transaction():
        account_id = await _use_token(token, "reset", now)
        if account_id is not None:
            await set_password(account_id, password_hash, now)
            # The owner proved themselves: the lockout that sent them here is lifted.
            row = await Account.select(Account.username).where(Account.id == account_id).first()
            await SignInFailure.delete().where(SignInFailure.key == f"account:{row['username']}")
            # Following the e-mailed link proves the address as well (and a waiting
            # contractor's letter is queued, as when it confirms the address).
            if await Account.update({Account.email_verified_at: now}).where(
                    (Account.id == account_id) & Account.email_verified_at.is_null()
            ).returning(Account.id):
                await after_confirmation(database, account_id, now, None)
    return account_id
