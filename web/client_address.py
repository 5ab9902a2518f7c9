"""The client's address as rate limits and lockouts count it (behind a proxy, uvicorn's
FORWARDED_ALLOW_IPS makes it the visitor's, not the proxy's): every key made of a client's
address is made here, so an IPv6 client counts as its /64 everywhere."""
from __future__ import annotations

from starlette.requests import HTTPConnection

from domain.rate_limits import address_key


def client_address(request: HTTPConnection) -> str:
    return address_key(request.client.host) if request.client else "unknown"
