"""People changing their account's name, phone, and e-mail address once the new one is proved."""
from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

import asyncpg

from db.accounts.email_links import token_digest
from db.audit.trail import WEB, Actor, record
from db.database import Database
from db.mail.outbox import Message, enqueue
from db.rate_limits import spend
from db.reader import as_datetime
from db.tables import Account, AccountSession, AccountToken
from domain.audit_actions import (
    DETAILS_CHANGED, EMAIL_CHANGE_ASKED, EMAIL_CHANGE_CANCELLED, EMAIL_CHANGED
)
from domain.audit_subjects import account_subject
from domain.email_changes import ANOTHER_ACCOUNT, LINK_HOURS, TAKEN, asked_again, changed_mail
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.rate_limits import RateLimit

CHANGE = "email"  # the links' purpose (AccountToken.purpose)
CHANGE_LINK_LIFE = timedelta(hours=LINK_HOURS)


async def save_details(database: Database, account_id: int, name: str, phone: str,
                       now: datetime) -> bool:
    """The account's name and phone (checked by the caller), and what changed on the audit
    trail; False when nothing did."""
    async with database.transaction():
        row = await Account.select(Account.first_name, Account.phone).where(
            Account.id == account_id).first()
        if row is None:
            return False
        before, after = {"name": row["first_name"] or "", "phone": row["phone"]}, \
            {"name": name, "phone": phone}
        changed = [field for field in after if after[field] != before[field]]
        if not changed:
            return False
        await Account.update({Account.first_name: name, Account.phone: phone}).where(
            Account.id == account_id)
        await record(DETAILS_CHANGED, subject=account_subject(account_id), at=now,
                     before={f: before[f] for f in changed}, after={f: after[f] for f in changed})
    return True


async def _taken(email: str, account_id: int) -> bool:
    return await Account.exists().where((Account.username == email) & (Account.id != account_id))


def _unused(account_id: int, purpose: str | None = CHANGE):
    unused = (AccountToken.account == account_id) & AccountToken.used_at.is_null()
    return unused & (AccountToken.purpose == purpose) if purpose else unused


async def ask_change(database: Database, account_id: int, new_email: str, token: str,
                     messages: tuple[Message, Message], now: datetime,
                     limits: Mapping[str, RateLimit] = {}) -> bool:
    """A link to the new address and a word to the old one, in one transaction with the rate
    limits (RateLimited when one is spent); an earlier change's link stops working. False,
    and nothing sent, when another account has the address by now."""
    async with database.transaction():
        # Decided under the account's lock: two taps at once send one link.
        await database.lock_rows("account", "id", [account_id])
        pending = await pending_change(account_id, now)
        if pending and asked_again(pending.new_email, pending.asked_at, new_email, now):
            return True  # a double tap: the first one sent the link
        if await _taken(new_email, account_id):
            return False
        await spend(database, limits, now)
        await AccountToken.update({AccountToken.used_at: now}).where(_unused(account_id))
        await AccountToken.insert(AccountToken(
            account=account_id, purpose=CHANGE, token_hash=token_digest(token),
            created_at=now, expires_at=now + CHANGE_LINK_LIFE, new_email=new_email))
        await record(EMAIL_CHANGE_ASKED, subject=account_subject(account_id), at=now,
                     after={"new e-mail": new_email})
        for message in messages:
            await enqueue(message, now)
    return True


@dataclass(frozen=True)
class PendingChange:
    new_email: str
    asked_at: datetime


async def pending_change(account_id: int, now: datetime) -> PendingChange | None:
    """The change waiting for its link to be opened, if any."""
    row = await AccountToken.select(AccountToken.new_email, AccountToken.created_at).where(
        _unused(account_id) & (AccountToken.expires_at > now)).order_by(
        AccountToken.id, ascending=False).first()
    return PendingChange(row["new_email"], as_datetime(row["created_at"])) if row else None


