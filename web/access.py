"""Authorization on the server: who may use a route, and what happens when they may not."""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from db.tables import Account
from domain.accounts import Role
from domain.error_pages import wrong_role
from domain.redirects import DASHBOARD, local_target
from web.htmx import from_htmx, to_sign_in
from web.middleware.auth import account_of


class SignInRequired(Exception):
    """Raised by a route that needs a signed-in account."""


def require(request: Request, *roles: Role) -> Account:
    """The signed-in account, if it has one of ``roles`` (any role when none are given)."""
    account = account_of(request)
    if account is None:
        raise SignInRequired()
    if roles and Role(account.role) not in roles:
        raise HTTPException(403, wrong_role(roles, Role(account.role)))
    return account


def require_supervisor(request: Request, refusal: str) -> Account:
    """A signed-in staff account with the supervisor flag; 403 with ``refusal`` otherwise."""
    account = require(request, Role.STAFF)
    if not account.supervisor:
        raise HTTPException(403, refusal)
    return account


async def sign_in_required(request: Request, exc: SignInRequired) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = "/sign-in?" + urlencode(
        {"next": local_target(target) if request.method == "GET" else DASHBOARD})
    if not from_htmx(request) and "text/html" not in request.headers.get("accept", "text/html"):
        return Response(status_code=401)  # a script or feed reader: no page to follow
    return to_sign_in(request, location)
