"""Signing in and out: the same answer for any wrong password, safe next pages, cookies, lockouts."""
from __future__ import annotations

from datetime import timedelta

import pytest

from db.engines import fetch_rows
from tests.unit.web.journeys import (
    PASSWORD, confirm_email, csrf, new_email, register_contractor, sign_in, verified_contractor,
)


def test_a_wrong_password_says_the_same_as_an_unknown_address(portal, contractor):
    _, email = contractor
    wrong = sign_in(portal.client(), email, "not-the-password")
    unknown = sign_in(portal.client(), new_email(), "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.context["errors"] == unknown.context["errors"]


def test_five_failures_lock_the_account_until_the_lock_ends_by_itself(portal, contractor):
    _, email = contractor
    attacker = portal.client()
    for _ in range(5):
        assert sign_in(attacker, email, "guess-guess").status_code == 401
    locked = sign_in(portal.client(), email)  # even the right password, from elsewhere
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.context["errors"]["email"]
    assert 0 < int(locked.headers["retry-after"]) <= 15 * 60 + 1, "said in the header too"
    real_clock = portal.app.state.clock
    portal.app.state.clock = lambda: real_clock() + timedelta(minutes=16)
    try:
        assert sign_in(portal.client(), email).status_code == 303
    finally:
        portal.app.state.clock = real_clock


def test_signing_out_ends_the_session_on_the_server(portal, contractor):
    client, _ = contractor
    token = client.cookies.get("__Host-session")
    assert client.get("/dashboard").status_code == 200
    out = client.post("/sign-out", data={"csrf_token": csrf(client)},
                      follow_redirects=False)
    assert out.status_code == 303
    assert fetch_rows(portal.url, "SELECT count(*) FROM account_session"
                      f" WHERE token = '{token}'") == [(0,)]
    replay = portal.client()
    replay.cookies.set("__Host-session", token)
    assert replay.get("/dashboard", follow_redirects=False).status_code == 303


def test_session_cookies_are_secure_httponly_and_samesite(portal):
    client = portal.client()
    email = new_email()
    register_contractor(client, "1012345", email)
    confirm_email(portal, client, email)
    response = sign_in(client, email)
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("__Host-session=")
    for flag in ("HttpOnly", "Secure", "SameSite=lax", "Path=/"):
        assert flag.lower() in cookie.lower()


def test_sign_in_returns_to_a_local_next_page_only(portal, contractor):
    _, email = contractor
    assert sign_in(portal.client(), email, next="/account").headers["location"] == "/account"
    for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert sign_in(portal.client(), email, next=hostile).headers["location"] == "/dashboard"


@pytest.mark.parametrize("hostile", ["/\t/evil.example", "/\n/evil.example", "\r//evil.example",
                                     "/\\/evil.example", " //evil.example", "https:evil.example"])
def test_signing_in_with_javascript_never_sends_the_browser_to_another_site(
        portal, contractor, hostile):
    """Issue 14 §3: the server checked `/<TAB>/evil.example` and the browser, which strips
    tabs, went to evil.example."""
    _, email = contractor
    client = portal.client()
    page = client.get("/sign-in", params={"next": hostile})
    assert 'name="next" value="/dashboard"' in page.text
    answer = client.post("/sign-in", data={"email": email, "password": PASSWORD,
                                           "next": hostile, "csrf_token": csrf(client)},
                         headers={"HX-Request": "true"})
    assert answer.status_code == 200 and answer.headers["hx-redirect"] == "/dashboard"


@pytest.mark.parametrize("typed, target", [
    ("/account\r", "/account"), ("/account\n?x=1", "/account?x=1"),
    ("/account\x0b", "/account"), ("/account?x=\x0b1", "/account?x=%0B1"),
    # U+0000 is dropped wherever a form is read (web/forms.py); the rest is percent-encoded.
    ("/account?x=\x00\x7f", "/account?x=%7F"), ("/account?é", "/account?%C3%A9"),
])
def test_a_control_character_in_next_still_signs_in_and_lands_on_that_page(
        portal, contractor, typed, target):
    """Sign-in failed silently when `next` held \\r, \\n or \\v (an invalid header value);
    the target is read as browsers read it (control characters at the ends dropped, tabs and
    newlines removed, the rest percent-encoded)."""
    _, email = contractor
    client = portal.client()
    answer = client.post("/sign-in", data={
        "email": email, "password": PASSWORD, "next": typed, "csrf_token": csrf(client)},
        headers={"HX-Request": "true"})
    assert answer.status_code == 200 and answer.headers["hx-redirect"] == target
    assert client.get("/dashboard").status_code == 200  # signed in


def test_a_signed_in_visitor_opening_sign_in_is_sent_only_to_a_page_of_the_site(
        portal, contractor):
    client, _ = contractor
    response = client.get("/sign-in", params={"next": "/\t/evil.example"},
                          follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/dashboard"


def test_a_page_that_needs_signing_in_sends_back_to_itself_and_nowhere_else(portal):
    visitor = portal.client()
    gone = visitor.get("/account", params={"tab": "a b"}, follow_redirects=False)
    assert gone.headers["location"] == "/sign-in?next=%2Faccount%3Ftab%3Da%2Bb"
    fetched = visitor.get("/account", headers={"HX-Request": "true"})
    assert fetched.status_code == 401 and fetched.headers["hx-redirect"] == (
        "/sign-in?next=%2Faccount")


def test_thirty_failures_from_one_address_lock_that_address_out(portal, contractor):
    _, email = contractor
    attacker = portal.client()
    for n in range(30):
        assert sign_in(attacker, f"spray{n}@example.com", "guess-guess").status_code == 401
    assert sign_in(attacker, email).status_code == 429


def test_a_burst_of_simultaneous_guesses_is_locked_out_like_slow_ones(portal, contractor):
    import asyncio

    import httpx

    _, email = contractor
    client = portal.client()
    token = csrf(client)

    async def burst() -> list[int]:
        transport = httpx.ASGITransport(app=portal.app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver",
                                     cookies={"__Host-csrf": token}) as guesser:
            responses = await asyncio.gather(*(guesser.post("/sign-in", data={
                "email": email, "password": f"guess-{n}", "csrf_token": token})
                for n in range(20)))
        return [response.status_code for response in responses]

    statuses = asyncio.run(burst())
    assert statuses.count(401) <= 5
    assert statuses.count(429) >= 15
    assert sign_in(portal.client(), email).status_code == 429


def test_an_overlong_password_is_just_a_wrong_password(portal, contractor):
    client, email = contractor
    assert sign_in(portal.client(), email, "x" * 500).status_code == 401
    response = client.post("/account/password", data={
        "current": "y" * 500, "password": "fine-new-password-1", "csrf_token": csrf(client)})
    assert response.status_code == 422
    assert "not right" in response.context["errors"]["current"]


def test_a_deactivated_account_is_signed_out_for_good(portal):
    client, email = verified_contractor(portal, "1023456")
    import sqlite3

    from db.engines import sqlite_path

    with sqlite3.connect(sqlite_path(portal.url)) as connection:
        connection.execute("UPDATE account SET active = 0 WHERE email = ?", (email,))
    response = client.get("/dashboard", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/sign-in"
    cleared = response.headers["set-cookie"]
    assert cleared.startswith('__Host-session=""') and "Secure" in cleared
    assert client.get("/dashboard", follow_redirects=False).headers["location"].startswith(
        "/sign-in?next=")


def test_thirty_failures_from_addresses_of_one_ipv6_64_lock_that_64_out(portal, contractor):
    """An IPv6 client picks any address of its /64 at will: counted per address, it would
    never be locked out."""
    from starlette.testclient import TestClient

    _, email = contractor

    def from_address(address: str) -> TestClient:
        return TestClient(portal.app, base_url="https://testserver", client=(address, 50000),
                          headers={"accept": "text/html"})

    for n in range(30):
        rotating = from_address(f"2001:db8:7:7:{n:x}:{n * 7:x}::{n + 1:x}")
        assert sign_in(rotating, f"spray{n}@example.com", "guess-guess").status_code == 401
    assert sign_in(from_address("2001:db8:7:7:ffff::9"), email).status_code == 429
    assert sign_in(from_address("2001:db8:7:8::1"), email).status_code == 303, (
        "the next /64 is someone else")
