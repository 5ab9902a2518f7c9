"""A license's verified accounts: listed for each other, and one removed by another."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from db.accounts.accounts import FIELDS, AccountRecord, get_account, record_of
from db.audit.trail import record
from db.database import Database
from db.mail.outbox import Message, enqueue
from db.rate_limits import spend
from db.tables import Account
from domain.accounts import Role, Verification
from domain.audit_actions import COLLEAGUE_REMOVED
from domain.audit_subjects import account_subject
from domain.colleagues import Member, may_remove, removed_note
from domain.rate_limits import RateLimit


async def verified_colleagues(license_no: str, besides: int) -> list[AccountRecord]:
    """The license's other verified contractor accounts, oldest first."""
    rows = await Account.select(*FIELDS).where(
        (Account.license_no == license_no) & (Account.role == Role.CONTRACTOR.value)
        & (Account.verification == Verification.VERIFIED.value) & (Account.id != besides)
    ).order_by(Account.id)
    return [record_of(row) for row in rows]


def member(account) -> Member:
    """An AccountRecord, or the signed-in account's row, as the decision reads it."""
    return Member(account.id, account.role, account.verification, account.license_no)


async def remove_colleague(database: Database, remover_id: int, colleague_id: int,
                           message: Message, now: datetime,
                           limits: Mapping[str, RateLimit] = {}) -> AccountRecord | None:
    """The colleague no longer acts for the license (its verification is refused with a note
    naming nobody) and is e-mailed, in one transaction. None unless domain.colleagues allows
    it as things are now (a second tap finds the colleague removed); RateLimited when a limit
    of ``limits`` is spent."""
    async with database.transaction():
        # Two colleagues removing each other at once: the second decides after the first.
        await database.lock_rows("account", "id", sorted({remover_id, colleague_id}))
        remover = await get_account(remover_id)
        colleague = await get_account(colleague_id)
        if remover is None or colleague is None or not may_remove(member(remover),
                                                                  member(colleague)):
            return None
        await spend(database, limits, now)
        await Account.update({
            Account.verification: Verification.REJECTED.value,
            Account.verification_note: removed_note(colleague.license_no),
        }).where(Account.id == colleague_id)
        await record(COLLEAGUE_REMOVED, subject=account_subject(colleague_id), at=now,
                     before={"verification": Verification.VERIFIED.value,
                             "license": colleague.license_no},
                     after={"verification": Verification.REJECTED.value,
                            "by": account_subject(remover_id)})
        await enqueue(message, now)
    return colleague
