"""End-to-end fixtures: the real app under uvicorn on a free port, driven by Debian's Chromium.

Run on its own: ``.venv/bin/pytest tests/e2e`` (Playwright's sync API and pytest-asyncio's
loops must not share a process; nothing here is async, so pytest-asyncio stays installed but
idle). Every page a journey visits goes through ``pages.check_page``: axe-core, the privacy
strings, console errors and CSP violations.
"""
from __future__ import annotations

import asyncio
import email
import email.policy
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from tests import travel_clock
from tests.e2e.pages import BrowserTab, Watcher
from tests.factories import KNOWN_NOW, KNOWN_TODAY

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
# The account journeys run on the phone the dashboard is designed for (one-handed use).
LARGER_PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DEMO_PERMITS = 300
SERVER_START_TIMEOUT_S = 20
TIMEOUT_MS = 10_000

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


# A process that reads the time runs at the suite's moment too.
AT_THE_MOMENT = [sys.executable, "-m", "tests.travel_clock"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _migrate(url: str) -> None:
    subprocess.run([*AT_THE_MOMENT, "web.commands.cli", "migrate"], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": url}, capture_output=True)


def _seed(url: str) -> None:
    from db.accounts.license_import import import_licenses
    from db.engines import bind_tables, engine_for
    from tests.factories import known_license_rows, seed_known, seed_scheduled_inspection
    from tests.unit.db.accounts.test_license_import import csv_lines

    bind_tables(engine_for(url))

    async def seed():
        ids = await seed_known()
        await seed_scheduled_inspection(ids["roof"], date(2030, 1, 15))

    asyncio.run(seed())
    import_licenses(url, csv_lines(known_license_rows(KNOWN_TODAY)))


def _build_database(directory: Path) -> tuple[str, str]:
    """Demo permits from 2014 to 2024 around the known 2025-2026 permits of tests/factories.py.

    Ending the demo's ten years in 2024 keeps its permit numbers (numbered per type and year)
    clear of the known ones; the known parcels sit in map book 9999, which the demo never uses.
    """
    from db.demo.load import load_demo

    url = f"sqlite:///{directory / 'permitline.sqlite3'}"
    _migrate(url)
    load_demo(url, permits=DEMO_PERMITS, seed=7, progress=False, today=date(2024, 12, 31))
    _seed(url)
    return url, f"{DEMO_PERMITS} demo permits (2014-2024) + known data"


def _wait_until_live(process: subprocess.Popen, base_url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base_url}/livez", timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)  # poll interval, bounded by the deadline
    raise RuntimeError(f"uvicorn did not answer /livez within {SERVER_START_TIMEOUT_S} s:\n"
                       f"{log.read_text()}")


class Server:
    """The app under uvicorn on a port of its own; it can be killed and started again on the
    same port and database, as a crash and a restart would."""

    def __init__(self, base_url: str, log: Path, data: str, database_url: str,
                 environment: dict[str, str]) -> None:
        self.base_url = base_url
        self.log = log
        self.data = data
        self.database_url = database_url
        self.environment = environment
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        port = self.base_url.rsplit(":", 1)[1]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [*AT_THE_MOMENT, "uvicorn", "web.app:create_app",
                 "--factory", "--host", "127.0.0.1", "--port", port, "--no-access-log"],
                cwd=ROOT, env=self.environment, stdout=out, stderr=subprocess.STDOUT,
            )
        _wait_until_live(self.process, self.base_url, self.log)

    def kill(self) -> None:
        """SIGKILL: no shutdown, whatever was in flight is cut off."""
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def command(self, *args: str, stdin: str = "") -> None:
        """``permitline …`` against the server's database, as an administrator would."""
        subprocess.run([*AT_THE_MOMENT, "web.commands.cli", *args], cwd=ROOT, input=stdin,
                       text=True, env={**os.environ, "DATABASE_URL": self.database_url},
                       check=True, capture_output=True)

    def create_staff(self, email: str, password: str) -> None:
        self.command("user", "create", "--role", "staff", "--email", email, "--name",
                     "Dana Whitcombe", "--phone", "3235550101", "--supervisor",
                     stdin=password + "\n")

    def create_inspector(self, email: str, password: str, name: str,
                         district: str | None = None) -> None:
        """An inspector account; with ``district``, that district's new inspections go to it."""
        self.command("user", "create", "--role", "inspector", "--email", email, "--name", name,
                     "--phone", "3235550102", stdin=password + "\n")
        if district:
            self.command("district", district, "--inspector", email)

    def approve_as_staff(self, email: str) -> None:
        """What city staff do for a waiting applicant (``permitline user approve``)."""
        subprocess.run([*AT_THE_MOMENT, "web.commands.cli", "user", "approve", email], cwd=ROOT,
                       env={**os.environ, "DATABASE_URL": self.database_url},
                       capture_output=True)

    def log_size(self) -> int:
        return self.log.stat().st_size

    def log_since(self, offset: int) -> str:
        with self.log.open("rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")


class Mailbox:
    """A real SMTP server (aiosmtpd) on loopback that the app sends its e-mail to."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self._arrived = threading.Condition()
        self.port = 0

    async def handle_DATA(self, server, session, envelope):
        with self._arrived:
            self.messages.append(email.message_from_bytes(envelope.content,
                                                          policy=email.policy.default))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, to: str, subject: str) -> email.message.Message:
        """The newest message to ``to`` whose subject starts with ``subject``, waiting for the
        SMTP server to receive it."""
        def found():
            return [m for m in self.messages if m["To"] == to and m["Subject"].startswith(subject)]

        with self._arrived:
            if not self._arrived.wait_for(found, timeout=TIMEOUT_MS / 1000):
                raise AssertionError(f"no e-mail “{subject}…” reached {to}")
            return found()[-1]

    def link_in(self, message: email.message.Message, path: str) -> str:
        found = re.search(r"https?://\S+?(" + re.escape(path) + r"\S+)",
                          message.get_body(("plain",)).get_content())
        assert found, f"no {path} link in the e-mail"
        return found[1]


@pytest.fixture(scope="session")
def mailbox():
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory, mailbox) -> Server:
    directory = tmp_path_factory.mktemp("e2e")
    url, data = _build_database(directory)
    DATA.append(data)
    server = serving(directory, url, data, mailbox)
    try:
        yield server
    finally:
        server.stop()


def serving(directory: Path, url: str, data: str, mailbox: Mailbox) -> Server:
    """Starts the app on a free port against ``url``, e-mail going to ``mailbox``."""
    base_url = f"http://127.0.0.1:{_free_port()}"
    environment = {
        **os.environ, "DATABASE_URL": url, "PERMITLINE_BASE_URL": base_url,
        "PERMITLINE_SMTP_URL": f"smtp://127.0.0.1:{mailbox.port}",
        # Plain http on 127.0.0.1: cookies without Secure (production keeps it on).
        "PERMITLINE_SECURE_COOKIES": "false",
        "PERMITLINE_UPLOAD_DIR": str(directory / "uploads"),
        "PERMITLINE_OPEN_DATA_DIR": str(directory / "open-data"),
    }
    server = Server(base_url, directory / "uvicorn.log", data, url, environment)
    server.start()
    SERVERS.append(server)
    return server


SERVERS: list[Server] = []


DATA: list[str] = []


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
