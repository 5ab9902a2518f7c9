"""Receipts: the payer's, and staff's view of a payment with its ledger."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from db.payments.cart import CartLine, lines_of
from db.tables import LedgerEntry, Payment, PermitStatusChange
from domain.audit_subjects import person
from domain.money import cents


@dataclass(frozen=True)
class Receipt:
    reference: str
    gateway: str
    amount: Decimal
    status: str
    paid_at: datetime | None
    lines: tuple[CartLine, ...]
    issued: tuple[str, ...]
    payer: str = ""  # the paying account's name and e-mail address
    company: str = ""  # the business it paid for, if any


async def receipt(reference: str, account_id: int) -> Receipt | None:
    """A payment's receipt, for the account that paid it only."""
    payment = await Payment.select(
        Payment.id, Payment.reference, Payment.gateway, Payment.amount, Payment.status,
        Payment.paid_at, Payment.account.first_name, Payment.account.email,
        Payment.account.business_name).where(
        (Payment.reference == reference) & (Payment.account == account_id)).first()
    if payment is None:
        return None
    lines = tuple(await lines_of(payment["id"]))
    issued = await PermitStatusChange.select(PermitStatusChange.permit.number).where(
        PermitStatusChange.permit.number.is_in(sorted({line.permit_number for line in lines}))
        & (PermitStatusChange.to_status == "Issued")
        & (PermitStatusChange.changed_at == payment["paid_at"]))
    name, email = payment["account.first_name"], payment["account.email"]
    return Receipt(payment["reference"], payment["gateway"],
                   cents(payment["amount"]), payment["status"], payment["paid_at"],
                   lines, tuple(sorted(r["permit.number"] for r in issued)),
                   person(name, email) if name else email,
                   payment["account.business_name"] or "")


@dataclass(frozen=True)
class StaffView:
    receipt: Receipt
    payer: str
    gateway_ref: str | None
    ledger: tuple[tuple[str, Decimal, datetime, str, str], ...]

    @property
    def balance(self) -> Decimal:
        return sum((entry[1] for entry in self.ledger), Decimal("0.00"))


async def staff_view(reference: str) -> StaffView | None:
    row = await Payment.select(Payment.account, Payment.account.email,
                               Payment.gateway_ref).where(Payment.reference == reference).first()
    if row is None:
        return None
    found = await receipt(reference, row["account"])
    entries = await LedgerEntry.select(
        LedgerEntry.kind, LedgerEntry.amount, LedgerEntry.at, LedgerEntry.by, LedgerEntry.note,
    ).where(LedgerEntry.payment.reference == reference).order_by(LedgerEntry.id)
    return StaffView(found, row["account.email"], row["gateway_ref"], tuple(
        (e["kind"], cents(e["amount"]), e["at"], e["by"], e["note"]) for e in entries))
