"""A contractor account becoming its company's: colleagues told, letters asked for, codes
entered (issue 14 §2). Until then the account is ``pending`` and sees nothing of the company.
"""
from __future__ import annotations

import hmac
from dataclasses import replace
from datetime import datetime, tzinfo

from db.accounts.claim_letters import (
    address_of_record, cancel_letters, code_digest, from_replaced_letter, latest_letter,
    queue_letter
)
from db.audit.trail import record
from db.database import Database
from db.mail.outbox import Message, enqueue_all
from db.rate_limits import key, try_spend
from db.tables import Account, ClaimLetter, ContractorLicense
from domain.accounts import Role, Verification
from domain.audit_actions import CLAIM_CODE_REFUSED, CLAIM_LETTER_LOCKED, COMPANY_CLAIMED_BY_CODE
from domain.audit_subjects import account_subject
from domain.claim_letters import (
    BAD_CODE, ENDED_BY_DECISION, LINKED_NOTE, MAX_TRIES, NOT_WAITING, REPLACED, JoinRoute, Letter,
    LetterStatus, code_refusal, ended_by_colleague, how_to_join, may_request_letter, normalize_code,
    too_many_letters, wrong_code
)
from domain.outcomes import Accepted, Rejected
from domain.rate_limits import (
    COLLEAGUE_NOTICES_PER_LICENSE, LETTERS_PER_ADDRESS, LETTERS_PER_LICENSE, wait_in_words
)

# The notice to a waiting contractor's colleagues (what the applicant typed: name, e-mail,
# phone), written before the transaction as plain data: no web code runs inside it (issue 15).
# Its recipient is filled in for each colleague.
ColleagueNotice = Message


async def verified_colleagues(database: Database, license_no: str) -> list[str]:
    """The e-mail addresses of a license's verified accounts; on PostgreSQL the license row is
    locked first, so two first confirmations at once cannot both find nobody."""
    await database.lock_rows("contractor_license", "license_no", [license_no])
    rows = await Account.select(Account.email).where(
        (Account.license_no == license_no) & (Account.role == Role.CONTRACTOR.value)
        & (Account.verification == Verification.VERIFIED.value)
        & (Account.active == True))  # noqa: E712
    return [row["email"] for row in rows]


async def _route(license_no: str, colleagues: int) -> tuple[JoinRoute, dict | None]:
    in_registry = await ContractorLicense.exists().where(
        ContractorLicense.license_no == license_no)
    address = await address_of_record(license_no)
    return how_to_join(in_registry, address is not None, colleagues), address


async def _waiting_contractor(account_id: int) -> dict | None:
    return await Account.select(
        Account.id, Account.email, Account.first_name, Account.phone, Account.license_no,
    ).where((Account.id == account_id) & (Account.role == Role.CONTRACTOR.value)
            & (Account.verification == Verification.PENDING.value)
            & Account.license_no.is_not_null()).first()


async def after_confirmation(database: Database, account_id: int, now: datetime,
                             colleague_notice: ColleagueNotice | None) -> None:
    """Inside the transaction that confirms the address (never before: an unconfirmed address
    may be anyone's): a waiting contractor's verified colleagues are e-mailed, or, for the
    first account of a license, a letter is queued. A license's limit keeps both rare."""
    account = await _waiting_contractor(account_id)
    if account is None:
        return
    license_no = account["license_no"]
    colleagues = await verified_colleagues(database, license_no)
    route, address = await _route(license_no, len(colleagues))
    if route is JoinRoute.COLLEAGUE and colleague_notice is not None:
        limit = {key("colleague notice", "license", license_no): COLLEAGUE_NOTICES_PER_LICENSE}
        if await try_spend(database, limit, now) is None:
            await enqueue_all([replace(colleague_notice, recipient=email)
                               for email in colleagues], now)
    elif route is JoinRoute.LETTER:
        limit = {key("claim letter", "license", license_no): LETTERS_PER_LICENSE}
        if await try_spend(database, limit, now) is None:
            await queue_letter(account_id, license_no, address, account["email"], now)


async def claim_state(account_id: int, license_no: str) -> tuple[JoinRoute, Letter | None]:
    """How a waiting contractor can join the company, and its latest letter."""
    colleagues = await Account.count().where(
        (Account.license_no == license_no) & (Account.role == Role.CONTRACTOR.value)
        & (Account.verification == Verification.VERIFIED.value)
        & (Account.active == True))  # noqa: E712
    route, _ = await _route(license_no, colleagues)
    return route, await latest_letter(account_id)


