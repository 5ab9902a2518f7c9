"""Page objects of the public pages: search, a permit with its tabs, a project, an error page."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from playwright.sync_api import Locator, Response, expect

from tests.e2e.pages import BasePage, BrowserTab, url_path, url_with_query, wait_for_htmx_idle

SEARCH_LABEL = "Permit number, address, parcel number, contractor or words"


TAB_NAMES = ("Info", "Fees", "Inspections", "History")


class SearchPage(BasePage):
    """/permits: one box, filters in a <details>, results in a live region."""

    path = "/permits"

    @property
    def box(self) -> Locator:
        return self.page.get_by_label(SEARCH_LABEL)

    @property
    def search_button(self) -> Locator:
        return self.page.get_by_role("search").get_by_role("button", name="Search")

    @property
    def results(self) -> Locator:
        return self.page.locator("section#results")

    @property
    def results_heading(self) -> Locator:
        return self.results.get_by_role("heading", level=2)

    @property
    def result_links(self) -> Locator:
        return self.results.get_by_role("list").get_by_role("link")

    @property
    def error_summary(self) -> Locator:
        return self.page.get_by_role("alert").filter(has_text="There is a problem")

    def open(self, query: str = "") -> Response | None:
        response = self.goto(self.path + (f"?{urlencode({'q': query})}" if query else ""))
        expect(self.heading).to_have_text("Search permits")
        return response

    def type_slowly(self, text: str) -> None:
        """Types one key at a time, as a person does."""
        self.box.click()
        self.box.press_sequentially(text, delay=40)

    def submit(self) -> None:
        self.search_button.click()

    def search(self, text: str) -> None:
        """Puts ``text`` in the box and presses the Search button, then waits for the results."""
        self.box.fill(text)
        self.submit()
        self.page.wait_for_url(url_with_query(self.path, q=text))
        expect(self.results_heading).to_be_visible()
        if self.tab.javascript:
            wait_for_htmx_idle(self.page)

    def open_filters(self) -> None:
        self.page.get_by_text("Filters", exact=True).click()
        expect(self.page.get_by_label("Permit type")).to_be_visible()

    def choose_type(self, label: str) -> None:
        self.page.get_by_label("Permit type").select_option(label=label)

    def permit_numbers(self) -> list[str]:
        return [text.strip() for text in self.result_links.all_inner_texts()]

    def expect_listed(self, *numbers: str) -> None:
        for number in numbers:
            expect(self.results.get_by_role("link", name=number, exact=True)).to_be_visible()

    def next_page(self) -> bool:
        link = self.page.get_by_role("navigation", name="Result pages").get_by_role(
            "link", name="Next page")
        if link.count() == 0:
            return False
        before = self.page.url
        link.click()
        self.page.wait_for_url(lambda url: url != before)
        if self.tab.javascript:
            wait_for_htmx_idle(self.page)
        return True

    def find_on_some_page(self, number: str, *, max_pages: int = 20) -> list[str]:
        """Pages through the results until ``number`` is listed; returns every number seen."""
        seen: list[str] = []
        for _ in range(max_pages):
            self.tab.check()
            seen += self.permit_numbers()
            if number in seen or not self.next_page():
                break
        return seen

    def open_permit(self, number: str) -> PermitPage:
        self.results.get_by_role("link", name=number, exact=True).click()
        self.page.wait_for_url(url_path(f"/permits/{number}"))
        permit = PermitPage(self.tab, number)
        expect(permit.heading).to_have_text(f"Permit {number}")
        return permit


class PermitPage(BasePage):
    """/permits/{number} and its tabs /fees, /inspections, /history."""

    def __init__(self, tab: BrowserTab, number: str) -> None:
        super().__init__(tab)
        self.number = number

    def open(self, tab_name: str = "Info") -> Response | None:
        response = self.goto(self.tab_path(tab_name))
        expect(self.heading).to_have_text(f"Permit {self.number}")
        return response

    def tab_path(self, tab_name: str) -> str:
        base = f"/permits/{self.number}"
        return base if tab_name == "Info" else f"{base}/{tab_name.lower()}"

    @property
    def sections(self) -> Locator:
        return self.page.get_by_role("navigation", name="Permit sections")

    def tab_link(self, name: str) -> Locator:
        return self.sections.get_by_role("link", name=name, exact=True)

    @property
    def panel(self) -> Locator:
        """The tab panel: a region named by its h2 (Info, Fees, Inspections or History)."""
        return self.page.locator("#permit-tabs").get_by_role("region")

    def open_tab(self, name: str) -> None:
        self.tab_link(name).click()
        self.expect_tab(name)

    def expect_tab(self, name: str) -> None:
        """The URL, the aria-current link and the panel heading all say ``name``."""
        expect(self.page).to_have_url(url_path(self.tab_path(name)))
        expect(self.tab_link(name)).to_have_attribute("aria-current", "page")
        for other in TAB_NAMES:
            if other != name:
                expect(self.tab_link(other)).not_to_have_attribute("aria-current", "page")
        expect(self.panel.get_by_role("heading", level=2)).to_have_text(name)
        if self.tab.javascript:
            wait_for_htmx_idle(self.page)

    def open_project(self, name: str) -> ProjectPage:
        self.panel.get_by_role("link", name=name).click()
        self.page.wait_for_url(re.compile(r"/projects/\d+$"))
        project = ProjectPage(self.tab)
        expect(project.heading).to_have_text(name)
        return project


class ProjectPage(BasePage):
    @property
    def permits_heading(self) -> Locator:
        return self.page.get_by_role("heading", level=2, name=re.compile(r"^Permits"))

    @property
    def permit_links(self) -> Locator:
        return self.page.get_by_role("main").get_by_role("list").get_by_role("link")


class ErrorPage(BasePage):
    """404/400/500 pages: a heading, a message and a permit search box."""

    @property
    def box(self) -> Locator:
        return self.page.get_by_role("main").get_by_label("Search permits")

    def search(self, text: str) -> SearchPage:
        self.box.fill(text)
        self.page.get_by_role("main").get_by_role("button", name="Search").click()
        self.page.wait_for_url(url_with_query(SearchPage.path, q=text))
        search = SearchPage(self.tab)
        expect(search.heading).to_have_text("Search permits")
        expect(search.results_heading).to_be_visible()
        return search
