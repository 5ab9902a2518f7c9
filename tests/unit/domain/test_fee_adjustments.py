"""Waivers, reductions and credits: only of fees due, by a checked amount, always with a reason."""
from __future__ import annotations

from decimal import Decimal

from domain import fee_adjustments as fa

DUE = [fa.DueFee(1, "Permit fee", Decimal("100.00")),
       fa.DueFee(2, "Plan check fee", Decimal("65.00"))]


def plan(form, due):
    """A form as the page sends it, with its one-time key."""
    return fa.plan_adjustment({"form_key": "k" * 22, **form}, due)


def changes(form):
    return [(c.fee_item_id, c.before, c.after) for c in plan(form, DUE).value.changes]


def test_a_waiver_a_reduction_and_a_credit_change_the_fees_due():
    assert changes({"kind": "waive", "fee": "2", "reason": "Council waiver"}) == [
        (2, Decimal("65.00"), Decimal("0.00"))]
    assert changes({"kind": "reduce", "fee": "1", "amount": "$12.50", "reason": "Valuation"}) == [
        (1, Decimal("100.00"), Decimal("87.50"))]
    assert changes({"kind": "credit", "amount": "120", "reason": "Carried over"}) == [
        (1, Decimal("100.00"), Decimal("0.00")), (2, Decimal("65.00"), Decimal("45.00"))]
    credit = plan({"kind": "credit", "amount": "120", "reason": "x"}, DUE).value
    assert credit.total == Decimal("120.00")


def test_every_problem_is_said_beside_its_field():
    refused = plan({"kind": "reduce", "fee": "9", "reason": ""}, DUE)
    assert refused.errors == {"reason": fa.GIVE_REASON, "fee": fa.CHOOSE_FEE,
                              "amount": "Amount: enter a number."}
    too_much = plan({"kind": "reduce", "fee": "2", "amount": "65.01", "reason": "x"}, DUE)
    assert too_much.errors["amount"] == "Amount: enter a number from 0.01 to 65."
    assert "amount" in plan({"kind": "credit", "amount": "0",
                                           "reason": "x"}, DUE).errors
    assert "amount" in plan({"kind": "credit", "amount": "1e9",
                                           "reason": "x"}, DUE).errors
    assert plan({"kind": "delete", "reason": "x"}, DUE).errors == {
        "kind": fa.CHOOSE_KIND}
    assert plan({"kind": "waive", "fee": "1", "reason": "x" * 501},
                              DUE).errors == {"reason": fa.LONG_REASON}
    assert plan({"kind": "waive", "fee": "1", "reason": "x"}, []).errors == {
        "fee": fa.NOTHING_DUE}
    assert plan({"kind": "waive", "fee": "1", "amount": "5", "reason": "x"}, DUE).errors == {
        "amount": fa.NO_AMOUNT_FOR_A_WAIVER}
    assert plan({"kind": "waive", "fee": "", "amount": "1" * 25, "reason": ""}, DUE).errors == {
        "amount": fa.NO_AMOUNT_FOR_A_WAIVER, "fee": fa.CHOOSE_FEE, "reason": fa.GIVE_REASON}
    assert set(plan({"kind": "reduce", "fee": "", "amount": "x", "reason": "y"},
                    DUE).errors) == {"amount", "fee"}
    assert plan({"kind": "waive", "fee": "1", "reason": "x", "form_key": "<x>"},
                DUE).errors == {"kind": fa.EXPIRED}, "a form without its key"


def test_the_fees_tab_says_what_was_done():
    assert fa.adjusted_words("waive", Decimal("65.00")) == "Waived"
    assert fa.adjusted_words("reduce", Decimal("12.50")) == "Reduced: $12.50 off"
    assert fa.adjusted_words(None, None) == ""
