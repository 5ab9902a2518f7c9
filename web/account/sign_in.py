"""Signing in and out: lockouts per account and per address, sessions, no account probing."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts import sign_in as signing_in
from domain.accounts import check_email, normalize_email
from domain.redirects import local_target
from web.account.password_guesses import counted_guess
from web.city_clock import now
from web.client_address import client_address
from web.forms import form_of
from web.htmx import full_page_load
from web.landing import form_post
from web.middleware.auth import account_of, clear_session_cookie, session_token, set_session_cookie
from web.notice_marks import marked
from web.templating import page
from web.too_many import too_many

WRONG = "The e-mail address or password is not right."


def _page(request: Request, values: dict, errors: dict, status_code: int = 200, **extra):
    next_path = local_target(values.get("next") or request.query_params.get("next"))
    return page(request, "account/sign_in.html", status_code, values=values, errors=errors,
                next=next_path, **extra)


async def sign_in_page(request: Request):
    if account_of(request) is not None:
        return RedirectResponse(local_target(request.query_params.get("next")), 303)
    return _page(request, {}, {}, reset=marked(request, "reset"),
                 first=marked(request, "first"))


async def sign_in(request: Request):
    values = await form_of(request)
    email = values["email"] = normalize_email(values.get("email", ""))
    errors = {"email": check_email(email)} if check_email(email) else {}
    if not values.get("password"):
        errors["password"] = "Enter your password."
    if errors:
        return _page(request, values, errors, 422)
    attempt, refusal = await counted_guess(request, email)
    if refusal:
        return too_many(_page(request, values, {"email": refusal}, 429), refusal)
    account = await signing_in.check_password(email, values["password"])
    database = request.app.state.database
    if account is None:
        await signing_in.note_refused(database, email, client_address(request), now(request))
        return _page(request, values, {"password": WRONG}, 401)  # the attempt stays counted
    await signing_in.forget_attempt(attempt)
    if not account.email_verified:
        return _page(request, values, {}, 403, unverified=True)
    await signing_in.clear_failures(f"account:{email}")
    old = session_token(request)
    if old:
        await signing_in.end_session(old)  # a fresh token on every sign-in (session fixation)
    # A full page load after signing in: the header changes, and an inspector going back to the
    # route gets its offline scripts (a boosted swap would not run them).
    response = full_page_load(request, local_target(values.get("next")))
    set_session_cookie(response, await signing_in.start_session(account.id),
                       request.app.state.settings)
    await signing_in.note_sign_in(database, account.id, account.email, now(request))
    return response


async def sign_out(request: Request):
    token = session_token(request)
    if token:
        await signing_in.end_session(token)
    # A full page load, as after signing in: the page drops what inspector mode saved on the
    # phone (static/js/permitline.js), and no signed-in attribute outlives the session.
    response = full_page_load(request, "/")
    clear_session_cookie(response, request.app.state.settings)
    return response


routes = [
    Route("/sign-in", sign_in_page, name="sign_in_page"),
    Route("/sign-in", sign_in, methods=["POST"], name="sign_in"),
    *form_post("/sign-out", sign_out, "sign_out", "home"),
]
