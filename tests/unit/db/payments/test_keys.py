"""A checkout form's key makes one payment, of its fees, through its gateway, for its account."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from db.applications import drafts
from db.payments import cart, checkout, keys, receipts
from db.tables import Application, FeeItem, LedgerEntry, Payment, Permit
from domain.fee_schedule import FeeInput, assess
from domain.notifications import NoticeContext
from domain.outcomes import Accepted
from domain.payments import KeyReused
from tests.unit.db.applications.test_drafts import (
    HEATER, NOW, SCHEDULE, permit_with_fees_due, ready_draft
)

ON = date(2034, 4, 4)


receipt = NoticeContext("City of Test", "https://p.test", "323-555-0100")  # who sends receipts


async def second_permit(database, account, known) -> tuple[str, list[int]]:
    """Another permit with fees due, of the same account: (number, fee item ids)."""
    draft = await ready_draft(account.id, known["sunset"])
    assessment = assess(SCHEDULE, FeeInput(HEATER, Decimal("1800.00"), {"PLM-WATER-HEATER": 1}))
    number = (await drafts.submit(database, draft, HEATER, assessment, drafts.Submitter(
        "Payer", account.email, "323-555-0100", "1012345"), ON, NOW, receipt)).value
    return number, [line.fee_item_id for line in await cart.cart(account)
                    if line.permit_number == number]


async def forget(*accounts) -> None:
    """The payments and the permits of ``accounts``: other tests search the same street."""
    for account in accounts:
        mine = Payment.select(Payment.id).where(Payment.account == account.id)
        await LedgerEntry.delete().where(LedgerEntry.payment.is_in(mine))
        await Payment.delete().where(Payment.account == account.id)
        applied = Application.select(Application.permit).where(Application.account == account.id)
        await Permit.delete().where(Permit.id.is_in(applied))


async def paid_fees(items: list[int]) -> int:
    return await FeeItem.count().where(FeeItem.id.is_in(items) & (FeeItem.paid == True))  # noqa: E712


async def test_a_key_sent_again_for_other_fees_is_refused_and_pays_nothing(bound, known):
    account, _, first = await permit_with_fees_due(bound, "keyfees", known, ON)
    _, other = await second_permit(bound, account, known)
    key = f"form-{uuid.uuid4().hex}"
    try:
        made = await checkout.pay(bound, account, first, key, "counter", receipt, NOW, ON)
        assert isinstance(made, Accepted)
        assert await checkout.pay(bound, account, first, key, "counter", receipt, NOW, ON) == made
        for fees in (other, first + other, first[:1]):
            again = await checkout.pay(bound, account, fees, key, "counter", receipt, NOW, ON)
            assert isinstance(again, KeyReused), fees
            assert "already used to pay other fees" in again.message
            assert made.value not in again.message
        assert await paid_fees(other) == 0
        assert await checkout.replay(key, account, other, "counter") == KeyReused(
            again.errors)
    finally:
        await forget(account)


async def test_a_key_sent_again_through_another_gateway_is_refused(bound, known):
    account, _, first = await permit_with_fees_due(bound, "keygate", known, ON)
    stripe_key, counter_key = f"form-{uuid.uuid4().hex}", f"form-{uuid.uuid4().hex}"
    try:
        opened = await checkout.open_payment(bound, account, first, stripe_key, "stripe", NOW, ON)
        assert isinstance(opened, Accepted)
        counter = await checkout.pay(bound, account, first, stripe_key, "counter", receipt, NOW, ON)
        assert isinstance(counter, KeyReused) and "to pay another way" in counter.message
        assert await paid_fees(first) == 0, "the pending card payment was not settled"
        await Payment.update({Payment.status: "expired"}).where(
            Payment.reference == opened.value)
        paid = await checkout.pay(bound, account, first, counter_key, "counter", receipt, NOW, ON)
        assert isinstance(paid, Accepted)
        assert isinstance(await checkout.open_payment(
            bound, account, first, counter_key, "stripe", NOW, ON), KeyReused)
        assert isinstance(await checkout.replay(counter_key, account, first, "stripe"),
                          KeyReused)
    finally:
        await forget(account)


async def test_another_account_sending_the_key_gets_its_own_payment_never_the_first(
        bound, known):
    first_account, _, first = await permit_with_fees_due(bound, "keyown", known, ON)
    second_account, _, second = await permit_with_fees_due(bound, "keyother", known, ON)
    key = f"form-{uuid.uuid4().hex}"
    try:
        made = await checkout.pay(bound, first_account, first, key, "counter", receipt, NOW, ON)
        assert await checkout.replay(key, second_account, first, "counter") is None
        theirs = await checkout.pay(bound, second_account, second, key, "counter", receipt, NOW, ON)
        assert isinstance(theirs, Accepted) and theirs != made
        assert await receipts.receipt(made.value, second_account.id) is None
    finally:
        await forget(first_account, second_account)


async def test_two_long_keys_that_differ_only_at_the_end_are_two_keys(bound, known):
    account, _, first = await permit_with_fees_due(bound, "keylong", known, ON)
    _, other = await second_permit(bound, account, known)
    stem = "k" * 63
    assert keys.scoped(stem + "a", account.id) != keys.scoped(
        stem + "b", account.id)
    try:
        one = await checkout.pay(bound, account, first, stem + "a", "counter", receipt, NOW, ON)
        two = await checkout.pay(bound, account, other, stem + "b", "counter", receipt, NOW, ON)
        assert isinstance(one, Accepted) and isinstance(two, Accepted) and one != two
        assert await paid_fees(first + other) == len(first + other)
    finally:
        await forget(account)
