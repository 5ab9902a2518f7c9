"""A message after an action that no database row can vouch for (a signed-out browser told
its password was reset) is shown only to the browser that did it: the address carries a mark
keyed by that browser's CSRF cookie, so a crafted link shows nothing to anyone else."""
from __future__ import annotations

import hashlib
import hmac

from starlette.requests import Request


def mark(request: Request, what: str) -> str:
    """The value for ``?<what>=`` in the address the action redirects to."""
    return _mac(request.state.csrf.token, what)


def marked(request: Request, what: str) -> bool:
    sent, token = request.query_params.get(what, ""), request.state.csrf.existing
    return bool(sent and token) and hmac.compare_digest(sent, _mac(token, what))


def _mac(token: str, what: str) -> str:
    return hmac.new(token.encode(), what.encode(), hashlib.sha256).hexdigest()[:24]
