"""Pure-ASGI refusal of requests for Host names that are not this site's (issue 14 §9), and
of requests with more than one Host header.

A request naming another host comes through a misconfigured proxy, DNS rebinding or a
scanner; answering it would let a page under a foreign name read this site's responses.
Starlette's TrustedHostMiddleware does the same but costs about 4 µs a request here (a
Headers object, a regular expression); this compares bytes in about 0.5 µs (DESIGN §4b: the
middleware stack is measured against a bare app); a Host header already accepted is one
set lookup.
"""
from __future__ import annotations

BODY = b"Invalid host header"
# Accepted Host values remembered as they came (a site has few: its names, with a port or
# not); bounded, since clients choose the port.
REMEMBERED = 64
REFUSAL = {"type": "http.response.start", "status": 400,
           "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                       (b"content-length", str(len(BODY)).encode())]}


def host_name(header: bytes) -> bytes:
    """The lower-cased name of a Host header, without its port; IPv6 literals keep their
    brackets (``[::1]:8000`` is ``[::1]``), as domain.site_hosts writes them."""
    value = header.strip().lower()
    if value.startswith(b"["):
        return value[:value.find(b"]") + 1]
    name, colon, port = value.partition(b":")
    return name if not port or port.isdigit() else b""


class TrustedHosts:
    def __init__(self, app, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.any = "*" in hosts
        self.names = frozenset(h.encode() for h in hosts if not h.startswith("*"))
        self.suffixes = tuple(h[1:].encode() for h in hosts if h.startswith("*."))
        self.accepted: set[bytes] = set()

    def accepts(self, header: bytes) -> bool:
        if header in self.accepted:
            return True
        name = host_name(header)
        if name and (name in self.names or name.endswith(self.suffixes)):
            if len(self.accepted) < REMEMBERED:
                self.accepted.add(header)
            return True
        return False

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        # One Host header (RFC 9112 §3.2: more than one is a 400): with two, a proxy and this
        # app may each read another one, and the name checked is not the name used.
        hosts = [value for name, value in scope["headers"] if name == b"host"]
        if len(hosts) < 2 and (self.any or (
                hosts and (hosts[0] in self.accepted or self.accepts(hosts[0])))):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send(REFUSAL)
        await send({"type": "http.response.body", "body": BODY})
