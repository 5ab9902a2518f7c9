"""Changing the e-mail address: asked with the password, proved at the new address by a link.

The old address is told at once and the account keeps it until the link is opened; opening the
link only shows a page (mail scanners open links), its button makes the change.
"""
from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts import accounts, profile_changes
from db.rate_limits import RateLimited, key
from domain.email_changes import ANOTHER_ACCOUNT, LINK_HOURS, TAKEN, masked, read_new_email
from domain.error_pages import try_again
from domain.outcomes import Rejected
from domain.passwords import JUST_CHANGED
from domain.rate_limits import LINKS_PER_ADDRESS, LINKS_PER_RECIPIENT
from web.access import require
from web.account.details import OWN_DETAILS
from web.account.password_guesses import current_password
from web.city_clock import now
from web.client_address import client_address
from web.emails import compose, link, mail_committed, notice_of
from web.forms import form_of
from web.landing import form_post
from web.middleware.auth import account_of, session_token
from web.templating import page
from web.too_many import refusal, too_many


async def email_page(request: Request):
    return _form(request, require(request, *OWN_DETAILS), 200, {}, {})


def _form(request: Request, account, status_code: int, values: dict, errors: dict):
    return page(request, "account/email.html", status_code, values=values, errors=errors,
                current=account.email)


def _link_page(request: Request, state: str, status_code: int = 200, **context):
    return page(request, "account/email_change.html", status_code, state=state,
                hours=LINK_HOURS, **context)


async def ask_change(request: Request):
    account = require(request, *OWN_DETAILS)
    form = await form_of(request)
    values = {"email": form.get("email", "")}  # as typed, to be mended (never the password)
    outcome = read_new_email(values["email"], account.email)
    errors, refused, _ = await current_password(request, account, form.get("current", ""))
    errors = {**(outcome.errors if isinstance(outcome, Rejected) else {}), **errors}
    if refused:
        return too_many(_form(request, account, 429, values, errors), refused)
    if not errors and await accounts.email_in_use(outcome.value):
        errors = {"email": TAKEN}  # asked only of someone who knows the password
    if errors:
        return _form(request, account, 422, values, errors)
    new_email, at = outcome.value, now(request)
    token = secrets.token_urlsafe(32)
    try:
        asked = await profile_changes.ask_change(
            request.app.state.database, account.id, new_email, token,
            _messages(request, account.email, new_email, token), at,
            _limits(request, account.id, new_email))
    except RateLimited as limited:
        said = refusal(try_again("e-mail changes asked for", limited.until, at), limited.until, at)
        return too_many(_form(request, account, 429, values, {"email": said}), said)
    if not asked:
        return _form(request, account, 422, values, {"email": TAKEN})
    mail_committed(request)
    return _to_profile(request)


def _messages(request: Request, old_email: str, new_email: str, token: str):
    """The link, to the new address; to the old one, that a change was asked and how to stop
    it (the new address masked)."""
    return (compose(request, "email_change", new_email, "Confirm your new e-mail address",
                    url=link(request, "email_change_link", token=token), hours=LINK_HOURS),
            compose(request, "email_change_asked", old_email,
                    "A change of your e-mail address was asked for",
                    new_email=masked(new_email), url=link(request, "profile"),
                    hours=LINK_HOURS))


def _limits(request: Request, account_id: int, new_email: str) -> dict:
    """Links to one new address, and notices to the old one, as few as confirmation links;
    per client address they count with every other e-mailed link."""
    return {key("e-mail change", "recipient", new_email): LINKS_PER_RECIPIENT,
            key("e-mail change", "account", str(account_id)): LINKS_PER_RECIPIENT,
            key("e-mailed link", "address", client_address(request)): LINKS_PER_ADDRESS}


def _to_profile(request: Request) -> RedirectResponse:
    return RedirectResponse(request.url_for("profile").path, status_code=303)


async def cancel_change(request: Request):
    account = require(request, *OWN_DETAILS)
    await profile_changes.cancel_change(request.app.state.database, account.id, now(request))
    # The account page says it is cancelled from the audit trail: a second tap lands on the
    # first one's message, and nothing cancelled says nothing.
    return RedirectResponse(request.url_for("profile").path + "?email=cancelled",
                            status_code=303)


async def _done(token: str, request: Request) -> str | None:
    return await profile_changes.changed_by(token, now(request) - JUST_CHANGED)


def _another_account(request: Request):
    return _link_page(request, "another", 409, error=ANOTHER_ACCOUNT)


async def link_page(request: Request):
    token = request.path_params["token"]
    signed_in = account_of(request)
    found = await profile_changes.link_change(token, now(request))
    if found is not None:
        if signed_in is not None and signed_in.id != found.account_id:
            return _another_account(request)
        return _link_page(request, "ask", token=token, new_email=found.new_email)
    done = await _done(token, request)
    if done is not None:
        # "Back to your account" only to the account it changed (now signed in with ``done``).
        return _link_page(request, "done", new_email=done,
                          signed_in=signed_in is not None and signed_in.email == done)
    return _link_page(request, "invalid", 404)


async def change(request: Request):
    token = request.path_params["token"]
    signed_in = account_of(request)
    outcome = await profile_changes.change_email(
        request.app.state.database, token, now(request), request.app.state.zone,
        notice_of(request), session_token(request), signed_in.id if signed_in else None)
    if isinstance(outcome, Rejected) and "account" in outcome.errors:
        return _another_account(request)
    if isinstance(outcome, Rejected):
        # The link still works: the page says why not now, and how to go on.
        return _link_page(request, "taken", 409, error=outcome.errors["email"])
    if outcome is None and await _done(token, request) is None:
        return _link_page(request, "invalid", 404)
    if outcome is not None:
        mail_committed(request)  # the old address's notice
    # Done now, or a moment ago by a second tap or tab: the link's page says it is done.
    return RedirectResponse(request.url_for("email_change_link", token=token).path,
                            status_code=303)


routes = [
    Route("/account/email", email_page, name="email_change"),
    Route("/account/email", ask_change, methods=["POST"], name="email_change_post"),
    *form_post("/account/email/cancel", cancel_change, "email_change_cancel", "profile"),
    Route("/account/email-change/{token:secret}", link_page, name="email_change_link"),
    Route("/account/email-change/{token:secret}", change, methods=["POST"],
          name="email_change_link_post"),
]
