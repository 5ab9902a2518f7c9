"""E-mailed links: confirming an address and resetting a forgotten password.

Opening a link only shows a page; the button on it does the work. Mail scanners open links
to check them, and must not use up a single-use link before its owner does.
"""
from __future__ import annotations

import secrets

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts import accounts, email_links, passwords
from db.mail.outbox import Message
from db.rate_limits import key
from domain.accounts import check_email, normalize_email
from domain.outcomes import Rejected
from domain.passwords import JUST_CHANGED, check_new_password
from domain.rate_limits import LINKS_PER_ADDRESS, LINKS_PER_RECIPIENT
from domain.staff_accounts import FIRST_LINK_EXPIRED, first_password
from web.client_address import client_address
from web.emails import compose, link, mail_committed
from web.forms import common_passwords, form_of
from web.landing import form_post
from web.middleware.auth import clear_session_cookie
from web.notice_marks import mark
from web.templating import page


async def _send_link(request: Request, email: str, purpose: str) -> None:
    """Send a link if the account exists and neither its address nor the client has had too
    many lately (counted in the database: issue 14 §4); silently otherwise."""
    now = request.app.state.clock()
    account = await accounts.find_account(email)
    if account is None or not account.active:
        return
    if purpose == "verify" and account.email_verified:
        return
    token = secrets.token_urlsafe(32)
    if purpose == "verify":
        message = compose(request, "verify", email, "Confirm your e-mail address",
                          url=link(request, "verify_email", token=token))
    else:
        message = compose(request, "reset", email, "Reset your password",
                          url=link(request, "reset_password", token=token))
    limits = {key(f"{purpose} link", "recipient", email): LINKS_PER_RECIPIENT,
              key("e-mailed link", "address", client_address(request)): LINKS_PER_ADDRESS}
    if await email_links.issue_token(request.app.state.database, account.id, purpose, token,
                                     message, now, limits):
        mail_committed(request)


def colleague_notice(request: Request, account: accounts.AccountRecord) -> Message:
    """The e-mail to a verified colleague about a confirmed newcomer: a fixed subject, what
    they typed quoted in the body (issue 14 §4). Written before the confirmation's
    transaction, which fills in each colleague as its recipient (issue 15)."""
    applicant = {"name": account.name, "email": account.email, "phone": account.phone}
    return compose(request, "join_request", "",
                   f"A new account asks to join license {account.license_no}",
                   applicant=applicant, license_no=account.license_no,
                   url=link(request, "profile"))


async def verify_page(request: Request):
    token = request.path_params["token"]
    valid = await email_links.token_account(token, "verify", request.app.state.clock())
    return page(request, "account/verify.html", 200 if valid else 404, token=token,
                valid=bool(valid))


async def verify(request: Request):
    token = request.path_params["token"]
    now = request.app.state.clock()
    account_id = await email_links.token_account(token, "verify", now)
    account = await accounts.get_account(account_id) if account_id else None
    notice = colleague_notice(request, account) if account and account.license_no else None
    if await email_links.verify_email(request.app.state.database, token, now, notice) is None:
        if await email_links.used_token_account(token, "verify", now - JUST_CHANGED):
            return page(request, "account/verified.html")  # a second tap: it is confirmed
        return page(request, "account/verify.html", 404, token=token, valid=False)
    mail_committed(request)
    return page(request, "account/verified.html")


async def resend_verification(request: Request):
    email = normalize_email((await form_of(request)).get("email", ""))
    response = page(request, "account/link_sent.html", email=email, purpose="verify")
    if not check_email(email):
        response.background = BackgroundTask(_send_link, request, email, "verify")
    return response


async def forgot_page(request: Request):
    return page(request, "account/forgot.html", values={}, errors={})


async def forgot(request: Request):
    values = await form_of(request)
    email = values["email"] = normalize_email(values.get("email", ""))
    error = check_email(email)
    if error:
        return page(request, "account/forgot.html", 422, values=values, errors={"email": error})
    # The same answer, as fast, whether or not the address has an account: the link is
    # looked up and sent after the response.
    response = page(request, "account/link_sent.html", email=email, purpose="reset")
    response.background = BackgroundTask(_send_link, request, email, "reset")
    return response


async def _first(account_id: int | None) -> bool:
    """Whether the link sets the account's first password (domain/staff_accounts.py)."""
    account = await accounts.get_account(account_id) if account_id else None
    return account is not None and first_password(account.role, account.email_verified)


def _reset_page(request: Request, token: str, status_code: int, valid: bool, first: bool,
                errors: dict | None = None):
    return page(request, "account/reset.html", status_code, token=token, valid=valid,
                first=first, errors=errors or {}, first_expired=FIRST_LINK_EXPIRED)


async def reset_page(request: Request):
    token = request.path_params["token"]
    valid = await email_links.token_account(token, "reset", request.app.state.clock())
    first = await _first(valid or await email_links.link_owner(token, "reset"))
    return _reset_page(request, token, 200 if valid else 404, bool(valid), first)


async def reset(request: Request):
    token = request.path_params["token"]
    now = request.app.state.clock()
    account_id = await email_links.token_account(token, "reset", now)
    account = await accounts.get_account(account_id) if account_id else None
    typed = (await form_of(request)).get("password", "")
    if account is None and await _reset_just_now(token, typed, now):
        return _reset_done(request, False)
    if account is None:
        first = await _first(await email_links.link_owner(token, "reset"))
        return _reset_page(request, token, 404, False, first)
    first = first_password(account.role, account.email_verified)
    outcome = check_new_password(typed, email=account.email, common=common_passwords())
    if isinstance(outcome, Rejected):
        return _reset_page(request, token, 422, True, first, outcome.errors)
    new_hash = await passwords.hash_password(outcome.value)
    reset = await email_links.reset_password(request.app.state.database, token, new_hash, now)
    if reset is None and not await _reset_just_now(token, typed, now):
        return _reset_page(request, token, 404, False, first)
    return _reset_done(request, first)


async def _reset_just_now(token: str, typed: str, now) -> bool:
    """A second tap (or tab) of the reset form: its link was used moments ago to set the very
    password typed again. Anything else is a used link, as before."""
    used_by = await email_links.used_token_account(token, "reset", now - JUST_CHANGED)
    return used_by is not None and await passwords.password_is(used_by, typed)


def _reset_done(request: Request, first: bool) -> RedirectResponse:
    """To sign in, told (this browser only) that the password is set: a newcomer's first
    one, or a new one that signed every other session out."""
    said = "first" if first else "reset"
    response = RedirectResponse(request.url_for("sign_in_page").path
                                + f"?{said}={mark(request, said)}", 303)
    clear_session_cookie(response, request.app.state.settings)
    return response


routes = [
    Route("/account/verify/{token:secret}", verify_page, name="verify_email"),
    Route("/account/verify/{token:secret}", verify, methods=["POST"], name="verify_email_post"),
    *form_post("/account/verify", resend_verification, "resend_verification", "sign_in_page"),
    Route("/account/forgot-password", forgot_page, name="forgot_password"),
    Route("/account/forgot-password", forgot, methods=["POST"], name="forgot_password_post"),
    Route("/account/reset/{token:secret}", reset_page, name="reset_password"),
    Route("/account/reset/{token:secret}", reset, methods=["POST"], name="reset_password_post"),
]
