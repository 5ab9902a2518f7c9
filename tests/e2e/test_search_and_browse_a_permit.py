"""Journey: find a permit from its address, read its tabs, and come back with Back.

The same journey runs with JavaScript on (htmx swaps, pushed URLs, history cache) and off
(plain links and a plain GET form).
"""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.pages import BrowserTab, url_path, url_with_query
from tests.e2e.public_pages import PermitPage, SearchPage

ROOF = "BLD2026-00042"
HVAC = "MEC2026-00003"
QUERY = "8500 sunset"


def expect_inspections(permit: PermitPage) -> None:
    permit.expect_tab("Inspections")
    expect(permit.panel).to_contain_text("Roof Sheathing")
    expect(permit.panel).to_contain_text("Corrections required")


def expect_history(permit: PermitPage) -> None:
    permit.expect_tab("History")
    expect(permit.panel.get_by_role("listitem")).to_have_count(2)
    expect(permit.panel).to_contain_text("Issued")


def expect_info(permit: PermitPage) -> None:
    permit.expect_tab("Info")
    expect(permit.panel).to_contain_text("Sunset Strip storefront renovation")


def expect_search_results(search: SearchPage) -> None:
    search.page.wait_for_url(url_with_query("/permits", q=QUERY))
    expect(search.box).to_have_value(QUERY)
    search.expect_listed(ROOF, HVAC)


def read_info_inspections_and_history(tab: BrowserTab, search: SearchPage) -> PermitPage:
    """Open the roof permit from the results and switch to Inspections, then History."""
    permit = search.open_permit(ROOF)
    expect_info(permit)
    tab.check()

    permit.open_tab("Inspections")
    expect_inspections(permit)
    tab.check()

    permit.open_tab("History")
    expect_history(permit)
    return permit


def test_typing_an_address_lists_its_permits_and_back_retraces_every_tab_without_reloading(
        tab: BrowserTab):
    search = SearchPage(tab)
    search.open()
    tab.check()
    tab.mark_document()

    search.type_slowly(QUERY)
    expect_search_results(search)
    assert tab.still_same_document(), "the results came with a full page load"
    expect(tab.page).to_have_title("“8500 sunset” – Search permits · City of West Hollywood")
    assert tab.page.url.endswith("/permits?q=8500%20sunset"), "empty filters cluttered the URL"
    tab.check()

    permit = read_info_inspections_and_history(tab, search)
    assert tab.still_same_document(), "switching tabs reloaded the page"
    tab.check()

    tab.page.go_back()
    expect_inspections(permit)
    tab.check()

    tab.page.go_back()
    expect_info(permit)
    tab.check()

    tab.page.go_back()
    expect(search.heading).to_have_text("Search permits")
    expect_search_results(search)
    assert tab.still_same_document(), "Back reloaded the page instead of restoring it"
    tab.check()


def test_without_javascript_the_search_form_tab_links_and_back_button_all_work(
        tab_without_js: BrowserTab):
    tab = tab_without_js
    page = tab.page
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))

    search = SearchPage(tab)
    search.open()
    tab.check()

    search.box.fill(QUERY)
    search.submit()
    expect_search_results(search)
    tab.check()

    permit = read_info_inspections_and_history(tab, search)
    tab.check()
    assert len(loads) == 5, f"expected a full page load per step, got {loads}"

    page.go_back()
    expect_inspections(permit)
    tab.check()

    page.go_back()
    expect_info(permit)
    expect(page).to_have_url(url_path(f"/permits/{ROOF}"))
    tab.check()

    page.go_back()
    expect(search.heading).to_have_text("Search permits")
    expect_search_results(search)
    tab.check()
