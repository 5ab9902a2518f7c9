"""Webhooks from payment gateways: authenticated by their signature, not by a session or CSRF."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from db.payments import checkout, gateway
from web.city_clock import now, today
from web.emails import mail_committed, notice_of
from web.stripe_checkout import session_event

MAX_PAYLOAD = 256 * 1024


async def stripe_webhook(request: Request):
    settings = request.app.state.settings
    if settings.payment_gateway != "stripe" or not settings.stripe_webhook_secret:
        return PlainTextResponse("not configured", status_code=404)
    payload = await request.body()
    if len(payload) > MAX_PAYLOAD:
        return PlainTextResponse("too large", status_code=413)
    try:
        event = session_event(payload, request.headers.get("stripe-signature"),
                              settings.stripe_webhook_secret)
    except ValueError:
        return PlainTextResponse("bad signature", status_code=400)
    if event is None:
        return PlainTextResponse("ignored")
    if event.kind == "expired":
        await gateway.expire_session(event.session_id)
        return PlainTextResponse("expired")
    # Retries and concurrent deliveries of one event settle the payment once ("already").
    outcome = await checkout.settle_by_gateway_ref(request.app.state.database, event.session_id,
                                                   now(request), today(request), notice_of(request),
                                                   reference=event.reference)
    if outcome == "settled":
        mail_committed(request)
    return PlainTextResponse(outcome)


routes = [Route("/webhooks/stripe", stripe_webhook, methods=["POST"], name="stripe_webhook")]
