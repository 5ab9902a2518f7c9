"""An inspector works the day's route without a connection: the route saved on the phone,
results queued on the device and synced exactly once — through a server crash, an expired
session, an inspection changed meanwhile, and a replay. Service workers are allowed here."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.account_pages import FormPage, new_email, sign_in_as, sign_out
from tests.e2e.field_phones import (  # noqa: F401 (fixtures: field, phone, other_phone)
    PASSWORD, field, inspector_with_route, keys_recorded, other_phone, phone, queue_offline,
    result_channels, results_of, signed_in_on_today,
)
from tests.e2e.inspector_pages import eventually, rows

pytestmark = pytest.mark.offline


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
