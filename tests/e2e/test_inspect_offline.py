"""An inspector works the day's route without a connection: the route saved on the phone,
results queued on the device and synced exactly once — through a server crash, an expired
session, an inspection changed meanwhile, and a replay. Service workers are allowed here."""
from __future__ import annotations

import itertools
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.account_pages import FormPage, new_email, sign_in_as, sign_out
from tests.e2e.conftest import _tab, _tab_without_js
from tests.e2e.inspector_pages import InspectorPage, eventually, rows, seeded_route
from tests.e2e.pages import BrowserTab
from tests.e2e.servers import migrate, serving

pytestmark = pytest.mark.offline
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
    expect(page.listed_results).to_have_count(3)
    expect(page.listed_results.first).to_contain_text("Waiting to sync")
    queued = page.queued()
    assert [e["status"] for e in queued] == ["queued"] * 3
    assert all(status == "Scheduled" for _, status, _ in results_of(field, route))

    phone.page.context.set_offline(False)
    expect(page.news).to_contain_text("Synced 3 results.")
    expect(page.device.locator("#device-outbox")).to_be_hidden()
    assert results_of(field, route) == [(stop["id"], "Completed", "Approved") for stop in route]
    assert keys_recorded(field, [e["key"] for e in queued]) == 3
    assert result_channels(field, route) == ["offline sync"] * 3
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

    # Signing out drops the saved pages: their access codes stay off a phone nobody is signed in on.
    sign_out(phone)
    eventually(lambda: phone.page.evaluate("() => caches.has('inspector-pages')"), False)
    phone.page.context.set_offline(True)
    phone.page.goto(f"/inspector/inspections/{route[0]['id']}")
    expect(page.heading).to_have_text("This page is not saved on this device")
    expect(phone.page.get_by_role("main")).not_to_contain_text("Gate code")
    # …and the phone no longer claims a saved route above that page.
    expect(page.saved).not_to_contain_text("route saved")
    expect(page.saved).not_to_contain_text("Ready offline")
    phone.check()


def queue_offline(page: InspectorPage, route: list[dict], result: str = "Approved") -> list[dict]:
    """With the phone offline, one result per stop: each saved on the device."""
    for n, stop in enumerate(route, start=1):
        page.open_stop(stop["address"])
        page.enter_result(result, notes=f"Checked at {stop['address']}")
        expect(page.page.locator("#result-entry")).to_contain_text(f"— {n} waiting to sync.")
        page.back_to_route()
    return page.queued()


def test_an_entry_the_server_refuses_is_corrected_from_the_queue_and_resent(phone, field):
    email, route = inspector_with_route(field, 1)
    page = signed_in_on_today(phone, email)
    phone.page.context.set_offline(True)
    page.open_stop(route[0]["address"])
    page.enter_result("Corrections required", private="Ladder on the north side")
    expect(phone.page.locator("#result-entry")).to_contain_text("1 waiting to sync.")
    page.back_to_route()
    phone.page.context.set_offline(False)
    expect(page.badge).to_have_text("1 needs your attention")
    page.device.get_by_text("Results on this device").click()
    expect(page.listed_results.first).to_contain_text("Needs correcting")
    phone.check()
    page.listed_results.first.get_by_role("link", name=re.compile("^Correct it")).click()
    expect(phone.page.get_by_role("alert")).to_contain_text("Tell the contractor what to correct")
    expect(phone.page.get_by_role("radio", name="Corrections required")).to_be_checked()
    expect(phone.page.get_by_label("Notes for the city only (optional)")).to_have_value(
        "Ladder on the north side")
    phone.check()
    key = page.queued()[0]["key"]
    phone.page.get_by_label("Notes for the contractor").fill("Add ridge nails every 6 in.")
    phone.page.get_by_role("button", name="Record the result").click()
    expect(phone.page.locator("#result-entry")).to_contain_text("Recorded: 145 Roof Nailing")
    assert results_of(field, route) == [(route[0]["id"], "Completed", "Corrections required")]
    assert keys_recorded(field, [key]) == 1, "the corrected entry kept its key"
    eventually(page.queued, [])


def test_a_server_error_is_retried_by_itself_while_the_route_is_open(phone, field):
    email, route = inspector_with_route(field, 2)
    page = signed_in_on_today(phone, email)
    context = phone.page.context
    context.set_offline(True)
    queue_offline(page, route)
    answers = []

    def down_once(request_route):
        answers.append(request_route.request.url)
        if len(answers) == 1:
            request_route.fulfill(status=503, body="Down for a deploy")
        else:
            request_route.continue_()

    context.route("**/inspector/inspections/*/result", down_once)
    context.set_offline(False)
    expect(page.listed_results.first).to_contain_text("The city's server did not answer")
    expect(page.news).to_contain_text("Synced 2 results.", timeout=20_000)
    assert results_of(field, route) == [(stop["id"], "Completed", "Approved") for stop in route]
    context.unroute("**/inspector/inspections/*/result")


