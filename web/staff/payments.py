"""Staff view of one payment with its ledger, and voiding or refunding it."""
from __future__ import annotations

import stripe
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.payments import receipts, reversals as payment_reversals
from domain.accounts import Role
from domain.outcomes import Rejected
from domain.payment_reversals import staff_notice
from domain.payments import (
    GATEWAY_WORDS, LEDGER_WORDS, REVERSAL_KINDS, REVERSAL_REASON_LIMIT, STATUS_WORDS,
    reversal_refused, reversals
)
from domain.typed_text import as_written
from web.access import require
from web.city_clock import now
from web.emails import mail_committed, notice_of
from web.forms import form_of
from web.landing import form_post
from web.stripe_checkout import StripeCheckout
from web.templating import page


async def _page(request: Request, reference: str, errors: dict, status_code: int = 200,
                typed: str = ""):
    view = await receipts.staff_view(reference)
    if view is None:
        raise HTTPException(404)
    # After a void or refund (?done) the page says what was done, as the database has it.
    done = request.query_params.get("done") and await payment_reversals.reversal_of(
        reference, request.app.state.zone)
    return page(request, "staff/payment.html", status_code, view=view, errors=errors,
                words={"ledger": LEDGER_WORDS, "status": STATUS_WORDS,
                       "gateway": GATEWAY_WORDS},
                reversals=reversals(view.receipt.gateway, view.receipt.status), typed=typed,
                notice=staff_notice(done) if done else None)


async def find_payment(request: Request):
    """Staff look a payment up by the receipt number the payer reads out."""
    require(request, Role.STAFF)
    wanted = request.query_params.get("reference", "").strip().upper()
    if wanted and await receipts.staff_view(wanted) is not None:
        return RedirectResponse(f"/staff/payments/{wanted}", status_code=303)
    errors = {"reference": f"No payment has the receipt number {wanted}."} if wanted else {}
    return page(request, "staff/find_payment.html", 404 if wanted else 200, errors=errors,
                wanted=wanted)


async def payment_page(request: Request):
    require(request, Role.STAFF)
    return await _page(request, request.path_params["reference"], {})


async def reverse(request: Request):
    """Checked against the same rule as the buttons (domain.payments.reversals), before Stripe
    is asked for anything; the conditional update in db.payments.reversals.reverse decides at
    the end."""
    account = require(request, Role.STAFF)
    form = await form_of(request)
    kind = form.get("kind", "")
    reference = request.path_params["reference"]
    reason = " ".join(as_written(form.get("reason", "")).split())
    view = await receipts.staff_view(reference)
    if view is None:
        raise HTTPException(404)
    if kind not in REVERSAL_KINDS:
        return await _page(request, reference, {"payment": "Choose to void or to refund the "
                                                           "payment."}, 422, reason)
    gateway = view.receipt.gateway
    if view.receipt.status == DONE_AS[kind]:  # a second tap: the first one did it
        return RedirectResponse(f"/staff/payments/{reference}?done={kind}", status_code=303)
    if refused := reversal_refused(kind, gateway, view.receipt.status):
        return await _page(request, reference, {"payment": refused}, 409, reason)
    if not reason or len(reason) > REVERSAL_REASON_LIMIT:
        return await _page(request, reference, {"reason": (
            f"Give the reason for the {kind}." if not reason else
            f"Give the reason in at most {REVERSAL_REASON_LIMIT} characters.")}, 422, reason)
    if gateway == "stripe" and kind == "refund":
        try:
            refund_id = await StripeCheckout(request.app.state.settings).refund(
                view.gateway_ref, idempotency_key=f"refund-{reference}")
        except stripe.StripeError as error:
            return await _page(request, reference, {"payment": f"Stripe refused the refund: "
                                                               f"{error.user_message or error}"},
                               502, reason)
        reason = f"{reason} (Stripe refund {refund_id})"
    outcome = await payment_reversals.reverse(request.app.state.database, reference, kind,
                                              account.email, reason, now(request),
                                              notice_of(request), request.app.state.zone,
                                              gateway=gateway)
    if isinstance(outcome, Rejected):
        return await _page(request, reference, outcome.errors, 409)
    mail_committed(request)
    return RedirectResponse(f"/staff/payments/{reference}?done={kind}", status_code=303)


# What a payment's status reads once a reversal is done.
DONE_AS = {"void": "voided", "refund": "refunded"}


routes = [
    Route("/staff/payments", find_payment, name="staff_find_payment"),
    Route("/staff/payments/{reference:str}", payment_page, name="staff_payment"),
    *form_post("/staff/payments/{reference:str}/reverse", reverse, "staff_payment_reverse",
               "staff_payment"),
]
