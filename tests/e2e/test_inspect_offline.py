"""An inspector works the day's route without a connection: the route saved on the phone,
results queued on the device and synced exactly once — through a server crash, an expired
session, an inspection changed meanwhile, and a replay. Service workers are allowed here."""
from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.account_pages import new_email, sign_in_as
from tests.e2e.conftest import _migrate, _tab, serving
from tests.e2e.inspector_pages import InspectorPage, rows, seeded_route
from tests.e2e.pages import BrowserTab

pytestmark = pytest.mark.offline
PASSWORD = "field-boots-green-7"
# Each test's route gets its own permit numbers (BLD2026-6xxxx, never the demo's).
NUMBERS = itertools.count(60000, 100)


@pytest.fixture(scope="module")
def field(tmp_path_factory, mailbox):
    """A server of the field journeys' own: they kill and restart it."""
    directory = tmp_path_factory.mktemp("field")
    url = f"sqlite:///{directory / 'field.sqlite3'}"
    _migrate(url)
    server = serving(directory, url, "an empty city with seeded routes", mailbox)
    yield server
    server.stop()


@pytest.fixture
def phone(browser, field, request):
    """An inspector's phone, on the field server, with the service worker allowed."""
    yield from _tab(browser, field, request)


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


def keys_recorded(field, keys: list[str]) -> int:
    marks = ",".join("?" * len(keys))
    return rows(field.database_url, "SELECT count(*) FROM idempotency_record WHERE "
                f"substr(key, instr(key, ':') + 1) IN ({marks})", *keys)[0][0]


def test_results_entered_offline_sync_exactly_once_when_back_online(phone, field):
    email, route = inspector_with_route(field, 3)
    page = signed_in_on_today(phone, email)
    phone.check()
    phone.page.context.set_offline(True)
    phone.page.reload()
    expect(page.saved).to_have_text(re.compile(r"^Offline · route saved at "))
    expect(phone.page.get_by_role("main")).to_contain_text("3 inspections, in route order.")
    expect(phone.page.get_by_role("main")).to_contain_text("On-site notes and access codes: Gate code 4000#")
    for n, stop in enumerate(route, start=1):
        page.open_stop(stop["address"])
        page.enter_result("Approved", notes=f"Nailing pattern correct at {stop['address']}")
        expect(phone.page.locator("#result-entry")).to_contain_text(
            f"Saved on this device — {n} waiting to sync.")
        expect(page.badge).to_have_text(f"{n} waiting to sync")
        phone.check()
        page.back_to_route()
    expect(page.outbox_entries).to_have_count(3)
    expect(page.outbox_entries.first).to_contain_text("Waiting to sync")
    queued = page.queued()
    assert [e["status"] for e in queued] == ["queued"] * 3
    assert all(status == "Scheduled" for _, status, _ in results_of(field, route))

    phone.page.context.set_offline(False)
    expect(page.news).to_contain_text("Synced 3 results.")
    expect(page.device.locator("#device-outbox")).to_be_hidden()
    assert results_of(field, route) == [(stop["id"], "Completed", "Approved") for stop in route]
    assert keys_recorded(field, [e["key"] for e in queued]) == 3
    assert page.queued() == []
    phone.check()

    # A replay of a key already synced gets the stored answer and writes nothing.
    first = queued[0]
    token = phone.page.evaluate("() => JSON.parse(document.body.getAttribute('hx-headers'))"
                                "['X-CSRF-Token']")
    replay = phone.page.request.post(first["url"], form=dict(first["fields"]), headers={
        "Idempotency-Key": first["key"], "X-CSRF-Token": token, "HX-Request": "true"})
    assert replay.status == 200 and replay.headers["idempotent-replayed"] == "true"
    assert "Recorded:" in replay.text() and replay.headers["idempotency-key"] == first["key"]
    assert results_of(field, route) == [(stop["id"], "Completed", "Approved") for stop in route]
    assert keys_recorded(field, [e["key"] for e in queued]) == 3

    for stop in route:
        phone.page.goto(f"/permits/{stop['permit']}/inspections")
        expect(phone.page.get_by_role("main")).to_contain_text("145 Roof Nailing – Completed: Approved")
