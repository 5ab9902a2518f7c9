"""Submitting applications: one permit per application, distinct numbers under concurrency."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

from db import accounts, applications
from db.fee_schedules import fee_schedules
from db.tables import Permit
from domain.accounts import Role
from domain.fee_schedule import FeeInput, assess, schedule_on
from domain.permits import PermitType
from domain.subtypes import SUBTYPES

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)
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
        email=f"apply.{uuid.uuid4().hex[:8]}@example.com", password_hash="pbkdf2_sha256$1$x$y",
        name="Applicant", phone="323-555-0100", role=Role.CONTRACTOR, license_no="1012345",
        now=NOW)
    drafts = [await ready_draft(account_id, known["sunset"]) for _ in range(4)]
    assessment = assess(SCHEDULE, FeeInput(HEATER, Decimal("1800.00"),
                                           {"PLM-WATER-HEATER": 1}))
    applicant = applications.Applicant("Applicant", "a@example.com", "323-555-0100",
                                       "Acme Roofing Inc", "1012345")
    outcomes = await asyncio.gather(
        *(applications.submit(d, HEATER, assessment, applicant, date(2031, 1, 5), NOW)
          for d in drafts + drafts[:1]))
    numbers = [o.value for o in outcomes]
    assert numbers[0] == numbers[4], "a second submit of one draft returns its permit"
    assert len(set(numbers[:4])) == 4
    assert all(n.startswith("PLM2031-") for n in numbers)
    try:
        assert await Permit.count().where(Permit.number.is_in(numbers)) == 4
    finally:
        await Permit.delete().where(Permit.number.is_in(numbers))
