"""Claim letters: queued for staff, printed with a fresh code each, cancelled, listed.

The code is made when staff print the day's letters and handed back for the PDF only; the
table keeps its hash. Printing the same letter twice is impossible: a letter is taken from
``waiting`` to ``mailed`` by one conditional update.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from db.audit.trail import record
from db.database import Database
from db.reader import as_datetime
from db.tables import ClaimLetter, ContractorLicense
from domain.audit_actions import (
    CLAIM_LETTER_CANCELLED, CLAIM_LETTER_PRINTED, CLAIM_LETTER_REQUESTED
)
from domain.audit_subjects import account_subject
from domain.claim_letters import (
    CODE_ALPHABET, CODE_LENGTH, ENDED_BY_NEW_LETTER, LETTER_LIFE, Letter, LetterFacts, LetterStatus,
    status_words
)

LIVE = (LetterStatus.WAITING.value, LetterStatus.MAILED.value)
_LETTER = (ClaimLetter.id, ClaimLetter.status, ClaimLetter.requested_at,
           ClaimLetter.printed_at, ClaimLetter.expires_at, ClaimLetter.tries,
           ClaimLetter.business_name, ClaimLetter.mailing_address, ClaimLetter.city,
           ClaimLetter.state, ClaimLetter.zip_code)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_digest(letter_id: int, code: str) -> str:
    """Salted with the letter's id, so equal codes of two letters never look alike."""
    return hashlib.sha256(f"claim-letter:{letter_id}:{code}".encode()).hexdigest()


def address_of(row: dict) -> tuple[str, ...]:
    return (row["business_name"], row["mailing_address"],
            f"{row['city']}, {row['state']} {row['zip_code']}".strip(", "))


def letter_of(row: dict) -> Letter:
    return Letter(row["id"], LetterStatus(row["status"]), as_datetime(row["requested_at"]),
                  as_datetime(row["printed_at"]), as_datetime(row["expires_at"]), row["tries"],
                  address_of(row))


async def latest_letter(account_id: int) -> Letter | None:
    row = await ClaimLetter.select(*_LETTER).where(ClaimLetter.account == account_id).order_by(
        ClaimLetter.id, ascending=False).first()
    return letter_of(row) if row else None


async def from_replaced_letter(account_id: int, latest_id: int, code: str) -> bool:
    """Whether ``code`` is the code of one of the account's letters before ``latest_id`` (a
    letter a newer one replaced)."""
    rows = await ClaimLetter.select(ClaimLetter.id, ClaimLetter.code_hash).where(
        (ClaimLetter.account == account_id) & (ClaimLetter.id < latest_id)
        & ClaimLetter.code_hash.is_not_null())
    return any(hmac.compare_digest(code_digest(row["id"], code), row["code_hash"])
               for row in rows)


async def address_of_record(license_no: str) -> dict | None:
    """The license's business name and mailing address in the state file, if it has one."""
    row = await ContractorLicense.select(
        ContractorLicense.business_name, ContractorLicense.mailing_address,
        ContractorLicense.city, ContractorLicense.state, ContractorLicense.zip_code,
    ).where(ContractorLicense.license_no == license_no).first()
    return row if row and row["mailing_address"].strip() else None


async def queue_letter(account_id: int, license_no: str, address: dict, by: str,
                       now: datetime) -> None:
    """A new letter waiting to be printed; the account's earlier ones stop working. Call inside
    a write transaction."""
    await cancel_letters(ClaimLetter.account == account_id, now, ENDED_BY_NEW_LETTER)
    await ClaimLetter.insert(ClaimLetter(
        account=account_id, license_no=license_no, business_name=address["business_name"],
        mailing_address=address["mailing_address"], city=address["city"],
        state=address["state"], zip_code=address["zip_code"],
        status=LetterStatus.WAITING.value, requested_at=now, requested_by=by[:255]))
    await record(CLAIM_LETTER_REQUESTED, subject=account_subject(account_id), at=now,
                 after={"license": license_no, "to": ", ".join(address_of(address))})


async def cancel_letters(which, now: datetime, why: str) -> None:
    """End the live letters matching ``which`` (their codes stop working), with an audit entry
    for each. Call inside a write transaction."""
    rows = await ClaimLetter.update({
        ClaimLetter.status: LetterStatus.CANCELLED.value, ClaimLetter.ended_at: now,
    }).where(which & ClaimLetter.status.is_in(list(LIVE))).returning(
        ClaimLetter.id, ClaimLetter.account)
    for row in rows:
        await record(CLAIM_LETTER_CANCELLED, subject=account_subject(row["account"]), at=now,
                     after={"letter": row["id"], "because": why})


@dataclass(frozen=True)
class QueuedLetter:
    """A letter as staff see it in the list."""
    id: int
    account_id: int
    license_no: str
    address: tuple[str, ...]
    status: LetterStatus
    requested_at: datetime
    requester: str
    printed_at: datetime | None
    expires_at: datetime | None
    # The account still waits and this is its newest letter: only then can a new one help.
    current: bool = False

    def words(self, now: datetime, zone) -> str:
        return status_words(self.status, self.expires_at, now, zone)

    @property
    def may_send_again(self) -> bool:
        """Lost in the post, its PDF never printed, or locked, and the account still waits
        with no newer letter: staff may queue a new one."""
        return self.current and self.status in (LetterStatus.MAILED, LetterStatus.LOCKED)


