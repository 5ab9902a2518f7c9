"""The signed-in account's profile (license, classes, standing) and password change."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db import accounts
from db.licenses import find_license
from db.parcels import parcel_choice
from domain.licenses import standing
from domain.outcomes import Rejected
from domain.passwords import check_new_password
from web.access import require
from web.city_clock import today
from web.auth import set_session_cookie
from web.forms import common_passwords, form_of


def _render(request: Request, template: str, status_code: int = 200, **context):
    return request.app.state.templates.TemplateResponse(
        request, f"account/{template}.html", context, status_code=status_code)


async def profile(request: Request):
    account = require(request)
    license = await find_license(account.license_no) if account.license_no else None
    return _render(
        request, "profile", account=account, license=license,
        standing=standing(license, today(request)) if license else None,
        parcel=await parcel_choice(account.parcel) if account.parcel else None,
        changed=request.query_params.get("changed"))


async def password_page(request: Request):
    require(request)
    return _render(request, "password", errors={})


async def change_password(request: Request):
    account = require(request)
    values = await form_of(request)
    errors = {}
    if not await accounts.password_is(account.id, values.get("current", "")):
        errors["current"] = "Your current password is not right."
    outcome = check_new_password(values.get("password", ""), email=account.email,
                                 common=common_passwords())
    if isinstance(outcome, Rejected):
        errors.update(outcome.errors)
    if errors:
        return _render(request, "password", 422, errors=errors)
    await accounts.change_password(account.id, await accounts.hash_password(outcome.value),
                                   request.app.state.clock())
    # Every session was revoked with the old password; this browser gets a new one.
    response = RedirectResponse(request.url_for("profile").path + "?changed=1", 303)
    set_session_cookie(response, await accounts.start_session(account.id),
                       request.app.state.settings)
    return response


routes = [
    Route("/account", profile, name="profile"),
    Route("/account/password", password_page, methods=["GET"], name="password"),
    Route("/account/password", change_password, methods=["POST"], name="password_post"),
]
