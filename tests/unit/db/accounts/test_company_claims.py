"""Claiming a company with the code mailed to its address of record, on both engines."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from db.accounts import accounts, claim_letters, company_claims, decisions, email_links
from db.mail.outbox import Message
from db.tables import Account, AuditEvent, ClaimLetter, ContractorLicense, OutboxMessage
from domain.accounts import Role, Verification
from domain.claim_letters import MAX_TRIES, format_code
from domain.outcomes import Accepted, Rejected

NOW = datetime(2026, 12, 4, 17, 0, tzinfo=timezone.utc)
ZONE = ZoneInfo("America/Los_Angeles")


async def a_license(address: str = "77 LEDGER LANE") -> str:
    license_no = str(6_000_000 + uuid.uuid4().int % 999_999)
    await ContractorLicense.insert(ContractorLicense(
        license_no=license_no, business_name="LEDGER ROOFING INC", mailing_address=address,
        city="PASADENA", state="CA", zip_code="91101", primary_status="CLEAR",
        expires_on=date(2031, 1, 1), wc_coverage="Exempt", row_hash="x"))
    return license_no


def notice(name: str) -> Message:
    """The colleagues' notice as the web writes it, its recipient filled in for each."""
    return Message("", "A new account asks to join", f"Name: {name}")


async def confirmed_claimant(database, license_no: str, name: str = "Lena Ledger", at=NOW) -> int:
    """A contractor account of ``license_no`` that registered and confirmed its address."""
    token = uuid.uuid4().hex
    account_id = await accounts.create_account(
        database, email=f"claim.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y", name=name, phone="323-555-0100", role=Role.CONTRACTOR,
        license_no=license_no, verification=Verification.PENDING, verify_token=token, now=at)
    assert await email_links.verify_email(database, token, at, notice(name)) == account_id
    return account_id


async def verification(account_id: int) -> str:
    row = await Account.select(Account.verification).where(Account.id == account_id).first()
    return row["verification"]


async def printed_code(database, account_id: int, at=NOW) -> str:
    """Staff print the waiting letters; the code of ``account_id``'s letter, as on paper."""
    printed = await claim_letters.print_waiting(database, "staff@example.com", at)
    [facts] = [f for f in printed if f.requester_email == await _email(account_id)]
    return facts.code


async def _email(account_id: int) -> str:
    row = await Account.select(Account.email).where(Account.id == account_id).first()
    return row["email"]


async def test_the_first_account_waits_for_a_letter_to_the_address_of_record(bound):
    license_no = await a_license()
    account_id = await confirmed_claimant(bound, license_no)
    assert await verification(account_id) == "pending"
    letter = await claim_letters.latest_letter(account_id)
    assert letter.status == "waiting"
    assert letter.address == ("LEDGER ROOFING INC", "77 LEDGER LANE", "PASADENA, CA 91101")
    events = await AuditEvent.select(AuditEvent.action).where(
        AuditEvent.subject == f"account {account_id}")
    assert "claim letter requested" in [e["action"] for e in events]


async def test_the_code_is_made_at_printing_kept_only_as_a_hash_and_links_the_account(bound):
    license_no = await a_license()
    account_id = await confirmed_claimant(bound, license_no)
    code = await printed_code(bound, account_id)
    row = await ClaimLetter.select().where(ClaimLetter.account == account_id).first()
    assert code not in repr(row) and format_code(code) not in repr(row)
    assert row["status"] == "mailed" and row["expires_at"] is not None
    # Printed once: a second print has nothing to give.
    assert [f for f in await claim_letters.print_waiting(bound, "staff@example.com", NOW)
            if f.license_no == license_no] == []
    typed = format_code(code).lower().replace("-", " ")
    assert await company_claims.enter_code(bound, account_id, typed, NOW, ZONE) == Accepted(None)
    assert await verification(account_id) == "verified"
    actions = [e["action"] for e in await AuditEvent.select(AuditEvent.action).where(
        AuditEvent.subject == f"account {account_id}").order_by(AuditEvent.id)]
    assert actions[-3:] == ["claim letter requested", "claim letter printed",
                            "company claimed with the mailed code"]


async def test_a_few_wrong_codes_lock_the_letter_even_all_at_once(bound):
    license_no = await a_license()
    account_id = await confirmed_claimant(bound, license_no)
    code = await printed_code(bound, account_id)
    wrong = ("2" if code[0] != "2" else "3") + code[1:]
    outcomes = await asyncio.gather(*(company_claims.enter_code(bound, account_id, wrong, NOW, ZONE)
                                      for _ in range(12)))
    assert all(isinstance(o, Rejected) for o in outcomes)
    letter = await claim_letters.latest_letter(account_id)
    assert letter.status == "locked" and letter.tries == MAX_TRIES
    refused = await company_claims.enter_code(bound, account_id, code, NOW, ZONE)
    assert "no longer works" in refused.errors["code"]
    assert await verification(account_id) == "pending"


