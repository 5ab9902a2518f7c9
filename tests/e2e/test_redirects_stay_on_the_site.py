"""No `next` value takes a person who signs in to another site (issue 14 §3), in Chromium."""
from __future__ import annotations

import random
import uuid
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from domain.redirects import local_target
from tests.e2e.account_pages import SignInPage
from tests.unit.domain.test_redirects import TRICKY_PIECES

PASSWORD = "harbor-gate-lantern-7"
# The example first; then the other ways a browser reads a path as another host.
HOSTILE = [
    "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "\\/evil.example",
    "/\\evil.example", " //evil.example", "https://evil.example/", "http:evil.example",
    "/%09/evil.example", "javascript:alert(document.domain)", "/account\x0b",
]


@pytest.fixture(scope="module")
def staff_email(server) -> str:
    email = f"redirects.{uuid.uuid4().hex[:8]}@example.com"
    server.create_staff(email, PASSWORD)
    return email


def _watch_for_leaving(tab) -> list[str]:
    """Every request to another host is answered here, so leaving is seen, not a DNS error."""
    left: list[str] = []
    origin = urlsplit(tab.base_url).netloc

    def elsewhere(route):
        left.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<h1>Another site</h1>")

    tab.page.context.route(lambda url: urlsplit(url).netloc not in ("", origin), elsewhere)
    return left


def _sign_in_with_next(tab, email: str, value: str) -> str:
    tab.page.context.clear_cookies()
    sign_in = SignInPage(tab)
    sign_in.goto("/sign-in?next=" + quote(value, safe=""))
    expect(sign_in.heading).to_have_text("Sign in")
    sign_in.fill("E-mail address", email)
    sign_in.fill("Password", PASSWORD)
    sign_in.press("Sign in")
    tab.page.wait_for_url(lambda url: urlsplit(url).path != "/sign-in")
    tab.page.wait_for_load_state()
    return tab.page.url


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_no_next_value_takes_a_person_signing_in_to_another_site(
        request, server, staff_email, javascript):
    tab = request.getfixturevalue("tab" if javascript else "tab_without_js")
    left = _watch_for_leaving(tab)
    for value in HOSTILE:
        landed = _sign_in_with_next(tab, staff_email, value)
        assert urlsplit(landed).netloc == urlsplit(server.base_url).netloc, (value, landed)
        assert left == [], f"next={value!r} led the browser to {left}"
    tab.check()


def test_a_next_page_of_the_site_is_where_signing_in_lands(tab, server, staff_email):
    landed = _sign_in_with_next(tab, staff_email, "/permits?q=roof")
    assert landed == f"{server.base_url}/permits?q=roof"


def test_chromium_resolves_every_target_the_server_chooses_to_the_site_itself(tab, server):
    """Chromium's own URL parser reads a few thousand targets made from hostile text."""
    chance = random.Random(14)
    pieces = [*TRICKY_PIECES, "a", "b/", "é", "\u0085", "\x1f"]
    values = [chance.choice(["", "/", "/a"])
              + "".join(chance.choices(pieces, k=chance.randint(1, 10))) for _ in range(3000)]
    targets = sorted({local_target(value) for value in values})
    tab.page.goto("/")
    escaped = tab.page.evaluate(
        "targets => targets.filter(t => new URL(t, location.origin).origin !== location.origin)",
        targets)
    assert escaped == []
    assert len(targets) > 1000  # many are read as some page of the site, not the fallback
