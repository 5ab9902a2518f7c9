"""The checks every visited page must pass, the tab a journey drives, and the base page object
(the public pages' objects: tests/e2e/public_pages.py).

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
from urllib.parse import parse_qs, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error, Locator, Page, Response

from tests.factories import PRIVATE_EMAIL, PRIVATE_NOTE, PRIVATE_PHONE

PRIVATE_DETAILS = (PRIVATE_PHONE, PRIVATE_EMAIL, PRIVATE_NOTE)


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
