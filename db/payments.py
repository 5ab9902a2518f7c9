"""The cart, paying it exactly once, the receipt, and the ledger that staff voids keep balanced.

Exactly once: the checkout form's idempotency key is unique (a double click or the back button
replays the same payment), and each fee item is marked paid by a conditional update that only
one payment can win; the loser's transaction rolls back and charges nothing.
"""
from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import asyncpg

from db import payment_keys
from db.audit import WEB, Actor, event, record, record_all
from db.outbox import enqueue
from db.permit_access import acts_for
from db.tables import (
    FeeItem, LedgerEntry, Payment, PaymentLine, Permit, PermitStatusChange,
)
from db.transactions import lock_rows, write_transaction
from domain.money import cents
from domain.outcomes import Accepted, Rejected
from domain.payments import KeyReused, key_reuse, payment_reference, status_after_payment
from domain.permit_life import expires_on
from domain.permits import Status
from domain.subtypes import SUBTYPES

PLAN_REVIEW = {(s.permit_type.value, s.name): s.plan_review for s in SUBTYPES}


class AlreadyPaid(Exception):
    """Another payment paid some of these fees first."""


@dataclass(frozen=True)
class CartLine:
    fee_item_id: int
    permit_number: str
    description: str
    amount: Decimal


@dataclass(frozen=True)
class Receipt:
    reference: str
    gateway: str
    amount: Decimal
    status: str
    paid_at: datetime | None
    lines: tuple[CartLine, ...]
    issued: tuple[str, ...]


async def cart(account, only: list[int] | None = None) -> list[CartLine]:
    query = FeeItem.select(FeeItem.id, FeeItem.permit.number, FeeItem.description,
                           FeeItem.amount).where(
        (FeeItem.paid == False) & FeeItem.permit.is_in(  # noqa: E712
            Permit.select(Permit.id).where(acts_for(account) & Permit.status.not_in(
                # A withdrawn or voided permit's fees are not owed (web/staff/permit_status.py).
                [Status.CANCELLED.value, Status.VOID.value]))))
    if only is not None:
        query = query.where(FeeItem.id.is_in(only or [0]))
    rows = await query.order_by(FeeItem.permit).order_by(FeeItem.id)
    return [CartLine(r["id"], r["permit.number"], r["description"], cents(r["amount"]))
            for r in rows]


async def pay(account, fee_item_ids: list[int], idempotency_key: str, gateway: str,
              receipt_message, now: datetime, today: date) -> Accepted[str] | Rejected:
    """The counter gateway (the card was checked in the app): open and settle the payment in
    one transaction. Returns the payment reference; the same key returns the same one."""
    async def open_and_settle() -> str:
        async with write_transaction():
            payment_id, reference = await _open(account, fee_item_ids, idempotency_key,
                                                gateway, now, today)
            if not await _settle(payment_id, now, today, receipt_message):
                raise AlreadyPaid()
        return reference

    return await _guarded(idempotency_key, account, fee_item_ids, gateway, open_and_settle)


async def open_payment(account, fee_item_ids: list[int], idempotency_key: str, gateway: str,
                       now: datetime, today: date) -> Accepted[str] | Rejected:
    """A pending payment for a gateway that charges elsewhere (Stripe Checkout), by reference;
    it is settled when the gateway's signed webhook says it was paid."""
    async def opening() -> str:
        async with write_transaction():
            return (await _open(account, fee_item_ids, idempotency_key, gateway, now, today))[1]

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
        return Rejected({"cart": "Some of these fees were paid a moment ago. Nothing was "
                                 "charged; check your cart again."})
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
    made = await payment_keys.made_by(key, account.id)
    if made is None:
        return None
    payable = {line.fee_item_id for line in await cart(account, list(fee_item_ids))}
    asked = frozenset(payable | (set(fee_item_ids) & made.fee_item_ids))
    return key_reuse(made.fee_item_ids, made.gateway, asked, gateway) or Accepted(
        made.reference)


