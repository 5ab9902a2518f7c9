"""Page objects for the public pages, and the checks every visited page must pass.

Locators go by role and label, as a person (or a screen reader) finds things. ``check_page``
runs on every page a journey visits, after every htmx swap too:

- axe-core finds no violation (``assert_accessible``);
- none of the private test strings is in the HTML (``assert_no_private_details``);
- the page fits the phone's width (``assert_fits_the_screen``);
- the browser reported no JavaScript error and no Content-Security-Policy violation.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error, Locator, Page, Response, expect

from tests.factories import PRIVATE_EMAIL, PRIVATE_NOTE, PRIVATE_PHONE

PRIVATE_DETAILS = (PRIVATE_PHONE, PRIVATE_EMAIL, PRIVATE_NOTE)
SEARCH_LABEL = "Permit number, address, parcel number, contractor or words"
TAB_NAMES = ("Info", "Fees", "Inspections", "History")
AXE = Axe()
HTMX_BUSY = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"
CSP_WORDS = ("Content Security Policy", "Content-Security-Policy", "Refused to")
# Sub-resources a page asks for itself; a 4xx/5xx on one of them is a broken page.
SUBRESOURCES = {"stylesheet", "script", "image", "font", "media", "manifest"}


# -- what the browser reported ------------------------------------------------------------


class Watcher:
    """Collects JavaScript errors, CSP violations, failed sub-resources and HTML responses."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        self._unchecked: list[Response] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(
            f"uncaught JavaScript error on {page.url}: {error}"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        text = message.text
        if any(word in text for word in CSP_WORDS):
            self.problems.append(f"CSP violation: {text} ({message.location.get('url')})")
        elif message.type == "error" and not text.startswith("Failed to load resource"):
            # "Failed to load resource" also covers the expected 404/400 documents and the
            # browser's own /favicon.ico probe; sub-resources are checked in _response.
            self.problems.append(f"console error: {text} ({message.location.get('url')})")

    def _response(self, response: Response) -> None:
        kind = response.request.resource_type
        if kind in SUBRESOURCES and response.status >= 400:
            self.problems.append(f"{kind} {response.url} answered {response.status}")
        if kind in ("document", "xhr", "fetch"):
            self._unchecked.append(response)

    def _check_html_responses(self) -> None:
        """Private strings must not travel in any page or fragment, shown or not."""
        while self._unchecked:
            response = self._unchecked.pop(0)
            try:
                body = response.text()
            except Error:
                continue  # body already evicted by a later full page load; the DOM was checked
            for secret in PRIVATE_DETAILS:
                if secret in body:
                    self.problems.append(f"private detail {secret!r} sent in {response.url}")

    def forget(self, predicate) -> list[str]:
        """Removes (and returns) problems a test provoked on purpose."""
        matched = [p for p in self.problems if predicate(p)]
        self.problems = [p for p in self.problems if not predicate(p)]
        return matched

    def assert_clean(self) -> None:
        self._check_html_responses()
        problems, self.problems = self.problems, []
        assert not problems, "the browser reported problems:\n" + "\n".join(problems)


@dataclass
class BrowserTab:
    """One browser tab of a journey: the page, its watcher, and where axe can run."""

    page: Page
    base_url: str
    watcher: Watcher
    audit_page: Page | None = None  # set when JavaScript is off (see conftest)
    _mark: str = field(default="", repr=False)

    @property
    def javascript(self) -> bool:
        return self.audit_page is None

    def check(self) -> None:
        check_page(self)

    def mark_document(self) -> None:
        """Leaves a mark on ``window`` that only a full page load wipes out."""
        self._mark = secrets.token_hex(8)
        self.page.evaluate("mark => { window.__e2eMark = mark }", self._mark)

    def still_same_document(self) -> bool:
        return self.page.evaluate("() => window.__e2eMark") == self._mark


def wait_for_htmx_idle(page: Page) -> None:
    """Waits until no htmx request, swap or settle is in progress."""
    page.wait_for_function(
        "busy => document.readyState === 'complete' && !document.querySelector(busy)",
        arg=HTMX_BUSY,
    )


def assert_accessible(page: Page, *, audit_page: Page | None = None) -> None:
    """axe-core on the page as it is now; fails listing each rule id, impact and targets.

    With JavaScript off axe cannot run in ``page`` itself, so the same URL is loaded in
    ``audit_page`` (JavaScript on for axe only; the site's scripts are refused there).
    """
    if audit_page is not None:
        audit_page.goto(page.url)
        target = audit_page
    else:
        wait_for_htmx_idle(page)
        target = page
    violations = AXE.run(target).response["violations"]
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
            for node in v["nodes"]:
                lines.append(f"    target {', '.join(map(str, node['target']))}: "
                             f"{node.get('failureSummary', '').replace(chr(10), ' ')}")
        raise AssertionError("\n".join(lines))


def assert_no_private_details(page: Page) -> None:
    html = page.content()
    leaked = [secret for secret in PRIVATE_DETAILS if secret in html]
    assert not leaked, f"private details {leaked} are on the public page {page.url}"


def assert_fits_the_screen(page: Page) -> None:
    """No sideways scrolling of the page itself at phone width (wide tables scroll inside)."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen"


def check_page(tab: BrowserTab) -> None:
    assert_fits_the_screen(tab.page)
    assert_accessible(tab.page, audit_page=tab.audit_page)
    assert_no_private_details(tab.page)
    tab.watcher.assert_clean()


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


def url_with_query(path: str, **expected: str):
    """A predicate for ``wait_for_url``: this path, with these query values (others ignored)."""
    def matches(url: str) -> bool:
        query = query_of(url)
        return urlsplit(url).path == path and all(query.get(k) == v for k, v in expected.items())
    return matches


def url_path(path: str) -> re.Pattern:
    """A pattern for ``to_have_url``: exactly this path, no query."""
    return re.compile(rf"^https?://[^/]+{re.escape(path)}$")


# -- pages --------------------------------------------------------------------------------


class BasePage:
    def __init__(self, tab: BrowserTab) -> None:
        self.tab = tab
        self.page = tab.page

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def goto(self, path: str) -> Response | None:
        return self.page.goto(path)


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
