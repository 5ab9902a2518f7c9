"""Pure-ASGI middleware adding security headers, the default ``Cache-Control`` of personal
pages, ``no-store`` where a response must never be kept, and the app's ``Server-Timing``.

Pure ASGI rather than BaseHTTPMiddleware: one BaseHTTPMiddleware layer cut throughput by
78% on this machine (DESIGN §4b). Server-Timing lets bench/ separate server latency from
client and queueing time, and browsers show it in their developer tools.
"""
from __future__ import annotations

import time

from web.url_convertors import SecretConvertor

CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'; img-src 'self' data:"
)

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(self)"),
]
# Two years, this host and the ones under it: browsers never try plain http again, so a
# network that strips TLS on the first request of a visit gets nothing (OWASP HSTS sheet).
HSTS = (b"strict-transport-security", b"max-age=63072000; includeSubDomains")
NO_STORE = (b"cache-control", b"no-store")


def never_stored(scope, headers: list[tuple[bytes, bytes]]) -> bool:
    """A response no cache may keep, whatever caching it chose: one that sets a cookie (a
    shared cache would hand the cookie to the next visitor) and one at a secret URL (an
    e-mailed link's page, a calendar feed: the token is the key, and a stored copy outlives
    the link's use or replacement)."""
    if any(name == b"set-cookie" for name, _ in headers):
        return True
    convertors = getattr(scope.get("route"), "param_convertors", {})
    return any(isinstance(c, SecretConvertor) for c in convertors.values())


class ResponseHeaders:
    def __init__(self, app, https: bool = False) -> None:
        self.app = app
        # Only when the public address is https: on http it would be ignored, and on
        # a developer's http://127.0.0.1 it must never be remembered.
        self.headers = [*SECURITY_HEADERS, HSTS] if https else SECURITY_HEADERS

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                elapsed_ms = (time.perf_counter() - started) * 1000
                headers = [
                    *message.get("headers", []), *self.headers,
                    (b"server-timing", f"app;dur={elapsed_ms:.3f}".encode()),
                ]
                user = scope.get("user")
                if never_stored(scope, headers):
                    headers = [h for h in headers if h[0] != b"cache-control"] + [NO_STORE]
                elif (user is not None and user.is_authenticated
                        and not any(name == b"cache-control" for name, _ in headers)):
                    # A signed-in page must not come back from a cache after sign-out; a
                    # response that chose its own caching keeps it, alone (issue 14 §9:
                    # static files were both `immutable` and `no-store` for signed-in users).
                    headers.append(NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
