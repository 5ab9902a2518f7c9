"""The ledger of one city day for the cashier's close, and the payments waiting for a refund."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal

from db.reader import as_datetime
from db.tables import LedgerEntry, Payment, PaymentLine
from domain.daily_close import DailyClose, Entry, close_of, day_span
from domain.money import cents
from domain.payment_reversals import TAKEN_AFTER_PAID


async def daily_close(day: date, zone: tzinfo) -> DailyClose:
    """Every ledger entry of the day (three queries: the entries, which of their payments were
    taken twice, the others' fee lines)."""
    starts, ends = day_span(day, zone)
    rows = await LedgerEntry.select(
        LedgerEntry.payment, LedgerEntry.payment.reference, LedgerEntry.payment.gateway,
        LedgerEntry.payment.account.email, LedgerEntry.kind, LedgerEntry.amount,
        LedgerEntry.at, LedgerEntry.note,
    ).where((LedgerEntry.at >= starts) & (LedgerEntry.at < ends)).order_by(LedgerEntry.id)
    payments = sorted({r["payment"] for r in rows})
    if not payments:
        return close_of(day, ())
    # A payment taken after its fees were paid another way paid no fee: its charge is entered
    # with its refund, noted so (whatever the day of either), and its lines stay out of the
    # fee accounts.
    twice = {p["payment"] for p in await LedgerEntry.select(LedgerEntry.payment).where(
        LedgerEntry.payment.is_in(payments) & (LedgerEntry.note == TAKEN_AFTER_PAID))}
    lines: dict[int, list] = {}
    applied = [p for p in payments if p not in twice]
    if applied:
        for line in await PaymentLine.select(
                PaymentLine.payment, PaymentLine.fee_item.code,
                PaymentLine.fee_item.description, PaymentLine.amount).where(
                PaymentLine.payment.is_in(applied)).order_by(PaymentLine.id):
            lines.setdefault(line["payment"], []).append(
                (line["fee_item.code"], line["fee_item.description"], cents(line["amount"])))
    return close_of(day, (Entry(
        r["payment.reference"], r["payment.account.email"], r["payment.gateway"], r["kind"],
        cents(r["amount"]), as_datetime(r["at"]), tuple(lines.get(r["payment"], ())))
        for r in rows))


@dataclass(frozen=True)
class ToRefund:
    reference: str
    payer: str
    gateway: str
    amount: Decimal
    paid_at: datetime | None


async def taken_twice() -> list[ToRefund]:
    """Payments in ``conflict`` (money taken for fees already paid), oldest first: each to be
    refunded from its payment's page."""
    rows = await Payment.select(Payment.reference, Payment.account.email, Payment.gateway,
                                Payment.amount, Payment.paid_at, Payment.created_at).where(
        Payment.status == "conflict").order_by(Payment.created_at).order_by(Payment.id)
    return [ToRefund(r["reference"], r["account.email"], r["gateway"], cents(r["amount"]),
                     as_datetime(r["paid_at"] or r["created_at"])) for r in rows]
