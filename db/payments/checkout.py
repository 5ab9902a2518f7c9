"""Paying a cart exactly once: the counter's card settled at once, or a gateway's payment
opened here and settled by its webhook.

Exactly once: the checkout form's idempotency key is unique (a double click or the back button
replays the same payment), and each fee item is marked paid by a conditional update that only
one payment can win; the loser's transaction rolls back and charges nothing.
"""
from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

import asyncpg

from db.audit.trail import WEB, Actor, event, record_all
from db.database import Database
from db.mail.outbox import Message, enqueue
from db.payments import keys
from db.payments.cart import cart, lines_of
from db.payments.issuing import issue_paid_permits
from db.tables import FeeItem, LedgerEntry, Payment, PaymentLine
from domain.audit_actions import FEES_PAID
from domain.money import cents
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.payments import PAID_A_MOMENT_AGO, KeyReused, key_reuse, payment_reference
from domain.receipts import receipt_mail


class AlreadyPaid(Exception):
    """Another payment paid some of these fees first."""


async def pay(database: Database, account, fee_item_ids: list[int], idempotency_key: str,
              gateway: str, notice: NoticeContext, now: datetime,
              today: date) -> Accepted[str] | Rejected:
    """The counter gateway (the card was checked in the app): open and settle the payment in
    one transaction. Returns the payment reference; the same key returns the same one.
    ``notice``: who sends the e-mailed receipt and where it points."""
    async def open_and_settle() -> str:
        async with database.transaction():
            payment_id, reference = await _open(database, account, fee_item_ids, idempotency_key,
                                                gateway, now, today)
            if not await _settle(database, payment_id, now, today, notice):
                raise AlreadyPaid()
        return reference

    return await _guarded(idempotency_key, account, fee_item_ids, gateway, open_and_settle)


async def open_payment(database: Database, account, fee_item_ids: list[int], idempotency_key: str,
                       gateway: str, now: datetime, today: date) -> Accepted[str] | Rejected:
    """A pending payment for a gateway that charges elsewhere (Stripe Checkout), by reference;
    it is settled when the gateway's signed webhook says it was paid."""
    async def opening() -> str:
        async with database.transaction():
            return (await _open(database, account, fee_item_ids, idempotency_key, gateway, now,
                                today))[1]

    return await _guarded(idempotency_key, account, fee_item_ids, gateway, opening)


async def _guarded(key: str, account, fee_item_ids: list[int], gateway: str, work
                   ) -> Accepted[str] | Rejected:
    """Run ``work`` (returns a payment reference) once per idempotency key: a replayed key
    gets the payment it already made, a clash at the same moment the other's; either is
    refused (KeyReused) if it was made of other fees or through another gateway."""
    existing = await replay(key, account, fee_item_ids, gateway)
    if existing:
        return existing
    try:
        return Accepted(await work())
    except AlreadyPaid:
        return Rejected({"cart": PAID_A_MOMENT_AGO})
    except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
        clash = await replay(key, account, fee_item_ids, gateway)  # two clicks at once
        if clash:
            return clash
        raise


async def replay(key: str, account, fee_item_ids: list[int], gateway: str
                 ) -> Accepted[str] | KeyReused | None:
    """The reference of the payment this checkout form already made (a second click); None
    if the key made none. Refused if it made a payment of other fees or through another
    gateway. The form's fees that checkout leaves out (not the account's, paid another way)
    were never part of the payment, so they are left out of the comparison too."""
    made = await keys.made_by(key, account.id)
    if made is None:
        return None
    payable = {line.fee_item_id for line in await cart(account, list(fee_item_ids))}
    asked = frozenset(payable | (set(fee_item_ids) & made.fee_item_ids))
    return key_reuse(made.fee_item_ids, made.gateway, asked, gateway) or Accepted(
        made.reference)


