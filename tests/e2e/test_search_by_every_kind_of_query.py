"""Journey: one search box understands permit numbers, parcels, licenses, addresses and words,
and survives whatever is typed into it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from domain.search_query import MAX_QUERY_LENGTH
from tests.e2e.pages import BrowserTab, url_with_query
from tests.e2e.public_pages import SearchPage

FINDS = [
    pytest.param("BLD2026", "BLD2026-00042", id="permit-number-prefix"),
    pytest.param("9999-002-003", "ELE2025-00007", id="parcel-number"),
    pytest.param("1012345", "BLD2026-00042", id="contractor-license"),
    pytest.param("1234 N HAVENHURST DR UNIT 3", "ELE2025-00007", id="address-with-unit"),
    pytest.param("cool-roof shingles", "BLD2026-00042", id="words-of-the-work"),
]

RESULT_COUNT = re.compile(r"^(No permits found|[\d,]+\+? permits?)$")
ODD_INPUT = [
    pytest.param("\"*-% NEAR ' OR 1=1 --", id="query-syntax-and-sql"),
    pytest.param("🏠", id="emoji"),
    pytest.param(("roof " * 200)[:999] + "!", id="1000-characters"),
]


@pytest.mark.parametrize(("query", "number"), FINDS)
def test_the_search_box_finds_a_permit_by(tab: BrowserTab, query: str, number: str):
    search = SearchPage(tab)
    search.open()
    tab.check()
    search.search(query)
    expect(search.box).to_have_value(query)
    seen = search.find_on_some_page(number)
    assert number in seen, f"{number} is not among the results for {query!r}: {seen}"
    if query == "BLD2026":
        assert all(n.startswith("BLD2026") for n in seen), seen


@pytest.mark.parametrize("query", ODD_INPUT)
def test_odd_input_gets_a_calm_answer_and_the_pushed_url_reloads(tab: BrowserTab, query: str):
    search = SearchPage(tab)
    search.open()
    tab.check()
    search.box.fill(query)
    # The box takes what it can hold (its maxlength), as a phone's keyboard would stop.
    query = query[:MAX_QUERY_LENGTH]
    expect(search.box).to_have_value(query)
    with tab.page.expect_response(lambda r: r.request.resource_type in ("xhr", "fetch")
                                  and "/permits?" in r.url) as answer:
        search.search_button.click()
    assert answer.value.status < 500, f"the search answered {answer.value.status}"
    tab.page.wait_for_url(url_with_query("/permits", q=query))
    expect(search.heading).to_have_text("Search permits")
    expect(search.results_heading).to_have_text(RESULT_COUNT)
    expect(search.box).to_have_value(query)
    tab.check()

    response = tab.page.reload()
    assert response is not None and response.status < 500, f"reload answered {response.status}"
    expect(search.heading).to_have_text("Search permits")
    expect(search.results_heading).to_have_text(RESULT_COUNT)
    expect(search.box).to_have_value(query)
    tab.check()


def test_a_query_longer_than_the_box_in_the_address_is_cut_and_says_so(tab: BrowserTab):
    """A link may carry more than the box lets anyone type: it is searched in part, the page
    says which part, and the box shows the address's words."""
    long = ("roof " * 200)[:999] + "!"
    search = SearchPage(tab)
    search.open(long)
    expect(search.results_heading).to_have_text(RESULT_COUNT)
    expect(search.results.get_by_text(re.compile(r"^Only the first \d+ (words|characters) "
                                                 r"were used\.$"))).to_be_visible()
    expect(search.box).to_have_value(long)
    tab.check()
