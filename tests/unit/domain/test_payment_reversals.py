"""What a voided or refunded payment leaves on the status history of the permits it issued."""
from domain.payment_reversals import unissued_comment


def test_a_permit_the_reversed_payment_issued_says_why_it_is_no_longer_issued():
    assert unissued_comment("PAY2026-000042", "refunded") == (
        "Payment PAY2026-000042 was refunded: a permit is valid only once its fees are paid "
        "(California Building Code 109.1).")