def test_a_server_killed_in_the_middle_of_a_sync_loses_and_duplicates_nothing(phone, field):
    email, route = inspector_with_route(field, 4)
    page = signed_in_on_today(phone, email)
    context = phone.page.context
    context.set_offline(True)
    queued = queue_offline(page, route)
    sent = []

    def crash_after_the_second(request_route):
        sent.append(request_route.request.url)
        if len(sent) != 2:
            request_route.continue_()
            return
        request_route.fetch()  # the server records it and answers ...
        field.kill()            # ... and dies before the answer reaches the phone
        request_route.abort("connectionreset")

    context.route("**/inspector/inspections/*/result", crash_after_the_second)
    context.set_offline(False)
    expect(page.news).to_contain_text("Synced 1 result.")
    expect(page.badge).to_have_text("3 waiting to sync")
    assert [s for _, s, _ in results_of(field, route)] == ["Completed"] * 2 + ["Scheduled"] * 2
    field.start()
    page.sync_now()
    expect(page.news).to_contain_text("Synced 3 results.")
    expect(page.device.locator("#device-outbox")).to_be_hidden()
    assert results_of(field, route) == [(stop["id"], "Completed", "Approved") for stop in route]
    assert keys_recorded(field, [e["key"] for e in queued]) == 4
    assert len(sent) == 5, "the second entry was sent again, and answered from its record"
    context.unroute("**/inspector/inspections/*/result")


def test_an_expired_session_keeps_the_queue_until_the_inspector_signs_in_again(phone, field):
    email, route = inspector_with_route(field, 1)
    page = signed_in_on_today(phone, email)
    phone.page.context.set_offline(True)
    [entry] = queue_offline(page, route)
    rows(field.database_url, "DELETE FROM account_session")
    phone.page.context.set_offline(False)
    expect(page.listed_results.first).to_contain_text("Waiting for you to sign in")
    assert page.queued()[0]["status"] == "needs-login"
    assert results_of(field, route) == [(route[0]["id"], "Scheduled", None)]
    phone.check()
    phone.page.get_by_role("link", name="Sign in to sync").click()
    form = FormPage(phone)
    form.fill("E-mail address", email)
    form.fill("Password", PASSWORD)
    form.press("Sign in")
    expect(page.heading).to_have_text(re.compile(r"^Today: "))
    expect(page.news).to_contain_text("Synced 1 result.")
    assert results_of(field, route) == [(route[0]["id"], "Completed", "Approved")]
    assert keys_recorded(field, [entry["key"]]) == 1, "sent with the key it was queued with"


def test_a_result_for_an_inspection_reassigned_meanwhile_goes_to_a_supervisor(phone, other_phone,
                                                                              field):
    email, route = inspector_with_route(field, 1)
    colleague, supervisor = new_email("kofi"), new_email("supervisor")
    field.create_inspector(colleague, PASSWORD, "Kofi Mensah-Park")
    field.create_staff(supervisor, PASSWORD)
    page = signed_in_on_today(phone, email)
    phone.page.context.set_offline(True)
    queue_offline(page, route, result="Partial")

    board = sign_in_as(other_phone, supervisor, PASSWORD)
    board.goto("/staff/inspections")
    stop = other_phone.page.get_by_role("listitem").filter(has_text=route[0]["permit"])
    stop.get_by_role("combobox").select_option(label="Kofi Mensah-Park")
    stop.get_by_role("button", name="Assign").click()
    expect(other_phone.page.get_by_role("listitem").filter(has_text=route[0]["permit"]).locator(
        "option:checked")).to_have_text("Kofi Mensah-Park")

    phone.page.context.set_offline(False)
    expect(page.news).to_contain_text("Kept for a supervisor: 145 Roof Nailing at "
                                      f"{route[0]['address']}")
    expect(phone.page.get_by_role("region", name=re.compile("^Results waiting for a supervisor"))
           ).to_contain_text("Partial")
    phone.check()
    assert results_of(field, route) == [(route[0]["id"], "Scheduled", None)], "nothing dropped"
    other_phone.page.get_by_role("banner").get_by_role("link", name="Conflicts").click()
    waiting = other_phone.page.get_by_role("listitem").filter(has_text=route[0]["permit"])
    expect(waiting).to_contain_text("Partial")
    other_phone.check()
    waiting.get_by_label(re.compile("^Note")).fill("Rosa was on site; Kofi was not")
    waiting.get_by_role("button", name=re.compile("^Record it")).click()
    # The page says what became of it (from the record), and it waits no more.
    expect(other_phone.page.get_by_role("status").filter(has_text=route[0]["permit"])
           ).to_contain_text("was recorded on the permit")
    expect(waiting).to_have_count(0)
    assert results_of(field, route) == [(route[0]["id"], "Completed", "Partial")]
    other_phone.page.goto(f"/permits/{route[0]['permit']}/inspections")
    expect(other_phone.page.get_by_role("main")).to_contain_text("145 Roof Nailing – Completed: Partial")


