"""Redirect targets: whatever is typed into `next`, a browser stays on the site (issue 14 §3).

The browser's reading is taken from ada, a WHATWG URL parser (the one Node.js uses), not from
urllib, which reads URLs the way RFC 3986 does and not the way browsers do.
"""
from urllib.parse import unquote

import pytest
from ada_url import URL
from hypothesis import example, given, settings, strategies as st

from domain.redirects import DASHBOARD, MAX_LENGTH, local_target

SITES = ("https://portal.test/sign-in", "http://127.0.0.1:8000/sign-in?next=/account")
FALLBACK = "/fallback"
# What URL parsers treat specially, so that random text often meets the edge cases.
TRICKY_PIECES = [
    "/", "\\", "\t", "\n", "\r", "\x0b", "\x0c", "\x00", " ", "\x7f", "\u3000", ":", ".", "..",
    "%", "%09", "%2f", "%5c", "%2e", "?", "#", "@", "evil.example", "http:", "https:",
    "javascript:", "data:", "é", "\ufeff", "\u2028", "\uff0f",
]
TRICKY = st.sampled_from(TRICKY_PIECES)
HOSTILE_TEXT = st.one_of(
    st.text(),
    st.lists(TRICKY, max_size=12).map("".join),
    st.tuples(st.lists(TRICKY, max_size=6).map("".join), st.text(max_size=20)).map("".join),
)


def tried_first(*values: str, site: str = SITES[0]):
    """Hypothesis tries these values first, on ``site``: cases that once got through."""
    def decorate(test):
        for value in reversed(values):
            test = example(value=value, site=site)(test)
        return test
    return decorate


def origin_of(target: str, site: str) -> str:
    return URL(target, site).origin


@settings(max_examples=1000)
@given(value=HOSTILE_TEXT, site=st.sampled_from(SITES))
@tried_first("/\t/evil.example", "/\\/evil.example", " \r\n//evil.example", "\\\\evil.example",
             "https:evil.example")
@example(value="http:\\\\evil.example", site=SITES[1])
def test_any_next_value_resolves_to_a_page_of_the_site_itself(value, site):
    target = local_target(value)
    assert origin_of(target, site) == URL(site).origin
    # A path, not a URL that merely happens to point here today.
    assert target.startswith("/") and not target.startswith("//")


@settings(max_examples=1000)
@given(value=HOSTILE_TEXT)
@example(value="/account\r\nSet-Cookie: x=1")
@example(value="/account\x0b")
@example(value="/résumé?q=ü#ß")
def test_a_target_is_plain_printable_ascii_so_every_header_accepts_it(value):
    target = local_target(value)
    assert all("\x21" <= c <= "\x7e" for c in target)
    assert len(target) <= MAX_LENGTH


@settings(max_examples=1000)
@given(value=HOSTILE_TEXT, site=st.sampled_from(SITES))
@tried_first("/permits?q=a b&type=BLD#results", "/a\\b?c\\d", "/x/%2e%2e//evil.example",
             " /account\t")
def test_a_page_of_the_site_is_the_page_the_browser_would_have_opened(value, site):
    target = local_target(value, FALLBACK)
    if target == FALLBACK:
        return
    mine, browsers = URL(target, site), URL(value, site)
    assert browsers.origin == URL(site).origin
    for part in ("pathname", "search", "hash"):
        assert unquote(getattr(mine, part)) == unquote(getattr(browsers, part))


@given(value=HOSTILE_TEXT)
def test_a_target_read_again_stays_the_same(value):
    assert local_target(local_target(value)) == local_target(value)


@pytest.mark.parametrize("value", [
    "/account", "/permits/BLD2026-00042?tab=history", "/permits?q=roof&page=2#results", "/",
    "/inspector?day=2026-12-04",
])
def test_pages_of_the_site_are_kept_as_they_are(value):
    assert local_target(value) == value


@pytest.mark.parametrize("value", [
    None, "", "https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example",
    "/\n/evil.example", "\\/evil.example", "javascript:alert(1)", "http:evil.example",
    "evil.example", "account", "?next=/account", "/" + "a" * MAX_LENGTH,
])
def test_anything_else_falls_back_to_the_dashboard(value):
    assert local_target(value) == DASHBOARD


def test_control_characters_inside_a_path_are_encoded_not_sent_raw():
    assert local_target("/account\x0b\x00 x") == "/account%0B%00%20x"