async def letters(statuses: list[str], limit: int = 200) -> list[QueuedLetter]:
    rows = await ClaimLetter.select(
        *_LETTER, ClaimLetter.account, ClaimLetter.license_no, ClaimLetter.account.email,
        ClaimLetter.account.verification,
    ).where(ClaimLetter.status.is_in(statuses)).order_by(
        ClaimLetter.id, ascending=LetterStatus.WAITING.value in statuses).limit(limit)
    newest = await _newest_letters([r["account"] for r in rows])
    return [QueuedLetter(r["id"], r["account"], r["license_no"], address_of(r),
                         LetterStatus(r["status"]), as_datetime(r["requested_at"]),
                         r["account.email"], as_datetime(r["printed_at"]),
                         as_datetime(r["expires_at"]),
                         r["account.verification"] == "pending"
                         and newest.get(r["account"]) == r["id"]) for r in rows]


async def _newest_letters(account_ids: list[int]) -> dict[int, int]:
    """The id of each account's newest letter."""
    newest: dict[int, int] = {}
    if account_ids:
        for row in await ClaimLetter.select(ClaimLetter.account, ClaimLetter.id).where(
                ClaimLetter.account.is_in(sorted(set(account_ids)))):
            newest[row["account"]] = max(row["id"], newest.get(row["account"], 0))
    return newest


async def print_waiting(database: Database, by: str, now: datetime) -> list[LetterFacts]:
    """Every letter waiting, oldest first, each given a fresh code (only its hash stored) and
    marked mailed, expiring after 30 days; the codes come back for the PDF, once."""
    printed: list[LetterFacts] = []
    async with database.transaction():
        rows = await ClaimLetter.select(
            *_LETTER, ClaimLetter.account, ClaimLetter.license_no,
            ClaimLetter.account.first_name, ClaimLetter.account.email,
        ).where(ClaimLetter.status == LetterStatus.WAITING.value).order_by(ClaimLetter.id)
        for row in rows:
            code = new_code()
            taken = await ClaimLetter.update({
                ClaimLetter.status: LetterStatus.MAILED.value, ClaimLetter.printed_at: now,
                ClaimLetter.printed_by: by[:255], ClaimLetter.expires_at: now + LETTER_LIFE,
                ClaimLetter.code_hash: code_digest(row["id"], code),
            }).where((ClaimLetter.id == row["id"])
                     & (ClaimLetter.status == LetterStatus.WAITING.value)
                     ).returning(ClaimLetter.id)
            if not taken:
                continue
            await record(CLAIM_LETTER_PRINTED, subject=account_subject(row["account"]), at=now,
                         after={"letter": row["id"], "expires": (now + LETTER_LIFE).date()})
            printed.append(LetterFacts(
                row["license_no"], address_of(row), row["account.first_name"] or "",
                row["account.email"], as_datetime(row["requested_at"]), now,
                now + LETTER_LIFE, code))
    return printed


async def requeue(database: Database, letter_id: int, by: str, now: datetime) -> bool:
    """Staff send a letter again (lost in the post, or its PDF never printed): a new letter to
    the same address, the old code cancelled. False unless the account still waits."""
    async with database.transaction():
        row = await ClaimLetter.select(
            ClaimLetter.account, ClaimLetter.license_no, ClaimLetter.business_name,
            ClaimLetter.mailing_address, ClaimLetter.city, ClaimLetter.state,
            ClaimLetter.zip_code, ClaimLetter.account.verification,
        ).where(ClaimLetter.id == letter_id).first()
        if (row is None or row["account.verification"] != "pending"
                or (await _newest_letters([row["account"]]))[row["account"]] != letter_id):
            return False  # decided, or a newer letter already on its way
        fresh = await address_of_record(row["license_no"]) or row
        await queue_letter(row["account"], row["license_no"], fresh, by, now)
    return True


async def pending_letters(account_ids: list[int]) -> dict[int, Letter]:
    """The latest letter of each account (the staff's accounts queue shows them)."""
    found: dict[int, Letter] = {}
    if account_ids:
        for row in await ClaimLetter.select(*_LETTER, ClaimLetter.account).where(
                ClaimLetter.account.is_in(account_ids)).order_by(ClaimLetter.id):
            found[row["account"]] = letter_of(row)
    return found


async def sent_again(letter_id: int) -> bool:
    """Whether letter ``letter_id`` was replaced by a new letter that still waits to be
    printed (the message after "Send again" says so only then)."""
    old = await ClaimLetter.select(ClaimLetter.account, ClaimLetter.status).where(
        ClaimLetter.id == letter_id).first()
    return bool(old) and old["status"] == LetterStatus.CANCELLED.value and await waits(
        old["account"], after=letter_id)


async def waits(account_id: int, after: int = 0) -> bool:
    """Whether a letter of ``account_id`` (newer than ``after``) waits to be printed."""
    return await ClaimLetter.exists().where(
        (ClaimLetter.account == account_id) & (ClaimLetter.id > after)
        & (ClaimLetter.status == LetterStatus.WAITING.value))
