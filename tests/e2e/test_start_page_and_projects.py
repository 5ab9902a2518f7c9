"""Journeys: from the start page to a permit, and from the header to a project."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.pages import BasePage, BrowserTab, url_with_query
from tests.e2e.public_pages import SearchPage


def test_the_start_page_search_box_finds_a_permit_by_its_number(tab: BrowserTab):
    home = BasePage(tab)
    home.goto("/")
    expect(home.heading).to_have_text("Building permits and inspections")
    tab.check()

    tab.page.get_by_label("Search permits").fill("BLD2026-00042")
    tab.page.get_by_role("search").get_by_role("button", name="Search").click()
    tab.page.wait_for_url(url_with_query("/permits", q="BLD2026-00042"))
    search = SearchPage(tab)
    expect(search.results_heading).to_have_text("1 permit")
    expect(search.box).to_have_value("BLD2026-00042")
    tab.check()

    permit = search.open_permit("BLD2026-00042")
    permit.expect_tab("Info")
    tab.check()


def test_the_projects_link_in_the_header_leads_to_a_project_and_its_permits(tab: BrowserTab):
    page = tab.page
    BasePage(tab).goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects").click()
    page.wait_for_url(url_with_query("/projects"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search projects")
    tab.check()

    page.get_by_label("Project name, address, parcel number, permit number or words").fill(
        "Sunset Strip storefront")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_url(url_with_query("/projects", q="Sunset Strip storefront"))
    results = page.locator("section#results")
    link = results.get_by_role("link", name="Sunset Strip storefront renovation")
    expect(link).to_be_visible()
    tab.check()

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sunset Strip storefront renovation")
    expect(page.get_by_role("heading", level=2, name="Permits (2)")).to_be_visible()
    tab.check()
