"""What a payer and staff read when a payment cannot be made or reversed as asked."""
from domain.payments import (
    NOT_PAID_ANY_MORE, PAID_A_MOMENT_AGO, STRIPE_REFUNDS_ONLY, not_paid_any_more
)


def test_a_payment_reversed_by_someone_else_first_names_its_gateway():
    assert not_paid_any_more("counter") == ("This payment is not a paid counter payment any "
                                            "more: nothing was changed.")
    assert "{gateway}" in NOT_PAID_ANY_MORE


def test_fees_paid_a_moment_ago_are_not_charged_again():
    assert PAID_A_MOMENT_AGO == ("Some of these fees were paid a moment ago. Nothing was "
                                 "charged; check your cart again.")


def test_a_stripe_payment_is_refunded_not_voided():
    assert STRIPE_REFUNDS_ONLY == "A card payment taken by Stripe can be refunded, not voided."
