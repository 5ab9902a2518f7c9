"""The e-mailed receipt of a payment, from its facts: written inside the transaction that
settles the payment, so it is the domain's plain text, never a web template (issue 15)."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

from domain.money import format_usd
from domain.notifications import NoticeContext


class PaidLine(Protocol):
    permit_number: str
    description: str
    amount: Decimal


def receipt_mail(reference: str, lines: Iterable[PaidLine], amount: Decimal, issued: list[str],
                 context: NoticeContext) -> tuple[str, str]:
    """The subject and plain-text body of the receipt e-mailed to the payer: each fee paid,
    the total, the permits the payment issued and where to see the receipt."""
    paid = "".join(f"{line.permit_number}  {line.description}: {format_usd(line.amount)}\n"
                   for line in lines)
    body = (f"Hello,\n\nThank you for your payment. Receipt {reference}:\n\n{paid}"
            f"Total paid: {format_usd(amount)}\n")
    if issued:
        body += (f"Issued on payment: {', '.join(issued)}. Work may start; request inspections "
                 "from My Dashboard or by phone.\n")
    body += (f"See your receipt: {context.base_url}/payments/{reference}\n\n"
             f"{context.city_name} Building and Safety\n{context.help_phone}")
    return f"Receipt {reference} · {context.city_name}", body
