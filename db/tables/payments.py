"""Payments, their lines and the ledger."""
from piccolo.columns import ForeignKey, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from db.tables.accounts import Account
from db.tables.permits import FeeItem, Permit


class Payment(Table):
    """One checkout of a cart: paid once, whatever double clicks or webhook retries do."""
    account = ForeignKey(references=Account, index=True, on_delete=OnDelete.restrict)
    reference = Varchar(length=24, unique=True)
    gateway = Varchar(length=12)
    # The gateway's own id (a Stripe Checkout Session); unique, so one charge is one payment.
    gateway_ref = Varchar(length=255, null=True, default=None, unique=True)
    # From the checkout form: the same submission twice is the same payment.
    idempotency_key = Varchar(length=64, unique=True)
    amount = Numeric(digits=(14, 2))
    status = Varchar(length=12, index=True)
    created_at = Timestamptz(default=TimestamptzNow())
    paid_at = Timestamptz(null=True, default=None)


class PaymentLine(Table):
    """A fee item a payment covers; a fee item is paid by one payment only."""
    payment = ForeignKey(references=Payment, index=True, on_delete=OnDelete.cascade)
    fee_item = ForeignKey(references=FeeItem, index=True, on_delete=OnDelete.restrict)
    amount = Numeric(digits=(14, 2))


class LedgerEntry(Table):
    """Money in (charge) and out (refund, void) per payment; the entries always balance it."""
    payment = ForeignKey(references=Payment, index=True, on_delete=OnDelete.restrict)
    kind = Varchar(length=12)
    amount = Numeric(digits=(14, 2))
    at = Timestamptz(default=TimestamptzNow())
    by = Varchar(length=120)
    note = Text(default="")


class FeeAdjustment(Table):
    """A supervisor's waiver, reduction or credit of a fee still due: how much it took off,
    why and by whom (the fee item keeps the amount now due)."""
    permit = ForeignKey(references=Permit, index=True, on_delete=OnDelete.cascade)
    fee_item = ForeignKey(references=FeeItem, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=12)  # waive | reduce | credit
    before = Numeric(digits=(14, 2))
    amount = Numeric(digits=(14, 2))  # taken off
    reason = Text(default="")
    by = Varchar(length=120)
    at = Timestamptz(default=TimestamptzNow())
    # The form's one-time key: the same form sent twice (a double tap, Back) changes once.
    form_key = Varchar(length=64, default="", index=True)
