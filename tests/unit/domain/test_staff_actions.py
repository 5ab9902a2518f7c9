"""What the payment and inspection board screens offer staff, and why the rest is refused."""
from domain.payments import reversal_refused, reversals
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
    assert reversal_refused("refund", "stripe", "conflict") is None


def test_a_districts_day_offers_block_unless_blocked_and_the_policys_units_when_its_own():
    assert capacity_actions(None) == ("save", "block")
    assert capacity_actions(3) == ("save", "block", "policy")
    assert capacity_actions(0) == ("save", "policy")
    assert capacity_refused("block", 0) == "Nothing was changed: the day is already blocked."
    assert "policy's units" in capacity_refused("policy", None)
    assert capacity_refused("save", 0) is None
