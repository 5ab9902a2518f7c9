"""Accounts: the record every layer reads, finding one, and registering one (with its
confirmation link, its documents and its e-mail in one transaction)."""
from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from db.accounts.email_links import VERIFY_LINK_LIFE, store_link
from db.audit.trail import record
from db.database import Database
from db.mail.outbox import Message, enqueue
from db.rate_limits import spend
from db.tables import Account, Upload
from domain.accounts import Role, Verification
from domain.audit_actions import ACCOUNT_REGISTERED
from domain.audit_subjects import account_subject
from domain.rate_limits import RateLimit


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


async def find_account(email: str) -> AccountRecord | None:
    row = await Account.select(*FIELDS).where(Account.username == email).first()
    return record_of(row) if row else None


async def get_account(account_id: int) -> AccountRecord | None:
    row = await Account.select(*FIELDS).where(Account.id == account_id).first()
    return record_of(row) if row else None


FIELDS = (Account.id, Account.email, Account.first_name, Account.phone, Account.role,
           Account.supervisor, Account.active, Account.email_verified_at, Account.license_no,
           Account.business_name, Account.parcel, Account.verification,
           Account.verification_note)


async def create_account(database: Database, *, email: str, password_hash: str, name: str,
                         phone: str, role: Role, verification: Verification = Verification.VERIFIED,
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
    async with database.transaction():
        await spend(database, limits, now)
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
        await record(ACCOUNT_REGISTERED, subject=account_subject(account_id), at=now, after={
            "e-mail": email, "role": role.value, "license": license_no,
            "verification": verification.value})
        if verify_token is not None:
            await store_link(account_id, "verify", verify_token, now + VERIFY_LINK_LIFE, now)
        if documents:
            await Upload.insert(*(Upload(
                account=account_id, kind=d.kind, filename=d.filename,
                content_type=d.content_type, size=d.size, sha256=d.sha256,
                stored_as=d.stored_as, uploaded_at=now) for d in documents))
        if message is not None:
            await enqueue(message, now)
    return account_id


async def pending_colleagues(license_no: str) -> list[AccountRecord]:
    rows = await Account.select(*FIELDS).where(
        (Account.license_no == license_no) & (Account.role == Role.CONTRACTOR.value)
        & (Account.verification == Verification.PENDING.value)
        & Account.email_verified_at.is_not_null()).order_by(Account.id)
    return [record_of(row) for row in rows]


async def email_in_use(email: str) -> bool:
    return await Account.exists().where(Account.username == email)
