"""Inspector mode beyond the sync itself: the form without JavaScript, a new version of the
service worker that waits, the next working day's stops, a key replayed elsewhere, and a page
the worker does not control. Service workers are allowed here."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.account_pages import sign_in_as
from tests.e2e.field_phones import (  # noqa: F401 (fixtures: field, phone, phone_without_js)
    NEXT_DAY, NUMBERS, PASSWORD, field, inspector_with_route, phone, phone_without_js,
    result_channels, results_of, signed_in_on_today,
)
from tests.e2e.inspector_pages import InspectorPage, eventually, seeded_route
from tests.e2e.pages import BrowserTab
from tests.e2e.servers import TIMEOUT_MS

pytestmark = pytest.mark.offline


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
    # The first page after the deploy waits while the browser starts the new worker and
    # activates it (the spec holds navigations until then) and the restarted server answers
    # its first page: once over 10 s on CI's two loaded cores, where the unit suite runs beside.
    reopened.page.goto("/inspector", timeout=3 * TIMEOUT_MS)
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
