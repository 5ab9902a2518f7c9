"""Submitting applications: one permit per application, distinct numbers under concurrency."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from db.accounts import accounts
from db.applications import drafts as applications
from db.rules.fee_schedules import fee_schedules
from db.tables import AuditEvent, Permit
from domain.accounts import Role, Verification
from domain.fee_schedule import FeeInput, assess, schedule_on
from domain.notifications import NoticeContext
from domain.permits import PermitType
from domain.subtypes import SUBTYPES

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)
CITY = NoticeContext("City of Test", "https://p.test")
HEATER = next(s for s in SUBTYPES if s.name == "Water Heater")
SCHEDULE = schedule_on(fee_schedules(), date(2026, 11, 27))


async def ready_draft(account_id: int, parcel: int) -> applications.Draft:
    draft_id = await applications.start(account_id, PermitType.PLUMBING, NOW)
    draft = await applications.load_draft(draft_id, account_id)
    await applications.save_answers(draft, {
        "parcel": parcel, "address": "8500 Sunset Blvd", "subtype": "Water Heater",
        "description": "Replace water heater", "valuation": "1800.00",
        "quantities": {"PLM-WATER-HEATER": 1}, "owner_name": "Maria Owner",
        "owner_phone": "323-555-0142", "owner_email": "",
        "done": ["address", "scope", "valuation", "contacts"]}, "contacts", NOW)
    return await applications.load_draft(draft_id, account_id)


async def test_concurrent_submissions_get_distinct_numbers_and_a_double_click_one_permit(
        bound, known):
    account_id = await accounts.create_account(
        bound, email=f"apply.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y",
        name="Applicant", phone="323-555-0100", role=Role.CONTRACTOR, license_no="1012345",
        now=NOW)
    drafts = [await ready_draft(account_id, known["sunset"]) for _ in range(4)]
    assessment = assess(SCHEDULE, FeeInput(HEATER, Decimal("1800.00"),
                                           {"PLM-WATER-HEATER": 1}))
    applicant = applications.Submitter("Applicant", "a@example.com", "323-555-0100",
                                       "1012345")
    outcomes = await asyncio.gather(
        *(applications.submit(bound, d, HEATER, assessment, applicant, date(2031, 1, 5), NOW,
                              CITY)
          for d in drafts + drafts[:1]))
    numbers = [o.value for o in outcomes]
    assert numbers[0] == numbers[4], "a second submit of one draft returns its permit"
    assert len(set(numbers[:4])) == 4
    assert all(n.startswith("PLM2031-") for n in numbers)
    try:
        assert await Permit.count().where(Permit.number.is_in(numbers)) == 4
    finally:
        await Permit.delete().where(Permit.number.is_in(numbers))


async def test_concurrent_payments_of_the_same_fees_charge_exactly_once(bound, known):
    from db.payments import checkout
    from db.tables import LedgerEntry, Payment
    from domain.notifications import NoticeContext
    from domain.outcomes import Accepted, Rejected

    account, number, items = await permit_with_fees_due(bound, "payer", known, date(2032, 2, 2))
    account_id = account.id

    receipt = NoticeContext("City of Test", "https://p.test", "323-555-0100")

    try:
        racing = await asyncio.gather(
            *(checkout.pay(bound, account, items, f"key-{n}-{uuid.uuid4().hex}", "counter", receipt,
                           NOW, date(2032, 2, 2)) for n in range(6)))
        assert sum(isinstance(o, Accepted) for o in racing) == 1
        assert sum(isinstance(o, Rejected) for o in racing) == 5
        same_key = f"same-{uuid.uuid4().hex}"
        clicks = await asyncio.gather(*(
            checkout.pay(bound, account, items, same_key, "counter", receipt, NOW, date(2032, 2, 2))
            for _ in range(4)))
        assert all(isinstance(o, Rejected) or o == clicks[0] for o in clicks)
        references = [o.value for o in racing if isinstance(o, Accepted)]
        payments_made = await Payment.select(Payment.id).where(Payment.reference.is_in(references))
        charges = await LedgerEntry.count().where(
            LedgerEntry.payment.is_in([p["id"] for p in payments_made]))
        assert (len(payments_made), charges) == (1, 1)
        [permit] = await Permit.select(Permit.status).where(Permit.number == number)
        assert permit["status"] == "Issued"
    finally:
        mine = Payment.select(Payment.id).where(Payment.account == account_id)
        await LedgerEntry.delete().where(LedgerEntry.payment.is_in(mine))
        await Payment.delete().where(Payment.account == account_id)
        await Permit.delete().where(Permit.number == number)


async def permit_with_fees_due(database, label: str, known, on: date):
    """A verified Acme account with a submitted water-heater permit whose fees are due:
    (account, permit number, fee item ids)."""
    from db.payments import cart
    from db.tables import Account

    account_id = await accounts.create_account(
        database, email=f"{label}.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y",
        name="Payer", phone="323-555-0100", role=Role.CONTRACTOR, license_no="1012345",
        verification=Verification.VERIFIED, now=NOW)
    account = await Account.objects().where(Account.id == account_id).first()
    draft = await ready_draft(account_id, known["sunset"])
    assessment = assess(SCHEDULE, FeeInput(HEATER, Decimal("1800.00"), {"PLM-WATER-HEATER": 1}))
    number = (await applications.submit(
        database, draft, HEATER, assessment,
        applications.Submitter("Payer", account.email, "323-555-0100", "1012345"), on, NOW,
        CITY)).value
    items = [line.fee_item_id for line in await cart.cart(account) if line.permit_number == number]
    return account, number, items


async def test_concurrent_webhook_settlements_of_one_session_settle_it_once(bound, known):
    from db.payments import checkout, gateway
    from db.tables import LedgerEntry, Payment
    from domain.notifications import NoticeContext

    account, number, items = await permit_with_fees_due(bound, "stripe", known, date(2033, 3, 3))
    account_id = account.id
    reference = (await checkout.open_payment(bound, account, items, f"k-{uuid.uuid4().hex}",
                                             "stripe", NOW, date(2033, 3, 3))).value
    session = f"cs_test_{uuid.uuid4().hex[:10]}"
    await gateway.attach_gateway_ref(reference, session)

    receipt = NoticeContext("City of Test", "https://p.test", "323-555-0100")

    try:
        outcomes = await asyncio.gather(*(checkout.settle_by_gateway_ref(
            bound, session, NOW, date(2033, 3, 3), receipt) for _ in range(5)))
        assert sorted(outcomes) == ["already"] * 4 + ["settled"]
        [payment] = await Payment.select(Payment.id, Payment.status).where(
            Payment.reference == reference)
        assert payment["status"] == "paid"
        assert await LedgerEntry.count().where(LedgerEntry.payment == payment["id"]) == 1
    finally:
        mine = Payment.select(Payment.id).where(Payment.account == account_id)
        await LedgerEntry.delete().where(LedgerEntry.payment.is_in(mine))
        await Payment.delete().where(Payment.account == account_id)
        await Permit.delete().where(Permit.number == number)


async def test_the_permit_names_the_contractor_from_the_state_file_even_a_long_name(bound, known):
    """The registry keeps names of up to 200 characters, the permit 120: the permit keeps the
    first 120 rather than failing on PostgreSQL."""
    from db.tables import ContractorLicense, PermitContact

    long_name = "PACIFIC COAST " + "RESIDENTIAL AND COMMERCIAL " * 6 + "BUILDERS INC"
    license_no = str(7_000_000 + uuid.uuid4().int % 999_999)
    await ContractorLicense.insert(ContractorLicense(
        license_no=license_no, business_name=long_name, mailing_address="1 MAIN ST",
        city="PASADENA", state="CA", zip_code="91101", primary_status="CLEAR",
        expires_on=date(2031, 1, 1), wc_coverage="Exempt", row_hash="x"))
    account_id = await accounts.create_account(
        bound, email=f"long.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y",
        name="Applicant", phone="323-555-0100", role=Role.CONTRACTOR, license_no=license_no,
        business_name="ACME call 323-555-0199", now=NOW)
    assessment = assess(SCHEDULE, FeeInput(HEATER, Decimal("1800.00"), {"PLM-WATER-HEATER": 1}))
    number = (await applications.submit(
        bound, await ready_draft(account_id, known["sunset"]), HEATER, assessment,
        applications.Submitter("Applicant", "a@example.com", "323-555-0100", license_no),
        date(2031, 1, 5), NOW, CITY)).value
    try:
        [permit] = await Permit.select(Permit.id, Permit.contractor_name).where(
            Permit.number == number)
        assert permit["contractor_name"] == long_name[:120]
        companies = await PermitContact.select(PermitContact.company).where(
            (PermitContact.permit == permit["id"]) & (PermitContact.role != "owner"))
        assert {c["company"] for c in companies} == {long_name[:120]}
    finally:
        await Permit.delete().where(Permit.number == number)


async def test_a_deleted_draft_is_described_to_its_owner_only_and_deleted_once(bound, known):
    account_id = await accounts.create_account(
        bound, email=f"draft.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y",
        name="Applicant", phone="323-555-0100", role=Role.CONTRACTOR, license_no="1012345",
        now=NOW)
    draft = await ready_draft(account_id, known["sunset"])
    assert await applications.deleted_draft(draft.id, account_id) is None, "not deleted yet"
    words = "draft E-PLUMBING application for Water Heater at 8500 Sunset Blvd"
    await applications.discard(bound, draft, words, NOW)
    await applications.discard(bound, draft, words, NOW)  # a second tap deletes and records nothing
    assert await applications.load_draft(draft.id, account_id) is None
    assert await applications.deleted_draft(draft.id, account_id) == words
    assert await applications.deleted_draft(draft.id, account_id + 1) is None
    assert await applications.deleted_draft(draft.id, account_id, NOW) == words
    assert await applications.deleted_draft(draft.id, account_id, NOW + timedelta(seconds=1)
                                            ) is None, "not deleted since"
    assert await AuditEvent.count().where(
        (AuditEvent.action == "draft deleted")
        & (AuditEvent.subject == f"application {draft.id} of account {account_id}")) == 1