def test_without_javascript_the_result_form_posts_normally_online(phone_without_js, field):
    email, route = inspector_with_route(field, 1)
    tab = phone_without_js
    sign_in_as(tab, email, PASSWORD)
    page = InspectorPage(tab)
    page.open_today()
    expect(page.device).to_be_hidden()
    page.open_stop(route[0]["address"])
    page.enter_result("Corrections required")
    expect(page.page.get_by_role("alert")).to_contain_text("Tell the contractor what to correct")
    expect(page.page.get_by_role("radio", name="Corrections required")).to_be_checked()
    tab.check()
    page.enter_result("Corrections required", notes="Add ridge nails", private="Ladder on the left")
    expect(tab.page.get_by_role("main")).to_contain_text("145 Roof Nailing · "
                                                         f"{route[0]['permit']} · Completed: "
                                                         "Corrections required")
    assert results_of(field, route) == [(route[0]["id"], "Completed", "Corrections required")]
    assert result_channels(field, route) == ["web"]


def test_a_new_version_waits_never_interrupting_a_half_filled_form_nor_losing_the_queue(
        phone, field):
    email, route = inspector_with_route(field, 2)
    page = signed_in_on_today(phone, email)
    context = phone.page.context
    results = "**/inspector/inspections/*/result"
    context.route(results, lambda request_route: request_route.abort())  # the server unreachable
    page.open_stop(route[0]["address"])
    page.enter_result("Approved")
    expect(phone.page.locator("#result-entry")).to_contain_text("1 waiting to sync.")
    page.back_to_route()
    page.open_stop(route[1]["address"])
    phone.page.get_by_role("radio", name="Not ready").check()
    phone.page.get_by_label("Notes for the contractor").fill("Roof deck still being")
    phone.mark_document()

    field.stop()  # a deploy: the new version of the app changes the pages the worker saves
    field.environment["PERMITLINE_CITY_NAME"] = "City of West Hollywood, updated"
    field.start()
    phone.page.evaluate("() => navigator.serviceWorker.getRegistration('/inspector')"
                        ".then(registration => registration.update())")
    expect(page.device.locator("#device-update")).to_be_visible()
    assert phone.still_same_document(), "no reload in the middle of the form"
    expect(phone.page.get_by_label("Notes for the contractor")).to_have_value("Roof deck still being")
    expect(phone.page.get_by_role("radio", name="Not ready")).to_be_checked()
    assert [e["status"] for e in page.queued()] == ["queued"]

    context.unroute(results)
    phone.page.close()  # the app closed: the new version starts with the next page
    reopened = InspectorPage(BrowserTab(context.new_page(), field.base_url, phone.watcher))
    reopened.goto("/inspector")
    expect(reopened.page.get_by_role("banner")).to_contain_text("City of West Hollywood, updated")
    eventually(lambda: results_of(field, route), [(route[0]["id"], "Completed", "Approved"),
                                                  (route[1]["id"], "Scheduled", None)])
    eventually(reopened.queued, [])


