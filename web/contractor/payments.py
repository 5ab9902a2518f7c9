"""The cart and checkout through the counter gateway (a clearly marked demo card form)."""
from __future__ import annotations

import uuid
from urllib.parse import urlencode

import stripe
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.payments import cart, checkout as paying, gateway as gateways, paid_fees, receipts
from domain.accounts import Role
from domain.numbers import id_or_none
from domain.outcomes import Rejected
from domain.payments import KeyReused, check_card
from domain.permits import PermitNumber
from web.access import require
from web.city_clock import now, today
from web.emails import mail_committed, notice_of
from web.forms import form_fields
from web.idempotency_headers import REUSED
from web.landing import form_post
from web.stripe_checkout import StripeCheckout
from web.templating import page

PAYERS = (Role.CONTRACTOR, Role.OWNER_BUILDER)
MAX_ITEMS = 500


def _by_permit(lines) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for line in lines:
        grouped.setdefault(line.permit_number, []).append(line)
    return grouped


async def cart_page(request: Request):
    account = require(request, *PAYERS)
    lines = await cart.cart(account)
    chosen = request.query_params.getlist("permit")
    return page(request, "payments/cart.html", permits=_by_permit(lines), chosen=chosen,
                   total=sum(line.amount for line in lines), errors={})


async def _chosen_lines(request: Request, account):
    """The form's fields, the fee items it lists (its key is bound to them), those of them
    the account may pay now, and where to go if none is unpaid any more: the checkout of the
    permits another tab or an earlier tap paid for, which says so."""
    # One hidden field per fee line: as many fields as a large cart has lines.
    fields, _ = await form_fields(request, max_fields=MAX_ITEMS + 20)
    form = await request.form()  # the repeated fields; single ones as form_fields read them
    ids = [found for v in form.getlist("fee_item")[:MAX_ITEMS]
           if (found := id_or_none(str(v))) is not None]
    lines = await cart.cart(account, ids) if ids else []
    paid = None
    if ids and not lines:
        taken = await paid_fees.payments_of_fees(account.id, fee_item_ids=ids)
        permits = sorted({number for found in taken.values() for number in found})
        paid = RedirectResponse(f"/checkout?{urlencode({'permit': permits}, doseq=True)}",
                                status_code=303) if permits else None
    return fields, ids, lines, paid


def _key_reused(request: Request, refused: KeyReused, lines):
    """422: the form's key made a payment of other fees or through another gateway. The cart
    again with why; never that payment's receipt."""
    response = page(request, "payments/cart.html", 422, permits=_by_permit(lines), chosen=[],
                    total=sum(line.amount for line in lines), errors=refused.errors)
    response.headers[REUSED] = "other-target"
    return response


async def checkout(request: Request):
    """The pay page of the permits chosen in the cart. Choosing changes nothing, so it is a GET
    page: a reload, a reopened tab or Back from the receipt shows it again, and once the fees
    are paid it says so instead of offering to pay twice (issue 14 §10)."""
    account = require(request, *PAYERS)
    numbers = request.query_params.getlist("permit")[:MAX_ITEMS]
    all_lines = await cart.cart(account)
    lines = [line for line in all_lines if line.permit_number in numbers]
    if not lines:
        # Back from the receipt, or paid in another tab: the permits chosen have nothing due.
        paid = [str(n) for n in map(PermitNumber.parse, numbers[:20]) if n is not None]
        errors = {} if paid else {"permits": "Choose at least one permit to pay for."}
        receipts = list(await paid_fees.payments_of_fees(account.id, permit_numbers=paid))
        return page(request, "payments/cart.html", 200 if paid else 422,
                    permits=_by_permit(all_lines), chosen=[], errors=errors,
                    total=sum(line.amount for line in all_lines), nothing_due=paid,
                    receipts=receipts[:3])
    return page(request, "payments/pay.html", lines=lines, total=sum(line.amount for line in lines),
                   key=uuid.uuid4().hex, errors={})


