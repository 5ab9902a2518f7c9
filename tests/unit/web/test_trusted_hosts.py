"""Reading the Host header for the refusal of unknown host names (issue 14 §9)."""
import asyncio

import pytest

from web.middleware.trusted_hosts import TrustedHosts, host_name


@pytest.mark.parametrize("header, name", [
    (b"permits.example.org", b"permits.example.org"),
    (b"Permits.Example.ORG:443", b"permits.example.org"),
    (b"[::1]:8000", b"[::1]"), (b"[::1]", b"[::1]"), (b"127.0.0.1:8000", b"127.0.0.1"),
    (b"portal.test:", b"portal.test"), (b"portal.test:80:80", b""), (b"portal.test:x", b""),
    (b"", b""),
])
def test_the_name_is_read_without_port_in_lower_case(header, name):
    assert host_name(header) == name


def _status(hosts: tuple[str, ...] | TrustedHosts, host: bytes | None) -> int:
    sent = []

    async def app(scope, receive, send):
        sent.append({"type": "http.response.start", "status": 200})

    async def send(message):
        sent.append(message)

    headers = [(b"host", host)] if host is not None else []
    middleware = hosts if isinstance(hosts, TrustedHosts) else TrustedHosts(app, hosts)
    middleware.app = app
    asyncio.run(middleware({"type": "http", "headers": headers}, None, send))
    return sent[0]["status"]


def test_subdomain_patterns_and_the_wildcard_are_honoured():
    hosts = ("permits.example.org", "*.intranet.example")
    assert _status(hosts, b"counter.intranet.example") == 200
    assert _status(hosts, b"intranet.example") == 400
    assert _status(hosts, b"evilintranet.example") == 400
    assert _status(("*",), b"anything.example") == 200


def test_a_request_without_a_host_header_is_refused():
    assert _status(("permits.example.org",), None) == 400


def test_the_same_middleware_keeps_answering_the_same_way_for_each_name():
    middleware = TrustedHosts(None, ("permits.example.org",))
    for _ in range(3):
        assert _status(middleware, b"permits.example.org:443") == 200
        assert _status(middleware, b"evil.example") == 400
    for port in range(100):  # more ports than it remembers
        assert _status(middleware, b"permits.example.org:%d" % port) == 200


def test_a_request_with_two_host_headers_is_refused_whatever_the_names():
    """RFC 9112 §3.2: a proxy and the app may each read another one of them."""
    sent = []

    async def app(scope, receive, send):
        sent.append({"type": "http.response.start", "status": 200})

    async def send(message):
        sent.append(message)

    for hosts in (("permits.example.org",), ("*",)):
        for pair in ((b"permits.example.org", b"evil.example"),
                     (b"evil.example", b"permits.example.org"),
                     (b"permits.example.org", b"permits.example.org")):
            sent.clear()
            scope = {"type": "http", "headers": [(b"host", pair[0]), (b"accept", b"*/*"),
                                                  (b"host", pair[1])]}
            asyncio.run(TrustedHosts(app, hosts)(scope, None, send))
            assert sent[0]["status"] == 400 and sent[1]["body"] == b"Invalid host header", (
                hosts, pair)