def test_a_stop_of_the_next_working_day_has_no_result_form_offline(phone, field):
    """Issue 14 §6: the next working day's stops are saved on the phone, so one wrong tap
    must not result an inspection that has not happened yet."""
    email, today_route = inspector_with_route(field, 1)
    page = signed_in_on_today(phone, email)
    next_link = phone.page.get_by_role("link", name=NEXT_DAY)
    next_day = next_link.get_attribute("href").split("day=")[1]
    [later] = seeded_route(field.database_url, email, 1, next(NUMBERS), day=date.fromisoformat(
        next_day))
    phone.page.reload()  # the route page saves both days again, the new stop with them
    eventually(lambda: phone.page.evaluate(
        "(url) => caches.open('inspector-pages').then((c) => c.match(url)).then(Boolean)",
        f"/inspector/inspections/{later['id']}"), True)
    phone.page.context.set_offline(True)
    phone.page.get_by_role("link", name=NEXT_DAY).click()
    expect(page.heading).to_have_text(re.compile(r"^Route: "))
    stop = phone.page.get_by_role("listitem").filter(has_text=later["address"])
    expect(stop).to_contain_text("Its result can be recorded from")
    expect(stop.get_by_role("link", name=re.compile("^Enter result"))).to_have_count(0)
    phone.check()
    stop.get_by_role("link", name=re.compile(f"^View for .* at {later['address']}$")).click()
    expect(page.heading).to_have_text("145 Roof Nailing")
    expect(phone.page.get_by_role("main")).to_contain_text("its result can be recorded from "
                                                           "that day.")
    expect(phone.page.get_by_role("button", name="Record the result")).to_have_count(0)
    expect(phone.page.locator("form[data-outbox]")).to_have_count(0)
    phone.check()
    assert results_of(field, [later]) == [(later["id"], "Scheduled", None)]
    assert page.queued() == []
    phone.page.context.set_offline(False)


def test_a_key_replayed_against_another_inspection_stays_visible_as_rejected(phone, field):
    """Issue 14 §5: an entry whose key was used for another inspection is refused, never
    answered with the other one's "Recorded" and dropped; recorded again, it replaces itself."""
    email, route = inspector_with_route(field, 2)
    page = signed_in_on_today(phone, email)
    phone.page.context.set_offline(True)
    page.open_stop(route[0]["address"])
    page.enter_result("Approved", notes="Fastened per plan")
    page.back_to_route()
    [first] = page.queued()
    phone.page.context.set_offline(False)
    expect(page.news).to_contain_text("Synced 1 result.")
    # The same entry, key and all, queued for the second stop (a device bug or a tampered queue).
    second_url = f"/inspector/inspections/{route[1]['id']}/result"
    phone.page.evaluate("""([entry, url, label]) => PermitlineResultQueue.put({...entry, url,
        page: url.replace(/\\/result$/, ""), label, status: "queued", attempts: 0,
        nextAttempt: 0, stamp: "replayed"})""",
                        [first, second_url, f"145 Roof Nailing at {route[1]['address']}"])
    phone.page.reload()  # a page load sends what waits
    expect(page.badge).to_have_text("1 needs your attention")
    page.device.get_by_text("Results on this device").click()
    entry = page.listed_results.first
    expect(entry).to_contain_text(f"145 Roof Nailing at {route[1]['address']}")
    expect(entry).to_contain_text("Needs correcting: This entry's key was already used for "
                                  "another inspection, so it was not recorded.")
    expect(entry).not_to_contain_text("Needs correcting: Needs correcting")
    assert results_of(field, route) == [(route[0]["id"], "Completed", "Approved"),
                                        (route[1]["id"], "Scheduled", None)]
    phone.check()
    entry.get_by_role("link", name=re.compile("^Correct it")).click()
    expect(phone.page.get_by_role("alert")).to_contain_text("already used for another inspection")
    expect(phone.page.get_by_label("Notes for the contractor")).to_have_value("Fastened per plan")
    phone.check()
    phone.page.get_by_role("button", name="Record the result").click()
    expect(phone.page.locator("#result-entry")).to_contain_text(
        f"Recorded: 145 Roof Nailing at {route[1]['address']}")
    assert results_of(field, route) == [(stop["id"], "Completed", "Approved") for stop in route]
    eventually(page.queued, [])


def test_a_page_the_service_worker_does_not_control_never_says_ready_offline(phone, field):
    email, _ = inspector_with_route(field, 1)
    # The first page the worker was installed from is controlled (clients.claim() in its
    # activate) and says "Ready offline · updated …".
    page = signed_in_on_today(phone, email)
    # Loaded past the worker (as a hard reload does), the page would not open offline.
    devtools = phone.page.context.new_cdp_session(phone.page)
    devtools.send("Network.enable")
    devtools.send("Network.setBypassServiceWorker", {"bypass": True})
    phone.page.reload()
    expect(page.saved).to_have_text(
        "The offline copy of inspections will be ready after you reload this page.")
    assert phone.page.evaluate("() => navigator.serviceWorker.controller") is None
    phone.check()
    devtools.send("Network.setBypassServiceWorker", {"bypass": False})
    phone.page.reload()
    page.wait_for_worker()
    page.expect_ready_offline()
