"""End-to-end fixtures: the real app under uvicorn on a free port, driven by Debian's Chromium.

Run on its own: ``.venv/bin/pytest tests/e2e`` (Playwright's sync API and pytest-asyncio's
loops must not share a process; nothing here is async, so pytest-asyncio stays installed but
idle). Every page a journey visits goes through ``pages.check_page``: axe-core, the privacy
strings, console errors and CSP violations.
"""
from __future__ import annotations

import os
import time

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from tests import travel_clock
from tests.e2e.pages import BrowserTab, Watcher
from tests.e2e.servers import (
    DATA, SERVERS, TIMEOUT_MS, Mailbox, Server, build_database, free_port, serving
)
from tests.factories import KNOWN_NOW

CHROMIUM = "/usr/bin/chromium"


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


# The account journeys run on the phone the dashboard is designed for (one-handed use).
LARGER_PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}




expect.set_options(timeout=TIMEOUT_MS)


def pytest_configure(config):
    """The journeys happen at the known data's moment, whatever the date (DESIGN §5): this
    process, the server and the commands it runs all start from KNOWN_NOW at the same real
    instant (tests/travel_clock.py)."""
    os.environ.setdefault("PERMITLINE_TEST_NOW", KNOWN_NOW.isoformat())
    os.environ.setdefault("PERMITLINE_TEST_NOW_AT", repr(time.time()))
    travel_clock.travel()


def pytest_unconfigure(config):
    travel_clock.pytest_unconfigure(config)


@pytest.fixture(scope="session")
def mailbox():
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory, mailbox) -> Server:
    directory = tmp_path_factory.mktemp("e2e")
    url, data = build_database(directory)
    DATA.append(data)
    server = serving(directory, url, data, mailbox)
    try:
        yield server
    finally:
        server.stop()


def pytest_report_header(config):
    return f"e2e: Chromium {CHROMIUM}, phone viewport 360x740, service workers blocked"


def pytest_terminal_summary(terminalreporter):
    if DATA:
        terminalreporter.write_line(f"e2e data: {DATA[0]}")


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        # The phone's clock reads the suite's moment, as the server's does: results carry the
        # time the inspector entered them, which the server refuses when ahead of its own.
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            env={**os.environ, **travel_clock.browser_environment()})
        yield launched
        launched.close()


@pytest.fixture(autouse=True)
def no_server_errors(request, server: Server):
    """Fails a test during which a server (the shared one, or a journey's own) logged an
    error or a traceback."""
    offsets = {id(s): s.log_size() for s in SERVERS}
    yield
    for watched in SERVERS:
        logged = watched.log_since(offsets.get(id(watched), 0))
        if "Traceback" in logged or "ERROR" in logged:
            pytest.fail(f"the server logged an error during {request.node.name}:\n{logged}",
                        pytrace=False)


@pytest.fixture(autouse=True)
def fresh_rate_limits(server: Server):
    """Every journey registers from 127.0.0.1, many of them for license 1012345: a city sees
    such registrations from many addresses over many days. The limits themselves are tested
    in tests/unit (test_city_mail_abuse.py, db/test_rate_limits.py)."""
    import sqlite3
    from contextlib import closing

    from db.engines import sqlite_path

    with closing(sqlite3.connect(sqlite_path(server.database_url), timeout=30)) as database:
        with database:
            database.execute("DELETE FROM rate_limit_use")


def _context(browser: Browser, server: Server, request, *, javascript: bool):
    offline = request.node.get_closest_marker("offline") is not None
    device = LARGER_PHONE if request.node.get_closest_marker("phone390") else PHONE
    context = browser.new_context(
        **device, base_url=server.base_url, java_script_enabled=javascript,
        service_workers="allow" if offline else "block",
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def _tab(browser: Browser, server: Server, request):
    context = _context(browser, server, request, javascript=True)
    page = context.new_page()
    watcher = Watcher(page)
    yield BrowserTab(page, server.base_url, watcher)
    try:
        watcher.assert_clean()
    finally:
        context.close()


@pytest.fixture
def tab(browser: Browser, server: Server, request) -> BrowserTab:
    """A phone-sized browser tab with JavaScript on (htmx drives the pages)."""
    yield from _tab(browser, server, request)


@pytest.fixture
def other_tab(browser: Browser, server: Server, request) -> BrowserTab:
    """A second person's phone: its own browser context, cookies and all."""
    yield from _tab(browser, server, request)


@pytest.fixture
def tab_without_js(browser: Browser, server: Server, request) -> BrowserTab:
    """A tab with JavaScript off: links and forms do full page loads.

    axe-core cannot run in it (timers never fire with scripts disabled), so each page is audited
    again in a second tab that has JavaScript on but refuses to load the site's own scripts:
    the same server-rendered page, as a browser without JavaScript shows it.
    """
    yield from _tab_without_js(browser, server, request)


def _tab_without_js(browser: Browser, server: Server, request):
    context = _context(browser, server, request, javascript=False)
    page = context.new_page()
    audit_context = _context(browser, server, request, javascript=True)
    audit_context.route("**/*", lambda route: route.abort()
                        if route.request.resource_type == "script" else route.continue_())
    audit_page = audit_context.new_page()
    watcher = Watcher(page)
    yield BrowserTab(page, server.base_url, watcher, audit_page=audit_page)
    try:
        watcher.assert_clean()
    finally:
        audit_context.close()
        context.close()
