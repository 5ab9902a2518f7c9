"""A gateway's payment (Stripe Checkout): the session it opened, its state, its expiry."""
from __future__ import annotations

from datetime import datetime


from db.payments.checkout import PENDING_HOLDS
from db.tables import Payment, PaymentLine


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


async def attach_gateway_ref(reference: str, gateway_ref: str) -> None:
    await Payment.update({Payment.gateway_ref: gateway_ref}).where(
        (Payment.reference == reference) & Payment.gateway_ref.is_null())
