"""Journeys: narrowing a search with filters, a mistyped date, a permit that does not exist,
and the project a permit belongs to."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.pages import BrowserTab, url_with_query
from tests.e2e.public_pages import ErrorPage, PermitPage, SearchPage


def test_choosing_the_electrical_type_lists_only_electrical_permits(tab: BrowserTab):
    search = SearchPage(tab)
    search.open()
    search.open_filters()
    tab.check()

    search.choose_type("Electrical")
    tab.page.wait_for_url(url_with_query("/permits", type="ELE"))
    search.expect_listed("ELE2025-00007")
    tab.check()
    numbers = search.permit_numbers()
    assert numbers and all(n.startswith("ELE") for n in numbers), numbers
    expect(tab.page.get_by_label("Permit type")).to_have_value("ELE")


def test_a_date_that_does_not_exist_gets_an_error_summary_linking_to_the_from_field(
        tab: BrowserTab):
    search = SearchPage(tab)
    response = search.goto("/permits?from=2026-13-01")
    assert response is not None and response.status == 400
    expect(search.heading).to_have_text("Search permits")
    expect(search.error_summary).to_be_visible()
    tab.check()

    from_field = tab.page.get_by_label("From", exact=True)
    expect(from_field).to_have_attribute("aria-invalid", "true")
    expect(from_field).to_have_accessible_description(re.compile("is not a date"))
    link = search.error_summary.get_by_role("link", name=re.compile("is not a date"))
    expect(link).to_have_attribute("href", "#" + from_field.get_attribute("id"))

    link.click()
    expect(tab.page).to_have_url(re.compile(r"#f-from$"))
    expect(from_field).to_be_in_viewport()


def test_the_error_summary_is_seen_first_on_a_phone(tab: BrowserTab):
    """DESIGN §2b: the error summary sits at the top, before the form (GOV.UK pattern)."""
    search = SearchPage(tab)
    search.goto("/permits?from=2026-13-01")  # returns once the page has loaded
    expect(search.error_summary).to_be_attached(timeout=2_000)
    expect(search.error_summary).to_be_in_viewport(timeout=2_000)


def test_a_permit_that_does_not_exist_gets_a_404_page_whose_search_box_works(tab: BrowserTab):
    error = ErrorPage(tab)
    response = error.goto("/permits/BLD2099-99999")
    assert response is not None and response.status == 404
    expect(error.heading).to_have_text("Page not found")
    tab.check()

    search = error.search("BLD2026-00042")
    search.expect_listed("BLD2026-00042")
    tab.check()


def test_the_project_link_on_a_permit_lists_both_permits_of_the_project(tab: BrowserTab):
    permit = PermitPage(tab, "BLD2026-00042")
    permit.open()
    tab.check()

    project = permit.open_project("Sunset Strip storefront renovation")
    expect(project.permits_heading).to_have_text("Permits (2)")
    expect(project.permit_links).to_have_count(2)
    assert sorted(project.permit_links.all_inner_texts()) == ["BLD2026-00042", "MEC2026-00003"]
    tab.check()