async def pay(request: Request):
    account = require(request, *PAYERS)
    if request.app.state.settings.payment_gateway != "counter":
        raise HTTPException(404)  # the demo card form exists only where the counter takes money
    form, asked, lines, paid = await _chosen_lines(request, account)
    key = str(form.get("idempotency_key", ""))[:64]
    done = await paying.replay(key, account, asked, "counter") if key else None
    if isinstance(done, KeyReused):
        return _key_reused(request, done, await cart.cart(account))
    if done:
        return RedirectResponse(f"/payments/{done.value}", status_code=303)
    if paid:
        return paid
    if not lines or len(key) < 16:
        raise HTTPException(400, "This payment form is incomplete. Go back to your cart.")
    card = check_card(str(form.get("card_number", "")), str(form.get("card_expiry", "")),
                      str(form.get("card_cvc", "")), today(request))
    if isinstance(card, Rejected):
        return page(request, "payments/pay.html", 422, lines=lines, key=key, errors=card.errors,
                       total=sum(line.amount for line in lines),
                       values={"card_expiry": form.get("card_expiry", "")})
    outcome = await paying.pay(request.app.state.database, account,
                               [line.fee_item_id for line in lines], key, "counter",
                               notice_of(request), now(request), today(request))
    if isinstance(outcome, Rejected):
        all_lines = await cart.cart(account)
        if isinstance(outcome, KeyReused):
            return _key_reused(request, outcome, all_lines)
        return page(request, "payments/cart.html", 409, permits=_by_permit(all_lines), chosen=[],
                       total=sum(line.amount for line in all_lines), errors=outcome.errors)
    mail_committed(request)
    return RedirectResponse(f"/payments/{outcome.value}", status_code=303)


async def pay_with_stripe(request: Request):
    account = require(request, *PAYERS)
    settings = request.app.state.settings
    if settings.payment_gateway != "stripe":
        raise HTTPException(404)
    form, asked, lines, paid = await _chosen_lines(request, account)
    key = str(form.get("idempotency_key", ""))[:64]
    ids = [line.fee_item_id for line in lines]
    # A second click, the back button, or another tab: go on with the payment already open.
    found = await paying.replay(key, account, asked, "stripe") if len(key) >= 16 else None
    if isinstance(found, KeyReused):
        return _key_reused(request, found, await cart.cart(account))
    reference = found.value if found else None
    if reference is None and ids:
        open_ = await gateways.open_payment_of(account.id, ids, now(request))
        reference = open_[0] if open_ else None
    if reference is None:
        if paid:
            return paid
        if len(key) < 16 or not lines:
            raise HTTPException(400, "This payment form is incomplete. Go back to your cart.")
        opened = await paying.open_payment(request.app.state.database, account, ids, key, "stripe",
                                           now(request), today(request))
        if isinstance(opened, KeyReused):
            return _key_reused(request, opened, await cart.cart(account))
        if isinstance(opened, Rejected):
            raise HTTPException(409, "These fees are already being paid, or were just paid. "
                                     "Check your cart again.")
        reference = opened.value
    return await _to_stripe(request, account, reference)


async def _to_stripe(request: Request, account, reference: str):
    """Send the payer to the open Checkout Session of ``reference``, creating it if needed;
    a payment that is no longer pending shows its receipt instead. Stripe's idempotency key
    is the payment's own: a form resuming it (another tab) never makes a second session."""
    status, gateway, session_id, key = await gateways.payment_state(reference, account.id)
    if status != "pending" or gateway != "stripe":
        return RedirectResponse(f"/payments/{reference}", status_code=303)
    settings = request.app.state.settings
    stripe_checkout = StripeCheckout(settings)
    try:
        if session_id:
            url = await stripe_checkout.open_url(session_id)
            return RedirectResponse(url or f"/payments/{reference}", status_code=303)
        pending = await receipts.receipt(reference, account.id)
        session = await stripe_checkout.create_session(
            reference, pending.lines, f"{settings.base_url}/payments/{reference}",
            f"{settings.base_url}/cart", idempotency_key=key)
    except stripe.StripeError as error:
        raise HTTPException(502, "Stripe could not be reached. Nothing was charged; try again "
                                 "in a moment.") from error
    await gateways.attach_gateway_ref(reference, session.id)
    return RedirectResponse(session.url, status_code=303)


routes = [
    Route("/cart", cart_page, name="cart"),
    Route("/checkout", checkout, name="checkout"),
    *form_post("/checkout/pay", pay, "checkout_pay", "cart"),
    *form_post("/checkout/stripe", pay_with_stripe, "checkout_stripe", "cart"),
]
