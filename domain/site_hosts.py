"""Which Host names are this site's own: requests for any other name are refused."""
from __future__ import annotations

from urllib.parse import urlsplit

# The names of this machine: a site whose public address is one of them runs on a developer's
# machine (`make run`), where http://localhost:8000 must work as well as 127.0.0.1. IPv6
# addresses are written as in a Host header, in brackets.
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def site_hosts(base_url: str, allowed: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The public address's host name first, then the configured others (``*.example.org``
    for every subdomain, ``*`` for any name: not recommended), then, when the public address
    is this machine, its other loopback names. Lower-case, without ports."""
    host = urlsplit(base_url).hostname or ""
    names = [f"[{host}]" if ":" in host else host,
             *(name.strip().lower() for name in allowed)]
    if any(name in LOOPBACK for name in names):
        names += LOOPBACK
    return tuple(dict.fromkeys(name for name in names if name))
