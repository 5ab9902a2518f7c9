"""The e-mailed receipt of a payment, written from its facts inside the settling transaction
(issue 15: the text that templates/emails/receipt.txt used to render, unchanged)."""
from dataclasses import dataclass
from decimal import Decimal

from domain.notifications import NoticeContext
from domain.receipts import receipt_mail

CITY = NoticeContext("West Hollywood", "https://permits.example", "323-848-6400")


@dataclass(frozen=True)
class Line:
    permit_number: str
    description: str
    amount: Decimal


LINES = [Line("BLD2026-00042", "Permit fee", Decimal("84.60")),
         Line("BLD2026-00043", "Plan check & records", Decimal("1234.5"))]


def test_a_receipt_lists_each_fee_the_total_and_where_to_see_it():
    subject, body = receipt_mail("P-7Q2K", LINES, Decimal("1319.10"), [], CITY)
    assert subject == "Receipt P-7Q2K · West Hollywood"
    assert body == (
        "Hello,\n\nThank you for your payment. Receipt P-7Q2K:\n\n"
        "BLD2026-00042  Permit fee: $84.60\n"
        "BLD2026-00043  Plan check & records: $1,234.50\n"
        "Total paid: $1,319.10\n"
        "See your receipt: https://permits.example/payments/P-7Q2K\n\n"
        "West Hollywood Building and Safety\n323-848-6400")


def test_a_receipt_names_the_permits_its_payment_issued():
    _, body = receipt_mail("P-7Q2K", LINES[:1], Decimal("84.60"),
                           ["BLD2026-00042", "BLD2026-00043"], CITY)
    assert ("Total paid: $84.60\nIssued on payment: BLD2026-00042, BLD2026-00043. Work may "
            "start; request inspections from My Dashboard or by phone.\nSee your receipt: "
            ) in body
