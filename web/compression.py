"""Gzip for responses, letting Starlette's template debug message reach the test client.

Starlette's GZipMiddleware drops ``http.response.debug`` messages, and with them the
``response.template``/``response.context`` that tests assert on (DESIGN §5); this wrapper
sends those messages around the compressor. Level 6 costs far less CPU than the default 9 for
nearly the same size.
"""
from __future__ import annotations

from contextvars import ContextVar

from starlette.middleware.gzip import GZipMiddleware

_outer_send: ContextVar = ContextVar("outer_send")


class Compression:
    def __init__(self, app, minimum_size: int = 500, compresslevel: int = 6) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size, compresslevel)
        self.gzip_with_debug = GZipMiddleware(self._forward_debug, minimum_size, compresslevel)

    async def __call__(self, scope, receive, send) -> None:
        if "http.response.debug" not in (scope.get("extensions") or ()):
            await self.gzip(scope, receive, send)
            return
        token = _outer_send.set(send)
        try:
            await self.gzip_with_debug(scope, receive, send)
        finally:
            _outer_send.reset(token)

    async def _forward_debug(self, scope, receive, send) -> None:
        outer = _outer_send.get()

        async def route(message) -> None:
            await (outer if message["type"] == "http.response.debug" else send)(message)

        await self.app(scope, receive, route)
