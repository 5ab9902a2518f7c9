"""Voiding or refunding the payment that issued a permit, on both engines: the permit waits for
its fees again, its inspections are cancelled, and its payer is told."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from db.payments import checkout
from db.payments.reversals import reversal_of, reverse
from db.tables import FeeItem, Inspection, OutboxMessage, Permit, PermitStatusChange
from domain.notifications import NoticeContext
from domain.outcomes import Accepted
from tests.unit.db.inspections.booking_week import (
    LA, NOW, RULES, TODAY, book, contractor, district_with_permits
)

LATER = NOW + timedelta(hours=2)


@pytest.fixture
async def company(bound):
    """A company of this test's own: the permits it pays for match no other test's search."""
    return await contractor(bound, f"9{uuid.uuid4().int % 1000000:06d}")


CITY = NoticeContext("City of Test", "https://p.test", "323-555-0100")


async def paid_permit(database, company) -> tuple[str, str, list[int]]:
    """A re-roof permit of Acme's (over the counter) issued by paying its fee: its number, the
    payment's reference and the fee ids."""
    _, (number,) = await district_with_permits(1)
    await Permit.update({Permit.status: "Applied", Permit.issued_on: None,
                         Permit.expires_on: None, Permit.contractor_license: company.license_no,
                         Permit.contractor_name: "Reversal Test Roofing"}).where(
        Permit.number == number)
    fees = [r["id"] for r in await FeeItem.select(FeeItem.id).where(
        FeeItem.permit.number == number)]
    await FeeItem.update({FeeItem.paid: False}).where(FeeItem.id.is_in(fees))
    paid = await checkout.pay(database, company, fees, f"key-{number}", "counter", CITY,
                              NOW, TODAY)
    assert isinstance(paid, Accepted)
    return number, paid.value, fees


async def test_voiding_the_payment_that_issued_a_permit_takes_it_back_to_awaiting_payment(bound, 
        company):
    number, reference, fees = await paid_permit(bound, company)
    permit = await Permit.select(Permit.status).where(Permit.number == number).first()
    assert permit["status"] == "Issued"
    booked = await book(bound, number, company)
    inspection_id = booked.value.inspection_id

    assert await reverse(bound, reference, "void", "dana@city.test", "Keyed twice",
                         LATER, RULES.notice, LA) == Accepted("voided")
    permit = await Permit.select(Permit.status, Permit.issued_on,
                                 Permit.expires_on).where(Permit.number == number).first()
    assert (permit["status"], permit["issued_on"], permit["expires_on"]) == (
        "Applied", None, None), "an over-the-counter permit waits for its fees again"
    [change] = await PermitStatusChange.select(
        PermitStatusChange.from_status, PermitStatusChange.to_status,
        PermitStatusChange.comment).where((PermitStatusChange.permit.number == number)
                                          & (PermitStatusChange.changed_at == LATER))
    assert (change["from_status"], change["to_status"]) == ("Issued", "Applied")
    assert "California Building Code 109.1" in change["comment"]
    inspection = await Inspection.select(Inspection.status, Inspection.private_notes).where(
        Inspection.id == inspection_id).first()
    assert inspection == {"status": "Cancelled", "private_notes": (
        "Cancelled: the payment that issued the permit was voided.")}
    reversal = await reversal_of(reference, LA)
    assert (reversal.status, reversal.unissued, reversal.fees_due) == (
        "voided", (number,), True)
    mail = await OutboxMessage.select(OutboxMessage.subject, OutboxMessage.body).where(
        OutboxMessage.subject.like(f"Payment {reference} was voided%"))
    assert len(mail) == 1 and f"{number} is no longer issued" in mail[0]["body"]

    again = await checkout.pay(bound, company, fees, f"again-{number}", "counter", CITY,
                               LATER, TODAY)
    assert isinstance(again, Accepted)
    permit = await Permit.select(Permit.status).where(Permit.number == number).first()
    assert permit["status"] == "Issued", "paying again issues it again"


async def test_a_refund_leaves_a_permit_that_moved_on_as_it_is(bound, company):
    number, reference, _ = await paid_permit(bound, company)
    await Permit.update({Permit.status: "Finaled"}).where(Permit.number == number)
    assert await reverse(bound, reference, "refund", "dana@city.test", "Goodwill", LATER,
                         RULES.notice, LA) == Accepted("refunded")
    permit = await Permit.select(Permit.status).where(Permit.number == number).first()
    assert permit["status"] == "Finaled"
    reversal = await reversal_of(reference, LA)
    assert (reversal.status, reversal.unissued) == ("refunded", ())
