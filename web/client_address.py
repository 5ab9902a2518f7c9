"""The client's address as rate limits and lockouts count it (behind a proxy, uvicorn's
FORWARDED_ALLOW_IPS makes it the visitor's, not the proxy's)."""
from __future__ import annotations

from starlette.requests import HTTPConnection


def client_address(request: HTTPConnection) -> str:
    return request.client.host if request.client else "unknown"
