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
from domain.word_lists import listed

REVERSED = {"void": "voided", "refund": "refunded"}
# California Building Code, Division II, 109.1 (as IBC 109.1): "A permit shall not be valid
# until the fees prescribed by law have been paid."
FEES_RULE = "a permit is valid only once its fees are paid (California Building Code 109.1)"
# The ledger's note on money Stripe took for fees another payment had already paid.
TAKEN_AFTER_PAID = "Taken after the fees were paid another way."
# The comment on the status history of a permit the reversed payment had issued.
UNISSUED_COMMENT = {"voided": "Payment {reference} was voided: {rule}.",
                    "refunded": "Payment {reference} was refunded: {rule}."}
# What the receipt and the payer's e-mail say: one sentence per status and fate of the fees.
REVERSED_LINE = {
    ("refunded", True): "This payment was refunded on {on}: {money} goes back the way it was "
                        "paid, and its fees are due again.",
    ("refunded", False): "This payment was refunded on {on}: {money} goes back the way it was "
                         "paid, and its fees stay paid by the payment that paid them first.",
    ("voided", True): "This payment was voided on {on}: it was recorded in error, so the {money} "
                      "counts as not paid and its fees are due again.",
    ("voided", False): "This payment was voided on {on}: it was recorded in error, so the "
                       "{money} counts as not paid and its fees stay paid by the payment that "
                       "paid them first.",
}
NO_LONGER_ISSUED_ONE = ("{permits} is no longer issued: {rule}. Work may not go on, and "
                        "inspections cannot be requested, until the fees are paid again from "
                        "My Dashboard.")
NO_LONGER_ISSUED_MANY = ("{permits} are no longer issued: {rule}. Work may not go on, and "
                         "inspections cannot be requested, until the fees are paid again from "
                         "My Dashboard.")
NOTICE_SUBJECT = {"voided": "Payment {reference} was voided · {city}",
                  "refunded": "Payment {reference} was refunded · {city}"}
GREETING = "Hello,"
SEE_RECEIPT = "See the receipt: {url}"
PAY_DUE_FEES = "Pay fees that are due: {url}"
SIGNATURE = "{city} Building and Safety"
# What the staff member who reversed it reads: per status, and whether none, one or more
# permits it issued are issued no more; {fees} is one of STAFF_FEES.
STAFF_NOTICE = {
    ("voided", 0): "Payment {reference} is voided: {fees}. The payer was e-mailed.",
    ("voided", 1): "Payment {reference} is voided: {fees}, and {permits} is no longer issued. "
                   "The payer was e-mailed.",
    ("voided", 2): "Payment {reference} is voided: {fees}, and {permits} are no longer issued. "
                   "The payer was e-mailed.",
    ("refunded", 0): "Payment {reference} is refunded: {fees}. The payer was e-mailed.",
    ("refunded", 1): "Payment {reference} is refunded: {fees}, and {permits} is no longer "
                     "issued. The payer was e-mailed.",
    ("refunded", 2): "Payment {reference} is refunded: {fees}, and {permits} are no longer "
                     "issued. The payer was e-mailed.",
}
STAFF_FEES = {True: "its fees are unpaid again",
              False: "its fees stay paid by the payment that paid them first"}


def unissued_comment(reference: str, status: str) -> str:
    return UNISSUED_COMMENT[status].format(reference=reference, rule=FEES_RULE)


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


def reversal_lines(reversal: Reversal) -> tuple[str, ...]:
    """What the receipt and the e-mail to the payer say about it."""
    first = REVERSED_LINE[reversal.status, reversal.fees_due].format(
        on=long_date(reversal.on), money=format_usd(reversal.amount))
    if not reversal.unissued:
        return (first,)
    many = NO_LONGER_ISSUED_MANY if len(reversal.unissued) > 1 else NO_LONGER_ISSUED_ONE
    return (first, many.format(permits=listed(reversal.unissued), rule=FEES_RULE))


def reversal_notice(reversal: Reversal, context: NoticeContext) -> tuple[str, str]:
    """The subject and plain-text body of the e-mail to the payer."""
    subject = NOTICE_SUBJECT[reversal.status].format(reference=reversal.reference,
                                                     city=context.city_name)
    body = "\n\n".join((
        GREETING, *reversal_lines(reversal),
        SEE_RECEIPT.format(url=f"{context.base_url}/payments/{reversal.reference}"),
        PAY_DUE_FEES.format(url=f"{context.base_url}/dashboard"),
        SIGNATURE.format(city=context.city_name),
    )) + "\n"
    return subject, body


def staff_notice(reversal: Reversal) -> str:
    """What the staff member who reversed it reads on the payment's page."""
    count = min(len(reversal.unissued), 2)
    return STAFF_NOTICE[reversal.status, count].format(
        reference=reversal.reference, fees=STAFF_FEES[reversal.fees_due],
        permits=listed(reversal.unissued) if reversal.unissued else "")
