"""The app under a meter, for bench.field_photos: the bytes each kind of request sends and gets."""
from __future__ import annotations

import json
import urllib.request

COUNTS, SINK = "/bench/counts", "/bench/sink"


def kind_of(method: str, path: str) -> str:
    if method == "POST" and path.endswith("/result"):
        return "results"
    if method == "POST" and path.endswith("/photos"):
        return "photos"
    return "other"


class Metered:
    """The app, counting the bytes of each request's body as the server receives it and of each
    answer's body as it sends it (after gzip: what crosses the wire), by kind of request; GET
    COUNTS reads (``?reset=1``: and zeroes) them, POST SINK swallows a body for a timed upload."""

    def __init__(self, app) -> None:
        self.app = app
        self.counts: dict[str, dict] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["path"] in (COUNTS, SINK):
            return await self.own(scope, receive, send)
        tally = self.counts.setdefault(kind_of(scope["method"], scope["path"]), {
            "requests": 0, "body_bytes_sent": 0, "body_bytes_received": 0, "statuses": {}})
        tally["requests"] += 1

        async def counted_receive():
            message = await receive()
            if message["type"] == "http.request":
                tally["body_bytes_sent"] += len(message.get("body", b""))
            return message

        async def counted_send(message):
            if message["type"] == "http.response.start":
                status = str(message["status"])
                tally["statuses"][status] = tally["statuses"].get(status, 0) + 1
            elif message["type"] == "http.response.body":
                tally["body_bytes_received"] += len(message.get("body", b""))
            await send(message)

        await self.app(scope, counted_receive, counted_send)

    async def own(self, scope, receive, send):
        size, more = 0, True
        while more:
            message = await receive()
            size += len(message.get("body", b""))
            more = message.get("more_body", False)
        if scope["path"] == COUNTS:
            body = json.dumps(self.counts).encode()
            if b"reset=1" in scope["query_string"]:
                self.counts = {}
        else:
            body = json.dumps({"received": size}).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})


def create_app():
    """The app as web.app builds it, metered (uvicorn --factory bench.metered_app:create_app)."""
    from web.app import create_app as app

    return Metered(app())


def counts(base: str, reset: bool = False) -> dict:
    with urllib.request.urlopen(f"{base}{COUNTS}{'?reset=1' if reset else ''}") as answer:
        return json.loads(answer.read())
