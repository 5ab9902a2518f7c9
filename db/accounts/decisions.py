"""Decisions on a waiting account: a verified colleague's, or staff's in the accounts queue,
each settling the license's claim letters and e-mailing the applicant in one transaction."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from db.accounts.accounts import FIELDS, AccountRecord, get_account, record_of
from db.accounts.company_claims import settle_letters
from db.audit.trail import record
from db.database import Database
from db.mail.outbox import Message, enqueue
from db.rate_limits import spend
from db.tables import Account
from domain.accounts import Role, Verification
from domain.audit_actions import COLLEAGUE_DECIDED, VERIFICATION_DECIDED
from domain.audit_subjects import account_subject
from domain.notices import DECLINED_NOTE, approved_note
from domain.rate_limits import RateLimit


async def decide_colleague(database: Database, approver_id: int, applicant_id: int, approve: bool,
                           message: Message, now: datetime,
                           limits: Mapping[str, RateLimit] = {}) -> AccountRecord | None:
    """A verified contractor lets a colleague join their license (or not). None unless the
    approver is verified and the applicant waits for the same license; RateLimited when a
    limit of ``limits`` is spent."""
    async with database.transaction():
        approver = await get_account(approver_id)
        applicant = await get_account(applicant_id)
        if (approver is None or applicant is None or approver.role != Role.CONTRACTOR
                or approver.verification != Verification.VERIFIED
                or applicant.role != Role.CONTRACTOR
                or applicant.verification != Verification.PENDING
                or not approver.license_no or applicant.license_no != approver.license_no):
            return None
        await spend(database, limits, now)
        await Account.update({
            Account.verification: (Verification.VERIFIED if approve
                                   else Verification.REJECTED).value,
            # The applicant's dashboard shows the note: a decline names nobody (a stranger
            # declined must not learn who works there); the audit trail keeps who decided.
            Account.verification_note: approved_note(approver.name, approver.email)
            if approve else DECLINED_NOTE,
        }).where(Account.id == applicant_id)
        await record(COLLEAGUE_DECIDED, subject=account_subject(applicant_id), at=now,
                     before={"verification": Verification.PENDING.value},
                     after={"verification": "verified" if approve else "rejected",
                            "by": account_subject(approver_id)})
        await settle_letters(applicant.license_no, applicant_id, approve, now)
        await enqueue(message, now)
    return applicant


async def decide_verification(database: Database, email: str, approve: bool, note: str,
                              message: Message | None, now: datetime) -> AccountRecord | None:
    """Staff's decision on a pending contractor or owner-builder, e-mailed in one transaction.
    None if no pending account has that address."""
    async with database.transaction():
        row = await Account.select(*FIELDS).where(
            (Account.username == email)
            & (Account.verification == Verification.PENDING.value)).first()
        if row is None:
            return None
        await Account.update({
            Account.verification: (Verification.VERIFIED if approve
                                   else Verification.REJECTED).value,
            Account.verification_note: note,
        }).where(Account.id == row["id"])
        await record(VERIFICATION_DECIDED, subject=account_subject(row["id"]), at=now,
                     before={"verification": Verification.PENDING.value},
                     after={"verification": "verified" if approve else "rejected",
                            "reason": note})
        await settle_letters(row["license_no"], row["id"], approve, now)
        if message is not None:
            await enqueue(message, now)
    return record_of(row)