async def _open(database: Database, account, fee_item_ids, idempotency_key, gateway, now,
                today) -> tuple[int, str]:
    # Checkouts of the same fees take turns.
    await database.lock_rows("fee_item", "id", fee_item_ids)
    lines = await cart(account, fee_item_ids)
    if not lines or len(lines) != len(set(fee_item_ids)) or await _in_open_payment(
            fee_item_ids, now):
        raise AlreadyPaid()
    amount = sum((line.amount for line in lines), Decimal("0.00"))
    payment_id = (await Payment.insert(Payment(
        account=account.id, reference=f"pending-{uuid.uuid4().hex[:12]}", gateway=gateway,
        idempotency_key=keys.scoped(idempotency_key, account.id), amount=amount, status="pending",
        created_at=now)))[0]["id"]
    reference = payment_reference(today.year, payment_id)
    await Payment.update({Payment.reference: reference}).where(Payment.id == payment_id)
    await PaymentLine.insert(*(PaymentLine(payment=payment_id, fee_item=line.fee_item_id,
                                           amount=line.amount) for line in lines))
    return payment_id, reference


# A Checkout Session expires after 24 hours (Stripe's default); a pending payment older than
# that no longer holds its fees.
PENDING_HOLDS = timedelta(hours=25)


async def _in_open_payment(fee_item_ids: list[int], now: datetime) -> bool:
    """Fees already in a payment that may still be paid (a Stripe session not yet expired)."""
    return await PaymentLine.exists().where(
        PaymentLine.fee_item.is_in(list(fee_item_ids))
        & (PaymentLine.payment.status == "pending")
        & (PaymentLine.payment.created_at > now - PENDING_HOLDS))


async def _settle(database: Database, payment_id: int, now: datetime, today: date,
                  notice: NoticeContext) -> bool:
    """Pending → paid exactly once: fees marked paid, the ledger charged, paid permits issued,
    the receipt queued. False (nothing changed) if the payment is not pending any more or a
    fee was paid by another payment first."""
    claimed = await Payment.update({Payment.status: "paid", Payment.paid_at: now}).where(
        (Payment.id == payment_id) & (Payment.status == "pending")
    ).returning(Payment.id)
    if not claimed:
        return False
    lines = await lines_of(payment_id)
    taken = await FeeItem.update({FeeItem.paid: True}).where(
        FeeItem.id.is_in([line.fee_item_id for line in lines])
        & (FeeItem.paid == False)).returning(FeeItem.id)  # noqa: E712
    if len(taken) != len(lines):
        raise AlreadyPaid()
    payment = await Payment.select(Payment.account.email, Payment.amount,
                                   Payment.reference).where(Payment.id == payment_id).first()
    payer, amount = payment["account.email"], cents(payment["amount"])
    await LedgerEntry.insert(LedgerEntry(payment=payment_id, kind="charge", amount=amount,
                                         at=now, by=payer))
    # The events after the permits' locks (issue_paid_permits): their references wait on
    # no one.
    issued, ids = await issue_paid_permits(database, {line.permit_number for line in lines}, now,
                                            today, payer)
    await record_all([event(
        FEES_PAID, at=now, actor=Actor(payer, WEB), permit_id=ids[number],
        after={"payment": payment["reference"], "fees": ", ".join(
            f"{line.description} {line.amount:.2f}" for line in lines
            if line.permit_number == number)})
        for number in sorted(ids)])
    # The receipt's text is the domain's, from these facts: no web code runs inside the
    # transaction (issue 15).
    await enqueue(Message(payer, *receipt_mail(payment["reference"], lines, amount, issued,
                                               notice)), now)
    return True


async def settle_by_gateway_ref(database: Database, gateway_ref: str, now: datetime, today: date,
                                notice: NoticeContext, reference: str | None = None) -> str:
    """The webhook's half: 'settled', 'already' (a retry or a concurrent delivery: nothing
    done twice), 'unknown', or 'conflict' (the fees were paid another way; staff refund).
    ``reference`` (the session's client_reference_id) finds a payment whose session id was
    never saved (the server stopped between creating the session and recording it)."""
    row = await Payment.select(Payment.id).where(Payment.gateway_ref == gateway_ref).first()
    if row is None and reference:
        row = await Payment.select(Payment.id).where(
            (Payment.reference == reference) & (Payment.gateway == "stripe")
            & Payment.gateway_ref.is_null()).first()
        if row is not None:
            await Payment.update({Payment.gateway_ref: gateway_ref}).where(
                Payment.id == row["id"])
    if row is None:
        return "unknown"
    try:
        async with database.transaction():
            settled = await _settle(database, row["id"], now, today, notice)
    except AlreadyPaid:
        await Payment.update({Payment.status: "conflict"}).where(
            (Payment.id == row["id"]) & (Payment.status == "pending"))
        return "conflict"
    return "settled" if settled else "already"
