"""Pure-ASGI middleware reporting each response's time inside the app as ``Server-Timing``.

The benchmarks in bench/ read it to separate server latency from client and queueing time;
browsers show it in their developer tools.
"""
from __future__ import annotations

import time


class ServerTiming:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_timing(message) -> None:
            if message["type"] == "http.response.start":
                elapsed_ms = (time.perf_counter() - started) * 1000
                message["headers"] = [*message.get("headers", []),
                                      (b"server-timing", f"app;dur={elapsed_ms:.3f}".encode())]
            await send(message)

        await self.app(scope, receive, send_with_timing)