async def cancel_change(database: Database, account_id: int, now: datetime) -> bool:
    """The waiting change's link used up, unopened; False when none was waiting."""
    async with database.transaction():
        cancelled = await AccountToken.update({AccountToken.used_at: now}).where(
            _unused(account_id) & (AccountToken.expires_at > now)).returning(AccountToken.id)
        if cancelled:
            await record(EMAIL_CHANGE_CANCELLED, subject=account_subject(account_id), at=now)
    return bool(cancelled)


def _link(token: str):
    return (AccountToken.token_hash == token_digest(token)) & (AccountToken.purpose == CHANGE)


@dataclass(frozen=True)
class ChangeLink:
    account_id: int
    new_email: str


async def link_change(token: str, now: datetime) -> ChangeLink | None:
    """The account and new address of a valid (unused, unexpired) change link, without using
    it."""
    row = await AccountToken.select(AccountToken.account, AccountToken.new_email).where(
        _link(token) & AccountToken.used_at.is_null() & (AccountToken.expires_at > now)).first()
    return ChangeLink(row["account"], row["new_email"]) if row else None


async def changed_by(token: str, since: datetime) -> str | None:
    """The address a link changed its account to after ``since`` (a second tap, or the page
    its button leads to); None for a link used up otherwise (cancelled, or replaced)."""
    row = await AccountToken.select(AccountToken.new_email, AccountToken.account.username
                                    ).where(_link(token) & (AccountToken.used_at > since)).first()
    return row["new_email"] if row and row["account.username"] == row["new_email"] else None


@dataclass(frozen=True)
class EmailChanged:
    account_id: int
    old_email: str
    new_email: str


async def change_email(database: Database, token: str, now: datetime, zone: tzinfo,
                       notice: NoticeContext, keep_session: str | None = None,
                       signed_in_as: int | None = None
                       ) -> Accepted[EmailChanged] | Rejected | None:
    """Use a change link: the account's address (and username, its lower-cased form) becomes
    the link's, proved by the opening; every session but ``keep_session`` (the browser that
    opened it, if signed in) ends; every other link of the account is used up, the reset
    links mailed to the old address above all; the old address is told it is done. Rejected,
    the link still unused, when another account took the address meanwhile ("email") or the
    browser is signed in as another account than the link's, ``signed_in_as`` ("account");
    None for a link that is not valid."""
    try:
        async with database.transaction():
            link = await AccountToken.select(
                AccountToken.account, AccountToken.new_email, AccountToken.account.email).where(
                _link(token) & AccountToken.used_at.is_null()
                & (AccountToken.expires_at > now)).first()
            if link is None:
                return None
            account_id, new_email = link["account"], link["new_email"]
            if signed_in_as is not None and signed_in_as != account_id:
                return Rejected({"account": ANOTHER_ACCOUNT})
            if await _taken(new_email, account_id):
                return Rejected({"email": TAKEN})
            # Used up in one statement: of two taps at once, one changes the address.
            if not await AccountToken.update({AccountToken.used_at: now}).where(
                    _link(token) & AccountToken.used_at.is_null()).returning(AccountToken.id):
                return None
            await AccountToken.update({AccountToken.used_at: now}).where(
                _unused(account_id, None))
            await Account.update({Account.username: new_email, Account.email: new_email,
                                  Account.email_verified_at: now}).where(Account.id == account_id)
            sessions = AccountSession.user_id == account_id
            await AccountSession.delete().where(
                sessions & (AccountSession.token != keep_session) if keep_session else sessions)
            # Who changed it: the account, proved by its new mailbox (the link may be opened
            # on a device signed in as nobody).
            await record(EMAIL_CHANGED, subject=account_subject(account_id), at=now,
                         before={"e-mail": link["account.email"]},
                         after={"e-mail": new_email, "sessions": "every other one signed out"},
                         actor=Actor(new_email, WEB))
            # Told when it was asked, the old address hears that it is done as well: a change
            # its owner never meant is noticed even if the first e-mail was missed.
            await enqueue(Message(link["account.email"],
                                  *changed_mail(new_email, now, zone, notice)), now)
    except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
        return Rejected({"email": TAKEN})  # registered in the same instant
    return Accepted(EmailChanged(account_id, link["account.email"], new_email))
