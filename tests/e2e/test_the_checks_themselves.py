"""The checks every journey relies on must notice what they are meant to notice."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import BrowserTab, assert_accessible, assert_no_private_details
from tests.e2e.public_pages import SearchPage
from tests.factories import PRIVATE_NOTE


def test_an_inline_style_is_reported_as_a_content_security_policy_violation(tab: BrowserTab):
    SearchPage(tab).open()
    with tab.page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        tab.page.evaluate("""() => document.head.insertAdjacentHTML(
            'beforeend', '<style>body { color: red }</style>')""")
    assert tab.watcher.forget(lambda problem: problem.startswith("CSP violation"))
    tab.watcher.assert_clean()


def test_an_unlabelled_field_and_a_private_note_fail_the_page_checks(tab: BrowserTab):
    search = SearchPage(tab)
    search.open()
    tab.page.evaluate("""note => {
        const input = document.createElement('input');
        document.querySelector('main').append(input, note);
    }""", PRIVATE_NOTE)
    expect(tab.page.get_by_role("main")).to_contain_text(PRIVATE_NOTE)
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(tab.page)
    with pytest.raises(AssertionError, match="private details"):
        assert_no_private_details(tab.page)
