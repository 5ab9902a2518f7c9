"""Who acts in a request, and through which channel, for the audit trail (db/audit/trail.py)."""
from __future__ import annotations

from starlette.requests import HTTPConnection

from db.audit.trail import NOBODY, OFFLINE, PHONE, STAFF, SYSTEM, WEB, Actor, acting_as
from domain.accounts import Role
from web.middleware.auth import account_of

# The service worker marks a result it sends after the page stopped waiting for it, i.e. one
# that was entered without a connection and synced later (static/js/result_sync.js, answerOf;
# the header keeps its name from when the result queue was the outbox: older workers send it).
DEFERRED = b"outbox-deferred"


def actor_of(scope) -> Actor:
    account = account_of(HTTPConnection(scope))
    if scope["path"].startswith("/ivr/"):
        return Actor("phone line", PHONE)  # web/phone_line/steps.py names the account once the PIN is right
    if scope["path"].startswith("/webhooks/"):
        return Actor("payment gateway", SYSTEM)  # db/payments/checkout.py names the payer
    if account is None:
        return Actor("anonymous", WEB) if scope["method"] != "GET" else NOBODY
    if (account.role == Role.INSPECTOR.value and scope["path"].endswith("/result")
            and any(name == DEFERRED for name, _ in scope["headers"])):
        return Actor(account.email, OFFLINE)
    return Actor(account.email, STAFF if account.role == Role.STAFF.value else WEB)


class AuditActor:
    """Sets the actor for the request; runs inside the authentication middleware."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with acting_as(actor_of(scope)):
            await self.app(scope, receive, send)
