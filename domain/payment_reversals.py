"""What voiding or refunding a payment does to the permits it issued, and what its payer, its
receipt and staff are told."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.dates import long_date
from domain.money import format_usd
from domain.notifications import NoticeContext
from domain.permits import Status

REVERSED = {"void": "voided", "refund": "refunded"}
# California Building Code, Division II, 109.1 (as IBC 109.1): "A permit shall not be valid
# until the fees prescribed by law have been paid."
FEES_RULE = "a permit is valid only once its fees are paid (California Building Code 109.1)"
# The ledger's note on money Stripe took for fees another payment had already paid.
TAKEN_AFTER_PAID = "Taken after the fees were paid another way."
# The comment on the status history of a permit the reversed payment had issued.
UNISSUED_COMMENT = "Payment {reference} was {status}: {rule}."


def unissued_comment(reference: str, status: str) -> str:
    return UNISSUED_COMMENT.format(reference=reference, status=status, rule=FEES_RULE)


def status_after_reversal(status: str, plan_review: bool) -> Status | None:
    """The status of a permit this payment issued once the payment is voided or refunded: an
    issued permit waits for its fees again, in the status it was paid in
    (domain.payments.status_after_payment): Approved after plan review, Applied for an
    over-the-counter permit, so paying again issues it again. None: it keeps its status (it
    was finaled, expired, cancelled or voided since; its fees are simply due again)."""
    if status != Status.ISSUED.value:
        return None
    return Status.APPROVED if plan_review else Status.APPLIED


@dataclass(frozen=True)
class Reversal:
    """A payment voided or refunded: when, and the permits it issued that are issued no more."""
    reference: str
    status: str  # voided | refunded
    amount: Decimal
    on: date  # the city's date
    unissued: tuple[str, ...]
    # False: money taken for fees another payment had paid (a conflict), whose fees stay paid.
    fees_due: bool = True


def _permits(numbers: tuple[str, ...]) -> str:
    return numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]


def reversal_lines(reversal: Reversal) -> tuple[str, ...]:
    """What the receipt and the e-mail to the payer say about it."""
    money, on = format_usd(reversal.amount), long_date(reversal.on)
    fees = ("its fees are due again" if reversal.fees_due else
            "its fees stay paid by the payment that paid them first")
    if reversal.status == "refunded":
        first = (f"This payment was refunded on {on}: {money} goes back the way it was paid, "
                 f"and {fees}.")
    else:
        first = (f"This payment was voided on {on}: it was recorded in error, so the {money} "
                 f"counts as not paid and {fees}.")
    if not reversal.unissued:
        return (first,)
    many = len(reversal.unissued) > 1
    return (first, f"{_permits(reversal.unissued)} {'are' if many else 'is'} no longer issued: "
                   f"{FEES_RULE}. Work may not go on, and inspections cannot be requested, "
                   "until the fees are paid again from My Dashboard.")


def reversal_notice(reversal: Reversal, context: NoticeContext) -> tuple[str, str]:
    """The subject and plain-text body of the e-mail to the payer."""
    subject = (f"Payment {reversal.reference} was {reversal.status} · "
               f"{context.city_name}")
    body = "\n\n".join((
        "Hello,", *reversal_lines(reversal),
        f"See the receipt: {context.base_url}/payments/{reversal.reference}",
        f"Pay fees that are due: {context.base_url}/dashboard",
        f"{context.city_name} Building and Safety",
    )) + "\n"
    return subject, body


def staff_notice(reversal: Reversal) -> str:
    """What the staff member who reversed it reads on the payment's page."""
    fees = ("its fees are unpaid again" if reversal.fees_due else
            "its fees stay paid by the payment that paid them first")
    text = f"Payment {reversal.reference} is {reversal.status}: {fees}"
    if reversal.unissued:
        text += (f", and {_permits(reversal.unissued)} "
                 f"{'are' if len(reversal.unissued) > 1 else 'is'} no longer issued")
    return text + ". The payer was e-mailed."
