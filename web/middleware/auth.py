"""Who is signed in: piccolo_api's session backend under Starlette's pure-ASGI middleware."""
from __future__ import annotations

from piccolo_api.session_auth.middleware import SessionsAuthBackend
from starlette.authentication import AuthCredentials, UnauthenticatedUser
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import HTTPConnection
from starlette.responses import Response

from db.accounts.sign_in import RENEW_WITHIN
from db.tables import Account, AccountSession
from domain.accounts import Role, Verification, Viewer
from web.htmx import to_sign_in
from web.settings import Settings


def session_cookie_name(settings: Settings) -> str:
    # __Host- cookies must be Secure, host-only and Path=/: no subdomain can set or read them.
    return "__Host-session" if settings.secure_cookies else "session"


class SessionAuthentication:
    """Visitors without a session cookie skip the backend (and its cookie parsing): most
    requests are anonymous public pages, and the middleware stack is measured (bench/)."""

    def __init__(self, app, backend: SessionsAuthBackend, on_error, cookie: str) -> None:
        self.app = app
        self.marker = f"{cookie}=".encode()
        self.authenticated = AuthenticationMiddleware(app, backend=backend, on_error=on_error)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and not any(
                name == b"cookie" and self.marker in value for name, value in scope["headers"]):
            scope["user"] = ANONYMOUS
            scope["auth"] = AuthCredentials()
            await self.app(scope, receive, send)
            return
        await self.authenticated(scope, receive, send)


ANONYMOUS = UnauthenticatedUser()


def authentication(settings: Settings) -> Middleware:
    cookie = session_cookie_name(settings)

    def disabled_account(connection: HTTPConnection, error: Exception) -> Response:
        # piccolo_api refuses a session of a deactivated account; forget the cookie (with the
        # same attributes, or a browser keeps a __Host- cookie) and start again as a visitor.
        response = to_sign_in(connection, "/sign-in")
        clear_session_cookie(response, settings)
        return response

    backend = SessionsAuthBackend(
        auth_table=Account, session_table=AccountSession, cookie_name=cookie,
        admin_only=False, active_only=True, allow_unauthenticated=True,
        increase_expiry=RENEW_WITHIN)
    return Middleware(SessionAuthentication, backend=backend, on_error=disabled_account,
                      cookie=cookie)


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    response.set_cookie(session_cookie_name(settings), token, path="/", httponly=True,
                        samesite="lax", secure=settings.secure_cookies)


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(session_cookie_name(settings), path="/", httponly=True,
                           samesite="lax", secure=settings.secure_cookies)


def session_token(request: HTTPConnection) -> str | None:
    return request.cookies.get(session_cookie_name(request.app.state.settings))


def account_of(request: HTTPConnection) -> Account | None:
    user = request.scope.get("user")
    return user.user if user is not None and user.is_authenticated else None


def viewer_of(request: HTTPConnection) -> Viewer:
    account = account_of(request)
    if account is None:
        return Viewer()
    return Viewer(role=Role(account.role),
                  verified=account.verification == Verification.VERIFIED.value,
                  license_no=account.license_no, account_id=account.id)
