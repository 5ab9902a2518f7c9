"""Page objects of inspector mode on a phone: the route, a stop's result form, and what the
device holds (the saved route, the result queue) as the inspector sees it and as IndexedDB has it."""
from __future__ import annotations

import asyncio
import re
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, expect

from tests.e2e.pages import BasePage

CITY = ZoneInfo("America/Los_Angeles")


def city_today():
    return datetime.now(CITY).date()


def seeded_route(database_url: str, inspector_email: str, stops: int, first_number: int,
                 day=None) -> list[dict]:
    """An inspector's route on ``day`` (today in the city), written to the server's database
    as the scheduling of earlier days would have left it."""
    from db.engines import bind_tables, engine_for
    from tests.factories import seed_route

    bind_tables(engine_for(database_url))
    # Playwright's sync API keeps an event loop running in this thread: seed in another.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, seed_route(inspector_email, day or city_today(), stops,
                                                   first_number)).result()


def rows(database_url: str, sql: str, *params) -> list[tuple]:
    """What the server's SQLite database holds, read the way a supervisor's report would."""
    with sqlite3.connect(database_url.split("sqlite:///", 1)[1]) as connection:
        return connection.execute(sql, params).fetchall()


def eventually(read, expected, timeout_s: float = 10.0):
    """Polls ``read()`` until it returns ``expected``: for what the worker does in the
    background, with no page event to wait for. Fails with the last value read."""
    deadline = time.monotonic() + timeout_s
    while (value := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.05)  # poll interval, bounded by the deadline
    assert value == expected
    return value


class InspectorPage(BasePage):
    @property
    def device(self) -> Locator:
        return self.page.get_by_role("region", name="On this device")

    @property
    def saved(self) -> Locator:
        return self.page.locator("#device-saved")

    @property
    def badge(self) -> Locator:
        return self.page.locator("#device-count")

    @property
    def news(self) -> Locator:
        return self.page.locator("#device-news")

    @property
    def listed_results(self) -> Locator:
        return self.page.locator("#device-list > li")

    def wait_for_worker(self) -> None:
        """The service worker controls this page (it claims the page on first install)."""
        self.page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    def expect_ready_offline(self) -> None:
        expect(self.saved).to_have_text(re.compile(r"^Ready offline · updated \d{1,2}:\d\d [ap]m$"))

    def open_today(self) -> None:
        self.page.get_by_role("banner").get_by_role("link", name="Today", exact=True).click()
        expect(self.heading).to_have_text(re.compile(r"^Today: "))

    def open_stop(self, address: str) -> None:
        self.page.get_by_role("link", name=re.compile(f"^Enter result for .* at {address}$")).click()
        expect(self.page.get_by_role("button", name="Record the result")).to_be_visible()

    def enter_result(self, result: str, notes: str = "", private: str = "") -> None:
        self.page.get_by_role("radio", name=result).check()
        if notes:
            self.page.get_by_label("Notes for the contractor").fill(notes)
        if private:
            self.page.get_by_label("Notes for the city only (optional)").fill(private)
        self.page.get_by_role("button", name="Record the result").click()

    def back_to_route(self) -> None:
        self.page.get_by_role("link", name="Back to the route").first.click()
        expect(self.heading).to_have_text(re.compile(r"^(Today|Route): "))

    def queued(self) -> list[dict]:
        """The result queue as IndexedDB holds it."""
        return self.page.evaluate("() => PermitlineResultQueue.entries()")

    def sync_now(self) -> None:
        self.page.get_by_role("button", name="Sync now").click()
