"""What the payment and inspection board screens offer staff, and why the rest is refused."""
from datetime import date
from decimal import Decimal

from domain.payment_reversals import (
    Reversal, reversal_lines, staff_notice, status_after_reversal,
)
from domain.payments import reversal_refused, reversals
from domain.permits import Status
from domain.scheduling import capacity_actions, capacity_refused


def test_a_counter_payment_is_voided_or_refunded_and_stripes_money_only_refunded():
    assert reversals("counter", "paid") == ("void", "refund")
    assert reversals("stripe", "paid") == ("refund",)
    assert reversals("stripe", "conflict") == ("refund",)
    for status in ("pending", "voided", "refunded", "expired"):
        assert reversals("counter", status) == reversals("stripe", status) == ()
    assert "refunded, not voided" in reversal_refused("void", "stripe", "paid")
    assert "already refunded" in reversal_refused("void", "counter", "refunded")
    assert "took no money" in reversal_refused("refund", "stripe", "pending")
    assert reversal_refused("void", "counter", "expired") == (
        "Nothing was changed: this payment is expired, so it took no money to give back."), (
        "no 'a expired payment'")
    assert reversal_refused("refund", "stripe", "conflict") is None


def test_a_districts_day_offers_block_unless_blocked_and_the_policys_units_when_its_own():
    assert capacity_actions(None) == ("save", "block")
    assert capacity_actions(3) == ("save", "block", "policy")
    assert capacity_actions(0) == ("save", "policy")
    assert capacity_refused("block", 0) == "Nothing was changed: the day is already blocked."
    assert "policy's units" in capacity_refused("policy", None)
    assert capacity_refused("save", 0) is None


def test_a_reversed_payment_takes_the_permit_it_issued_back_to_waiting_for_its_fees():
    assert status_after_reversal("Issued", plan_review=True) is Status.APPROVED
    assert status_after_reversal("Issued", plan_review=False) is Status.APPLIED
    assert status_after_reversal("Finaled", plan_review=False) is None, "work done: fees due"
    voided = Reversal("PAY2026-000042", "voided", Decimal("84.60"), date(2026, 12, 4),
                      ("PLM2026-00001", "PLM2026-00002"))
    first, second = reversal_lines(voided)
    assert first == ("This payment was voided on Friday 4 December 2026: it was recorded in "
                     "error, so the $84.60 counts as not paid and its fees are due again.")
    assert second.startswith("PLM2026-00001 and PLM2026-00002 are no longer issued")
    conflict = Reversal("PAY2026-000043", "refunded", Decimal("10.00"), date(2026, 12, 4), (),
                        fees_due=False)
    assert staff_notice(conflict) == (
        "Payment PAY2026-000043 is refunded: its fees stay paid by the payment that paid them "
        "first. The payer was e-mailed.")
    assert reversal_lines(conflict) == ((
        "This payment was refunded on Friday 4 December 2026: $10.00 goes back the way it was "
        "paid, and its fees stay paid by the payment that paid them first."),)