async def request_letter(database: Database, account_id: int, client: str, now: datetime,
                         zone: tzinfo) -> Accepted[None] | Rejected:
    """A waiting first account asks for a (new) letter: the old code stops working."""
    async with database.transaction():
        account = await _waiting_contractor(account_id)
        if account is None:
            return Rejected({"letter": NOT_WAITING})
        license_no = account["license_no"]
        route, address = await _route(license_no,
                                      len(await verified_colleagues(database, license_no)))
        outcome = may_request_letter(route, await latest_letter(account_id), now, zone)
        if isinstance(outcome, Rejected):
            return outcome
        blocked = await try_spend(database, {
            key("claim letter", "license", license_no): LETTERS_PER_LICENSE,
            key("claim letter", "address", client): LETTERS_PER_ADDRESS}, now)
        if blocked is not None:
            return too_many_letters(wait_in_words(blocked[1], now))
        await queue_letter(account_id, license_no, address, account["email"], now)
    return outcome


async def enter_code(database: Database, account_id: int, text: str, now: datetime, zone: tzinfo
                     ) -> Accepted[None] | Rejected:
    """The code from the letter: right, the account is the company's; wrong, one of the
    letter's tries is used up, and the last wrong one locks it."""
    code = normalize_code(text)
    if code is None:
        return Rejected({"code": BAD_CODE})  # a typing slip, not a guess: no try is counted
    async with database.transaction():
        account = await _waiting_contractor(account_id)
        if account is None:
            return Rejected({"code": NOT_WAITING})
        letter = await latest_letter(account_id)
        if letter is not None and await from_replaced_letter(account_id, letter.id, code):
            return Rejected({"code": REPLACED})  # not a guess: no try of the new letter used
        refusal = code_refusal(letter, now, zone)
        if refusal is not None:
            return Rejected({"code": refusal})
        # One statement takes a try, so simultaneous guesses cannot share one.
        rows = await ClaimLetter.update({ClaimLetter.tries: ClaimLetter.tries + 1}).where(
            (ClaimLetter.id == letter.id) & (ClaimLetter.status == LetterStatus.MAILED.value)
            & (ClaimLetter.tries < MAX_TRIES)).returning(ClaimLetter.tries, ClaimLetter.code_hash)
        if not rows:
            return Rejected({"code": wrong_code(MAX_TRIES)})
        subject = account_subject(account_id)
        if hmac.compare_digest(code_digest(letter.id, code), rows[0]["code_hash"]):
            await _claimed(account, letter, now)
            return Accepted(None)
        tries = rows[0]["tries"]
        await record(CLAIM_CODE_REFUSED, subject=subject, at=now,
                     after={"letter": letter.id, "tries": tries})
        if tries >= MAX_TRIES:
            await ClaimLetter.update({ClaimLetter.status: LetterStatus.LOCKED.value,
                                      ClaimLetter.ended_at: now}).where(
                ClaimLetter.id == letter.id)
            await record(CLAIM_LETTER_LOCKED, subject=subject, at=now,
                         after={"letter": letter.id})
    return Rejected({"code": wrong_code(tries)})


async def _claimed(account: dict, letter: Letter, now: datetime) -> None:
    await ClaimLetter.update({ClaimLetter.status: LetterStatus.USED.value,
                              ClaimLetter.ended_at: now}).where(ClaimLetter.id == letter.id)
    await Account.update({
        Account.verification: Verification.VERIFIED.value,
        Account.verification_note: LINKED_NOTE,
    }).where(Account.id == account["id"])
    await record(COMPANY_CLAIMED_BY_CODE, subject=account_subject(account["id"]),
                 at=now, before={"verification": Verification.PENDING.value},
                 after={"verification": Verification.VERIFIED.value,
                        "license": account["license_no"], "letter": letter.id})
    await settle_letters(account["license_no"], account["id"], True, now)


async def settle_letters(license_no: str | None, account_id: int, verified: bool,
                         now: datetime) -> None:
    """After an account was decided (by its code, staff or a colleague): its own letters stop
    working, and once the license has a verified account every other waiting account of it
    joins through that colleague instead. Call inside the deciding write transaction."""
    if verified and license_no:
        await cancel_letters(ClaimLetter.license_no == license_no, now,
                             ended_by_colleague(account_id))
    else:
        await cancel_letters(ClaimLetter.account == account_id, now, ENDED_BY_DECISION)
