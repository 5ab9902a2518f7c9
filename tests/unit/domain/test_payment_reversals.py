"""What a voided or refunded payment says: on the status history of the permits it issued, on
its receipt, in the payer's e-mail and to the staff member who reversed it."""
from datetime import date
from decimal import Decimal

from domain.notifications import NoticeContext
from domain.payment_reversals import (
    Reversal, reversal_lines, reversal_notice, staff_notice, unissued_comment
)
from domain.word_lists import listed

NO_LONGER = ("is no longer issued: a permit is valid only once its fees are paid (California "
             "Building Code 109.1). Work may not go on, and inspections cannot be requested, "
             "until the fees are paid again from My Dashboard.")


def reversal(status: str, *unissued: str, fees_due: bool = True) -> Reversal:
    return Reversal("PAY2026-000042", status, Decimal("240.00"), date(2026, 12, 1), unissued,
                    fees_due)


def test_a_permit_the_reversed_payment_issued_says_why_it_is_no_longer_issued():
    assert unissued_comment("PAY2026-000042", "refunded") == (
        "Payment PAY2026-000042 was refunded: a permit is valid only once its fees are paid "
        "(California Building Code 109.1).")
    assert unissued_comment("PAY2026-000042", "voided").startswith(
        "Payment PAY2026-000042 was voided: ")


def test_the_receipt_says_one_permit_is_and_several_permits_are_no_longer_issued():
    assert reversal_lines(reversal("refunded")) == (
        "This payment was refunded on Tuesday 1 December 2026: $240.00 goes back the way it was "
        "paid, and its fees are due again.",)
    assert reversal_lines(reversal("voided", "BLD2026-00001", fees_due=False)) == (
        "This payment was voided on Tuesday 1 December 2026: it was recorded in error, so the "
        "$240.00 counts as not paid and its fees stay paid by the payment that paid them first.",
        f"BLD2026-00001 {NO_LONGER}")
    assert reversal_lines(reversal("refunded", "BLD2026-00001", "MEC2026-00002",
                                   "ELE2026-00003"))[1] == (
        f"BLD2026-00001, MEC2026-00002 and ELE2026-00003 {NO_LONGER.replace('is', 'are', 1)}")


def test_the_payer_s_e_mail_names_the_payment_and_links_the_receipt_and_the_dashboard():
    subject, body = reversal_notice(reversal("voided", "BLD2026-00001"),
                                    NoticeContext("Springfield", "https://permits.example"))
    assert subject == "Payment PAY2026-000042 was voided · Springfield"
    assert body.startswith("Hello,\n\nThis payment was voided on Tuesday 1 December 2026")
    assert body.endswith(
        "See the receipt: https://permits.example/payments/PAY2026-000042\n\n"
        "Pay fees that are due: https://permits.example/dashboard\n\n"
        "Springfield Building and Safety\n")


def test_staff_read_what_the_reversal_did_to_none_one_or_several_permits():
    assert staff_notice(reversal("voided")) == (
        "Payment PAY2026-000042 is voided: its fees are unpaid again. The payer was e-mailed.")
    assert staff_notice(reversal("refunded", "BLD2026-00001", fees_due=False)) == (
        "Payment PAY2026-000042 is refunded: its fees stay paid by the payment that paid them "
        "first, and BLD2026-00001 is no longer issued. The payer was e-mailed.")
    assert staff_notice(reversal("voided", "BLD2026-00001", "MEC2026-00002")) == (
        "Payment PAY2026-000042 is voided: its fees are unpaid again, and BLD2026-00001 and "
        "MEC2026-00002 are no longer issued. The payer was e-mailed.")


def test_names_are_listed_one_alone_and_the_last_after_and():
    assert listed(["A"]) == "A"
    assert listed(["A", "B"]) == "A and B"
    assert listed(["A", "B", "C"]) == "A, B and C"