async def _open(account, fee_item_ids, idempotency_key, gateway, now, today) -> tuple[int, str]:
    await lock_rows("fee_item", "id", fee_item_ids)  # checkouts of the same fees take turns
    lines = await cart(account, fee_item_ids)
    if not lines or len(lines) != len(set(fee_item_ids)) or await _in_open_payment(
            fee_item_ids, now):
        raise AlreadyPaid()
    amount = sum((line.amount for line in lines), Decimal("0.00"))
    payment_id = (await Payment.insert(Payment(
        account=account.id, reference=f"pending-{uuid.uuid4().hex[:12]}", gateway=gateway,
        idempotency_key=payment_keys.scoped(idempotency_key, account.id), amount=amount, status="pending",
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


async def open_payment_of(account_id: int, fee_item_ids: list[int], now: datetime
                          ) -> tuple[str, str | None] | None:
    """(reference, Checkout Session id) of this account's own open payment for these fees."""
    row = await PaymentLine.select(PaymentLine.payment.reference,
                                   PaymentLine.payment.gateway_ref).where(
        PaymentLine.fee_item.is_in(list(fee_item_ids) or [0])
        & (PaymentLine.payment.status == "pending")
        & (PaymentLine.payment.account == account_id)
        & (PaymentLine.payment.created_at > now - PENDING_HOLDS)).first()
    return (row["payment.reference"], row["payment.gateway_ref"]) if row else None


async def payment_state(reference: str, account_id: int
                        ) -> tuple[str, str, str | None, str] | None:
    """(status, gateway, gateway_ref, idempotency key as stored) of one of this account's
    payments; the key, sent to the gateway, makes one session of one payment whichever form
    resumes it."""
    row = await Payment.select(Payment.status, Payment.gateway, Payment.gateway_ref,
                               Payment.idempotency_key).where(
        (Payment.reference == reference) & (Payment.account == account_id)).first()
    return (row["status"], row["gateway"], row["gateway_ref"], row["idempotency_key"]
            ) if row else None


async def expire_session(gateway_ref: str) -> None:
    """Stripe says the session expired unpaid: its fees are free for another checkout."""
    await Payment.update({Payment.status: "expired"}).where(
        (Payment.gateway_ref == gateway_ref) & (Payment.status == "pending"))


async def _settle(payment_id: int, now: datetime, today: date, receipt_message) -> bool:
    """Pending → paid exactly once: fees marked paid, the ledger charged, paid permits issued,
    the receipt queued. False (nothing changed) if the payment is not pending any more or a
    fee was paid by another payment first."""
    claimed = await Payment.update({Payment.status: "paid", Payment.paid_at: now}).where(
        (Payment.id == payment_id) & (Payment.status == "pending")
    ).returning(Payment.id)
    if not claimed:
        return False
    lines = await _lines_of(payment_id)
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
    # The events after the permits' locks (_issue_paid_permits): their references wait on
    # no one.
    issued, ids = await _issue_paid_permits({line.permit_number for line in lines}, now,
                                            today, payer)
    await record_all([event(
        "fees paid", at=now, actor=Actor(payer, WEB), permit_id=ids[number],
        after={"payment": payment["reference"], "fees": ", ".join(
            f"{line.description} {line.amount:.2f}" for line in lines
            if line.permit_number == number)})
        for number in sorted(ids)])
    await enqueue(receipt_message(payment["reference"], lines, amount, issued, payer), now)
    return True


async def _lines_of(payment_id: int) -> list[CartLine]:
    rows = await PaymentLine.select(
        PaymentLine.fee_item, PaymentLine.fee_item.permit.number,
        PaymentLine.fee_item.description, PaymentLine.amount,
    ).where(PaymentLine.payment == payment_id).order_by(PaymentLine.id)
    return [CartLine(r["fee_item"], r["fee_item.permit.number"], r["fee_item.description"],
                     cents(r["amount"])) for r in rows]


async def attach_gateway_ref(reference: str, gateway_ref: str) -> None:
    await Payment.update({Payment.gateway_ref: gateway_ref}).where(
        (Payment.reference == reference) & Payment.gateway_ref.is_null())


async def settle_by_gateway_ref(gateway_ref: str, now: datetime, today: date,
                                receipt_message, reference: str | None = None) -> str:
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
        async with write_transaction():
            settled = await _settle(row["id"], now, today, receipt_message)
    except AlreadyPaid:
        await Payment.update({Payment.status: "conflict"}).where(
            (Payment.id == row["id"]) & (Payment.status == "pending"))
        return "conflict"
    return "settled" if settled else "already"


async def _issue_paid_permits(numbers: set[str], now: datetime, today: date, by: str
                              ) -> tuple[list[str], dict[str, int]]:
    """Issue the paid permits among ``numbers``: two reads for all of them, then a write for
    each permit that changes (a cart may hold a hundred permits). The numbers issued, and the
    id of each permit by number."""
    numbers = sorted(numbers)
    if Permit._meta.db.engine_type == "postgres":
        # Two payments settling different fees of one permit at once: the second waits here,
        # then counts the first's fees as paid and issues the permit.
        await Permit.raw("SELECT id FROM permit WHERE number = ANY({}) ORDER BY number"
                         " FOR UPDATE", numbers)
    permits = await Permit.select(Permit.id, Permit.number, Permit.status, Permit.permit_type,
                                  Permit.subtype).where(Permit.number.is_in(numbers))
    unpaid = {row["permit"] for row in await FeeItem.select(FeeItem.permit).where(
        FeeItem.permit.is_in([p["id"] for p in permits]) & (FeeItem.paid == False))}  # noqa: E712
    issued = []
    for permit in sorted(permits, key=lambda p: p["number"]):
        target = status_after_payment(
            permit["status"], PLAN_REVIEW.get((permit["permit_type"], permit["subtype"]), True),
            permit["id"] not in unpaid)
        if target is None:
            continue
        changed = await Permit.update({
            Permit.status: target.value, Permit.issued_on: today,
            Permit.expires_on: expires_on(today), Permit.status_changed_at: now,
        }).where((Permit.id == permit["id"]) & (Permit.status == permit["status"])
                 ).returning(Permit.id)
        if not changed:
            continue
        await PermitStatusChange.insert(PermitStatusChange(
            permit=permit["id"], from_status=permit["status"], to_status=target.value,
            changed_at=now, changed_by=f"web: {by}", comment="Issued on payment of its fees."))
        await record("status changed", permit_id=permit["id"], at=now, actor=Actor(by, WEB),
                     before={"status": permit["status"]},
                     after={"status": target.value, "comment": "Issued on payment of its fees."})
        issued.append(permit["number"])
    return issued, {p["number"]: p["id"] for p in permits}


async def receipt(reference: str, account_id: int) -> Receipt | None:
    """A payment's receipt, for the account that paid it only."""
    payment = await Payment.select(
        Payment.id, Payment.reference, Payment.gateway, Payment.amount, Payment.status,
        Payment.paid_at).where((Payment.reference == reference)
                               & (Payment.account == account_id)).first()
    if payment is None:
        return None
    lines = tuple(await _lines_of(payment["id"]))
    issued = await PermitStatusChange.select(PermitStatusChange.permit.number).where(
        PermitStatusChange.permit.number.is_in(sorted({line.permit_number for line in lines}))
        & (PermitStatusChange.to_status == "Issued")
        & (PermitStatusChange.changed_at == payment["paid_at"]))
    return Receipt(payment["reference"], payment["gateway"],
                   cents(payment["amount"]), payment["status"], payment["paid_at"],
                   lines, tuple(sorted(r["permit.number"] for r in issued)))


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
