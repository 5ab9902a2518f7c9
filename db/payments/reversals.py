"""Staff void or refund a payment: the ledger balanced, its fees unpaid again, the permits it
issued waiting for their fees again (domain/payment_reversals.py), its payer e-mailed — in one
transaction."""
from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal

from db.audit.trail import event, record, record_all
from db.database import Database
from db.lifecycle.expiry import cancel_inspections_of
from db.mail.outbox import Message, enqueue
from db.payments.issuing import PLAN_REVIEW
from db.payments.receipts import receipt
from db.reader import as_datetime
from db.tables import FeeItem, LedgerEntry, Payment, PaymentLine, Permit, PermitStatusChange
from domain.audit_actions import REVERSAL_ACTIONS, STATUS_CHANGED
from domain.audit_subjects import payment_subject
from domain.inspection_changes import PAYMENT_REVERSED
from domain.money import cents
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.payment_reversals import (
    REVERSED, TAKEN_AFTER_PAID, Reversal, reversal_notice, status_after_reversal, unissued_comment
)
from domain.payments import STRIPE_REFUNDS_ONLY, not_paid_any_more
from domain.permits import Status


async def reverse(database: Database, reference: str, kind: str, by: str, note: str, now: datetime,
                  notice: NoticeContext, zone: tzinfo, gateway: str = "counter"
                  ) -> Accepted[str] | Rejected:
    """Staff void (recorded in error) or refund (money returned) of a paid payment: one
    ledger entry of minus the amount, its fees unpaid again and the permits it issued no
    longer issued, in one transaction. A Stripe payment is refunded only (the caller has had
    Stripe return the money first)."""
    status = REVERSED[kind]
    if gateway == "stripe" and kind != "refund":
        return Rejected({"payment": STRIPE_REFUNDS_ONLY})
    async with database.transaction():
        conflict = await Payment.update({Payment.status: status}).where(
            (Payment.reference == reference) & (Payment.status == "conflict")
            & (Payment.gateway == gateway)
        ).returning(Payment.id, Payment.amount) if kind == "refund" else []
        if conflict:
            # Stripe took the money but the fees had been paid another way: the charge enters
            # the ledger with its refund, and the fees stay with the payment that paid them.
            payment_id, amount = conflict[0]["id"], cents(conflict[0]["amount"])
            await LedgerEntry.insert(
                LedgerEntry(payment=payment_id, kind="charge", amount=amount, at=now, by=by,
                            note=TAKEN_AFTER_PAID),
                LedgerEntry(payment=payment_id, kind=kind, amount=-amount, at=now, by=by,
                            note=note))
            await _record_reversal(payment_id, reference, "conflict", status, amount, note, now)
            await _tell_payer(payment_id, reference, notice, now, zone)
            return Accepted(status)
        claimed = await Payment.update({Payment.status: status}).where(
            (Payment.reference == reference) & (Payment.status == "paid")
            & (Payment.gateway == gateway)).returning(Payment.id, Payment.amount)
        if not claimed:
            return Rejected({"payment": not_paid_any_more(gateway)})
        payment_id, amount = claimed[0]["id"], cents(claimed[0]["amount"])
        await LedgerEntry.insert(LedgerEntry(payment=payment_id, kind=kind, amount=-amount,
                                             at=now, by=by, note=note))
        await _record_reversal(payment_id, reference, "paid", status, amount, note, now)
        items = PaymentLine.select(PaymentLine.fee_item).where(PaymentLine.payment == payment_id)
        await FeeItem.update({FeeItem.paid: False}).where(FeeItem.id.is_in(items))
        await _unissue(database, reference, status, by, now, notice)
        await _tell_payer(payment_id, reference, notice, now, zone)
    return Accepted(status)


async def _unissue(database: Database, reference: str, status: str, by: str, now: datetime,
                   notice: NoticeContext) -> None:
    """The permits this payment issued wait for their fees again (domain rule), their issue
    and expiry dates cleared and their scheduled inspections cancelled."""
    payer = await Payment.select(Payment.account).where(Payment.reference == reference).first()
    issued = (await receipt(reference, payer["account"])).issued
    await database.lock_rows("permit", "number", list(issued))
    permits = await Permit.select(Permit.id, Permit.number, Permit.status, Permit.permit_type,
                                  Permit.subtype).where(Permit.number.is_in(list(issued) or [""]))
    comment = unissued_comment(reference, status)
    for permit in sorted(permits, key=lambda p: p["number"]):
        target = status_after_reversal(permit["status"], PLAN_REVIEW.get(
            (permit["permit_type"], permit["subtype"]), True))
        if target is None:
            continue
        await Permit.update({Permit.status: target.value, Permit.issued_on: None,
                             Permit.expires_on: None, Permit.status_changed_at: now}).where(
            Permit.id == permit["id"])
        await PermitStatusChange.insert(PermitStatusChange(
            permit=permit["id"], from_status=permit["status"], to_status=target.value,
            changed_at=now, changed_by=by, comment=comment))
        await record(STATUS_CHANGED, permit_id=permit["id"], at=now,
                     before={"status": permit["status"]},
                     after={"status": target.value, "comment": comment})
        await cancel_inspections_of(permit["number"], now, notice,
                                    why=PAYMENT_REVERSED[status])


async def _tell_payer(payment_id: int, reference: str, notice: NoticeContext, now: datetime,
                      zone: tzinfo) -> None:
    payer = await Payment.select(Payment.account.email).where(Payment.id == payment_id).first()
    subject, body = reversal_notice(await reversal_of(reference, zone), notice)
    await enqueue(Message(payer["account.email"], subject, body), now)


async def reversal_of(reference: str, zone: tzinfo) -> Reversal | None:
    """The void or refund of a payment, as recorded: its ledger entry and the permits it took
    out of Issued at that moment; None when the payment was not reversed."""
    entries = await LedgerEntry.select(
        LedgerEntry.kind, LedgerEntry.amount, LedgerEntry.at, LedgerEntry.payment,
    ).where(LedgerEntry.payment.reference == reference).order_by(LedgerEntry.id)
    entry = next((e for e in entries if e["kind"] in REVERSED), None)
    if entry is None:
        return None
    at = as_datetime(entry["at"])
    # A conflict's charge enters the ledger with its refund (reverse): its fees stay paid.
    conflict = any(e["kind"] == "charge" and as_datetime(e["at"]) == at for e in entries)
    permits = PaymentLine.select(PaymentLine.fee_item.permit).where(
        PaymentLine.payment == entry["payment"])
    unissued = await PermitStatusChange.select(PermitStatusChange.permit.number).where(
        PermitStatusChange.permit.is_in(permits) & (PermitStatusChange.changed_at == at)
        & (PermitStatusChange.from_status == Status.ISSUED.value))
    return Reversal(reference, REVERSED[entry["kind"]], -cents(entry["amount"]),
                    at.astimezone(zone).date(),
                    tuple(sorted({r["permit.number"] for r in unissued})), not conflict)


async def _record_reversal(payment_id: int, reference: str, before: str, status: str,
                           amount: Decimal, note: str, now: datetime) -> None:
    """One event on each permit the payment paid fees of (their History tab shows it)."""
    permits = {r["fee_item.permit"] for r in await PaymentLine.select(
        PaymentLine.fee_item.permit).where(PaymentLine.payment == payment_id)}
    await record_all([event(
        REVERSAL_ACTIONS[status], permit_id=permit_id, subject=payment_subject(reference), at=now,
        before={"status": before},
        after={"status": status, "amount": f"{amount:.2f}", "note": note})
        for permit_id in sorted(permits) or [None]])
