"""Paying permit fees: the counter gateway's card check, and issuing a permit once it is paid."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.numbers import whole_or_none
from domain.outcomes import Accepted, Rejected
from domain.permits import Status

# Permits expire 180 days after issue unless work is inspected (CBC §105.5, the city's policy).
# Test numbers in the card networks' published test ranges; the counter gateway is a demo of a
# payment form, never a real charge.
DECLINED_CARD = "4000000000000002"
REVERSAL_REASON_LIMIT = 500  # staff's reason for voiding or refunding a payment
# "4242 4242 4242 4242 424": 19 digits in groups; the expiry as MM/YY or MM/YYYY.
CARD_NUMBER_LIMIT, CARD_EXPIRY_LIMIT, CARD_CVC_LIMIT = 23, 7, 4


def _digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also takes "²" and other scripts' digits."""
    return text.isascii() and text.isdigit()


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def check_card(number: str, expiry: str, cvc: str, today: date) -> Accepted[str] | Rejected:
    """The demo card form's checks, field by field; the last four digits when it is good."""
    errors: dict[str, str] = {}
    digits = "".join(c for c in number if c not in " -")
    if len(number) > CARD_NUMBER_LIMIT or not (13 <= len(digits) <= 19) or not _digits(digits) or not luhn_valid(digits):
        errors["card_number"] = "Enter a valid card number, like 4242 4242 4242 4242."
    month_text, _, year_text = expiry.strip()[:CARD_EXPIRY_LIMIT + 1].partition("/")
    month = whole_or_none(month_text.strip(), least=1, most=12)
    year = whole_or_none(year_text.strip(), most=9999)
    if month is None or year is None or len(expiry.strip()) > CARD_EXPIRY_LIMIT:
        errors["card_expiry"] = "Enter the expiry date as MM/YY."
    elif (2000 + year % 100, month) < (today.year, today.month):
        errors["card_expiry"] = "This card has expired."
    if not (_digits(cvc.strip()) and len(cvc.strip()) in (3, 4)):
        errors["card_cvc"] = "Enter the 3 or 4 digit security code."
    if not errors and digits == DECLINED_CARD:
        errors["card_number"] = "The card was declined. Try another card."
    return Rejected(errors) if errors else Accepted(digits[-4:])


def status_after_payment(status: str, plan_review: bool, all_paid: bool) -> Status | None:
    """Over-the-counter e-permits are issued on payment; reviewed ones once approved and paid."""
    if not all_paid:
        return None
    if status == Status.APPLIED.value and not plan_review:
        return Status.ISSUED
    if status == Status.APPROVED.value:
        return Status.ISSUED
    return None


# The comment on a permit's status history when paying its fees issued it.
ISSUED_ON_PAYMENT = "Issued on payment of its fees."
ISSUED_ON_ADJUSTMENT = "Issued: its fees due were waived or credited."


def payment_reference(year: int, payment_id: int) -> str:
    return f"PAY{year}-{payment_id:06d}"


REVERSAL_KINDS = ("void", "refund")


def reversals(gateway: str, status: str) -> tuple[str, ...]:
    """How staff may reverse a payment now: the buttons its page shows, and the only kinds
    accepted however posted (issue 14 §6). A paid counter payment is voided (taken in error)
    or refunded; a card payment Stripe took is refunded through Stripe, never voided; money
    Stripe took for fees already paid another way (a conflict) is refunded."""
    if status == "paid":
        return ("refund",) if gateway == "stripe" else REVERSAL_KINDS
    if status == "conflict":
        return ("refund",)
    return ()


def reversal_refused(kind: str, gateway: str, status: str) -> str | None:
    """Why ``kind`` cannot be done to the payment now; None when it can."""
    if kind in reversals(gateway, status):
        return None
    if status in ("voided", "refunded"):
        return f"Nothing was changed: this payment was already {status}."
    if status not in ("paid", "conflict"):
        return (f"Nothing was changed: this payment is {status}, so it took no money to give "
                "back.")
    return "Nothing was changed: a card payment taken by Stripe can be refunded, not voided."


STRIPE_REFUNDS_ONLY = "A card payment taken by Stripe can be refunded, not voided."
NOT_PAID_ANY_MORE = "This payment is not a paid {gateway} payment any more: nothing was changed."
PAID_A_MOMENT_AGO = ("Some of these fees were paid a moment ago. Nothing was charged; check your "
                     "cart again.")


def not_paid_any_more(gateway: str) -> str:
    """Another staff member reversed the payment first (or it never was paid this way)."""
    return NOT_PAID_ANY_MORE.format(gateway=gateway)



@dataclass(frozen=True)
class KeyReused(Rejected):
    """A checkout form's key sent again for something other than the payment it made."""


def key_reuse(paid_for: frozenset[int], gateway: str, asked_for: frozenset[int],
              asked_gateway: str) -> KeyReused | None:
    """A checkout form's key belongs to the fees and the gateway of the payment it made: sent
    again for other fees or through another gateway it is refused, never answered with that
    payment's receipt (the payer would think the fees they chose were paid)."""
    if asked_gateway != gateway:
        what = "to pay another way"
    elif asked_for != paid_for:
        what = "to pay other fees"
    else:
        return None
    return KeyReused({"cart": f"This payment form was already used {what}, so nothing was "
                              "charged now. Choose the fees to pay in your cart again."})


# How staff read a payment's ledger (the stored words are the program's: "charge", "voided").
LEDGER_WORDS = {"charge": "Charge", "refund": "Refund", "void": "Void"}
STATUS_WORDS = {"pending": "Waiting for the gateway", "paid": "Paid", "voided": "Voided",
                "refunded": "Refunded", "expired": "Expired unpaid",
                "conflict": "Taken after its fees were paid another way: to refund"}
GATEWAY_WORDS = {"counter": "City counter (demonstration card form)", "stripe": "Stripe"}
