"""The field journeys' own server (they kill and restart it) and inspectors' phones on it, with the
service worker allowed, and what the database says of their results."""
from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.account_pages import new_email, sign_in_as
from tests.e2e.conftest import _tab, _tab_without_js
from tests.e2e.inspector_pages import InspectorPage, rows, seeded_route
from tests.e2e.pages import BrowserTab
from tests.e2e.servers import migrate, serving

PASSWORD = "field-boots-green-7"


# Each test's route gets its own permit numbers (BLD2026-6xxxx, never the demo's).
NUMBERS = itertools.count(60000, 100)


# The route's link to the next working day, named by its date ("Monday 7 December 2026").
NEXT_DAY = re.compile(r"^(Mon|Tues|Wednes|Thurs|Fri)day \d{1,2} [A-Z][a-z]+ \d{4}$")


@pytest.fixture(scope="module")
def field(tmp_path_factory, mailbox):
    """A server of the field journeys' own: they kill and restart it."""
    directory = tmp_path_factory.mktemp("field")
    url = f"sqlite:///{directory / 'field.sqlite3'}"
    migrate(url)
    server = serving(directory, url, "an empty city with seeded routes", mailbox)
    yield server
    server.stop()


@pytest.fixture
def phone(browser, field, request):
    """An inspector's phone, on the field server, with the service worker allowed; errors the
    worker logs fail the test like a page's (the Watcher sees pages only)."""
    for tab in _tab(browser, field, request):
        errors = []
        tab.page.context.on("console", lambda message: errors.append(message.text) if (
            message.page is None and message.type == "error") else None)
        yield tab
        assert not errors, f"the service worker logged errors: {errors}"


@pytest.fixture
def other_phone(browser, field, request):
    """A supervisor's phone on the field server."""
    yield from _tab(browser, field, request)


@pytest.fixture
def phone_without_js(browser, field, request):
    yield from _tab_without_js(browser, field, request)


def inspector_with_route(field, stops: int) -> tuple[str, list[dict]]:
    email = new_email("field")
    field.create_inspector(email, PASSWORD, "Rosa Delgado")
    return email, seeded_route(field.database_url, email, stops, next(NUMBERS))


def signed_in_on_today(tab: BrowserTab, email: str) -> InspectorPage:
    sign_in_as(tab, email, PASSWORD)
    route = InspectorPage(tab)
    route.open_today()
    route.wait_for_worker()
    route.expect_ready_offline()
    return route


def results_of(field, route: list[dict]) -> list[tuple]:
    ids = ",".join(str(stop["id"]) for stop in route)
    return rows(field.database_url,
                f"SELECT id, status, result FROM inspection WHERE id IN ({ids}) ORDER BY id")


def result_channels(field, route: list[dict]) -> list[str]:
    """The audit trail's channel of each stop's result (web/middleware/audit_actor.py)."""
    permits = ",".join(f"'{stop['permit']}'" for stop in route)
    return [r[0] for r in rows(field.database_url, (
        "SELECT a.channel FROM audit_event a JOIN permit p ON p.id = a.permit WHERE"
        f" a.action = 'inspection resulted' AND p.number IN ({permits}) ORDER BY a.id"))]


def keys_recorded(field, keys: list[str]) -> int:
    marks = ",".join("?" * len(keys))
    return rows(field.database_url, "SELECT count(*) FROM idempotency_record WHERE "
                f"substr(key, instr(key, ':') + 1) IN ({marks})", *keys)[0][0]


def queue_offline(page: InspectorPage, route: list[dict], result: str = "Approved") -> list[dict]:
    """With the phone offline, one result per stop: each saved on the device."""
    for n, stop in enumerate(route, start=1):
        page.open_stop(stop["address"])
        page.enter_result(result, notes=f"Checked at {stop['address']}")
        expect(page.page.locator("#result-entry")).to_contain_text(f"— {n} waiting to sync.")
        page.back_to_route()
    return page.queued()