async def test_a_typing_slip_costs_no_try(bound):
    account_id = await confirmed_claimant(bound, await a_license())
    await printed_code(bound, account_id)
    slip = await company_claims.enter_code(bound, account_id, "ABCD-0000-IIII", NOW, ZONE)
    assert "12 letters and digits" in slip.errors["code"]
    assert (await claim_letters.latest_letter(account_id)).tries == 0


async def test_the_code_expires_after_thirty_days_and_a_new_letter_may_then_be_asked(bound):
    account_id = await confirmed_claimant(bound, await a_license())
    code = await printed_code(bound, account_id)
    later = NOW + timedelta(days=30)
    refused = await company_claims.enter_code(bound, account_id, code, later, ZONE)
    assert "expired on Sunday 3 January 2027" in refused.errors["code"]
    assert await company_claims.request_letter(bound, account_id, "203.0.113.7", later, ZONE) == \
        Accepted(None)
    assert (await claim_letters.latest_letter(account_id)).status == "waiting"


async def test_a_new_letter_cancels_the_old_code(bound):
    account_id = await confirmed_claimant(bound, await a_license())
    old = await printed_code(bound, account_id)
    soon = NOW + timedelta(days=3)
    too_soon = await company_claims.request_letter(bound, account_id, "203.0.113.7", soon, ZONE)
    assert "from Monday 14 December 2026" in too_soon.errors["letter"]
    later = NOW + timedelta(days=11)
    assert await company_claims.request_letter(bound, account_id, "203.0.113.7", later, ZONE) == \
        Accepted(None)
    refused = await company_claims.enter_code(bound, account_id, old, later, ZONE)
    assert "replaced by a newer one" in refused.errors["code"]
    new = await printed_code(bound, account_id, later)
    for _ in range(MAX_TRIES):  # the old code says it was replaced, and uses no try
        assert "replaced by a newer one" in (
            await company_claims.enter_code(bound, account_id, old, later, ZONE)).errors["code"]
    assert (await claim_letters.latest_letter(account_id)).tries == 0
    assert await company_claims.enter_code(bound, account_id, new, later, ZONE) == Accepted(None)


async def test_a_later_account_is_announced_to_colleagues_only_once_confirmed(bound):
    license_no = await a_license()
    first = await confirmed_claimant(bound, license_no)
    code = await printed_code(bound, first)
    assert await company_claims.enter_code(bound, first, code, NOW, ZONE) == Accepted(None)
    colleague = await _email(first)
    token = uuid.uuid4().hex
    newcomer = await accounts.create_account(
        bound, email=f"later.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y", name="Nadia Later", phone="", role=Role.CONTRACTOR,
        license_no=license_no, verification=Verification.PENDING, verify_token=token, now=NOW)
    told = OutboxMessage.count().where(OutboxMessage.recipient == colleague)
    assert await told == 0
    await email_links.verify_email(bound, token, NOW, notice("Nadia Later"))
    assert await OutboxMessage.count().where(OutboxMessage.recipient == colleague) == 1
    assert await claim_letters.latest_letter(newcomer) is None


async def test_once_one_account_holds_the_license_the_others_letters_stop_working(bound):
    license_no = await a_license()
    first, second = await asyncio.gather(confirmed_claimant(bound, license_no, "One"),
                                         confirmed_claimant(bound, license_no, "Two"))
    codes = await claim_letters.print_waiting(bound, "staff@example.com", NOW)
    by_name = {f.requester_name: f.code for f in codes if f.license_no == license_no}
    assert set(by_name) == {"One", "Two"}
    assert await company_claims.enter_code(bound, first, by_name["One"], NOW,
                                           ZONE) == Accepted(None)
    refused = await company_claims.enter_code(bound, second, by_name["Two"], NOW, ZONE)
    assert isinstance(refused, Rejected)
    assert await verification(second) == "pending"
    route, _ = await company_claims.claim_state(second, license_no)
    assert route == "colleague"


async def test_staff_approval_ends_the_waiting_letter(bound):
    account_id = await confirmed_claimant(bound, await a_license())
    code = await printed_code(bound, account_id)
    await decisions.decide_verification(bound, await _email(account_id), True, "", None, NOW)
    assert (await claim_letters.latest_letter(account_id)).status == "cancelled"
    assert isinstance(await company_claims.enter_code(bound, account_id, code, NOW, ZONE), Rejected)


async def test_a_license_without_an_address_of_record_waits_for_staff(bound):
    account_id = await confirmed_claimant(bound, await a_license(address=""))
    assert await claim_letters.latest_letter(account_id) is None
    route, _ = await company_claims.claim_state(account_id, (await Account.select(
        Account.license_no).where(Account.id == account_id).first())["license_no"])
    assert route == "staff"
