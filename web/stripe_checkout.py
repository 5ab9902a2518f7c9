"""The Stripe Checkout adapter: the one outbound call (create a session), kept small.

Built on the official ``stripe`` package with its async HTTPX client, so the event loop never
waits on Stripe. The webhook's signature is checked by ``stripe.Webhook.construct_event``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import stripe

from web.settings import Settings

# Stripe's events that mean a Checkout Session's money arrived, or that it never will.
PAID_EVENTS = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
EXPIRED_EVENTS = ("checkout.session.expired", "checkout.session.async_payment_failed")


@dataclass(frozen=True)
class SessionEvent:
    kind: str  # "paid" or "expired"
    session_id: str
    reference: str | None


@dataclass(frozen=True)
class Session:
    id: str
    url: str


class StripeCheckout:
    def __init__(self, settings: Settings) -> None:
        self.client = stripe.StripeClient(
            settings.stripe_secret_key, http_client=stripe.HTTPXClient(),
            **({"base_addresses": {"api": settings.stripe_api_base}}
               if settings.stripe_api_base else {}))

    async def create_session(self, reference: str, lines, success_url: str, cancel_url: str,
                             idempotency_key: str) -> Session:
        session = await self.client.v1.checkout.sessions.create_async(params={
            "mode": "payment", "client_reference_id": reference,
            "metadata": {"reference": reference},
            "success_url": success_url, "cancel_url": cancel_url,
            "line_items": [{"quantity": 1, "price_data": {
                "currency": "usd", "unit_amount": int(line.amount * 100),
                "product_data": {"name": f"{line.permit_number}: {line.description}"}}}
                for line in lines],
        }, options={"idempotency_key": idempotency_key})
        return Session(session.id, session.url)

    async def open_url(self, session_id: str) -> str | None:
        """Where to send the payer back to, if the session can still be paid."""
        session = await self.client.v1.checkout.sessions.retrieve_async(session_id)
        return session.url if session.status == "open" else None

    async def refund(self, session_id: str, idempotency_key: str) -> str:
        """Return a Checkout Session's money; the same key never refunds twice."""
        session = await self.client.v1.checkout.sessions.retrieve_async(session_id)
        refund = await self.client.v1.refunds.create_async(
            params={"payment_intent": session.payment_intent},
            options={"idempotency_key": idempotency_key})
        return refund.id


def session_event(payload: bytes, signature: str | None, secret: str) -> SessionEvent | None:
    """What a genuine webhook says of a Checkout Session; ValueError if the signature does
    not verify; None for events that change nothing here."""
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise ValueError(str(error)) from error
    if event["type"] not in PAID_EVENTS + EXPIRED_EVENTS:
        return None
    session = event["data"]["object"].to_dict()
    if not _token(session.get("id")):
        return None  # no Checkout Session of ours: Stripe's ids are "cs_" and letters
    reference = session.get("client_reference_id")
    reference = reference if _token(reference) else None
    if event["type"] in EXPIRED_EVENTS:
        return SessionEvent("expired", session["id"], reference)
    if session.get("payment_status") != "paid":
        return None
    return SessionEvent("paid", session["id"], reference)


# An id as Stripe and this app write them: "cs_test_a1…", "PAY2026-000042".
_TOKEN = re.compile(r"[A-Za-z0-9_\-]{1,255}", re.ASCII)


def _token(value) -> bool:
    """An id as Stripe and this app write them (a signed payload may still carry anything,
    which the database must not be asked about: PostgreSQL refuses a NUL in text)."""
    return isinstance(value, str) and bool(_TOKEN.fullmatch(value))

