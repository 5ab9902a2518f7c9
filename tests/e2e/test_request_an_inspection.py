"""A contractor requests an inspection on a phone, sees it on the dashboard and cancels it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.account_pages import new_email, sign_in_as, sign_out
from tests.e2e.application_pages import Wizard, issued_water_heater
from tests.e2e.inspector_pages import city_today, rows

pytestmark = pytest.mark.phone390


def test_an_inspection_is_requested_confirmed_by_e_mail_listed_and_cancelled(tab, mailbox,
                                                                             server):
    email, number = issued_water_heater(tab, mailbox, server)
    page = Wizard(tab)
    tab.page.get_by_role("link", name="Go to My Dashboard").click()
    tab.page.get_by_role("link", name=f"Request inspection for {number}").click()
    page.expect_step("Request an inspection")
    expect(tab.page.get_by_label("Their phone number")).to_have_value("323-555-0100")
    page.press("Request the inspection")
    expect(page.error_summary).to_contain_text("Choose the inspection you need.")
    expect(page.field_error("Inspection")).to_contain_text("Choose the inspection")
    tab.check()
    tab.page.get_by_label("Inspection", exact=True).select_option(label="399 Plumbing Final")
    first_date = tab.page.get_by_role("group", name="Date").get_by_role("radio").first
    day = tab.page.locator(f"label[for='{first_date.get_attribute('id')}']").inner_text()
    first_date.check()
    page.fill("Notes for the inspector (optional)", "Water heater is in the garage, code 5521")
    page.press("Request the inspection")
    page.expect_step("Inspection requested")
    confirmation = tab.page.locator(".reference").inner_text()
    assert re.fullmatch(r"\d{7}", confirmation)
    message = mailbox.wait_for(email, f"{number}: 399 Plumbing Final inspection scheduled")
    assert " ".join(confirmation) in message.get_body(("plain",)).get_content()
    calendar = next(part for part in message.iter_attachments()
                    if part.get_content_type() == "text/calendar")
    assert "BEGIN:VEVENT" in calendar.get_content()
    tab.page.get_by_role("link", name="Go to My Dashboard").click()
    inspections = tab.page.get_by_role("region", name=re.compile("^My Active Inspections"))
    expect(inspections).to_contain_text(f"Confirmation {confirmation}")
    expect(inspections).to_contain_text(day.split(" (")[0])
    tab.check()
    inspections.get_by_role("link", name=re.compile(f"^Cancel the Plumbing Final inspection "
                                                    f"of {number}")).click()
    inspections.get_by_role("button", name="Cancel the inspection").click()
    expect(inspections).not_to_contain_text(confirmation)
    expect(tab.page.get_by_role("status")).to_contain_text(
        f"The Plumbing Final inspection of {number} on")
    tab.check()
    mailbox.wait_for(email, f"{number}: 399 Plumbing Final inspection cancelled")
    tab.page.goto(f"{server.base_url}/permits/{number}/inspections")
    expect(tab.page.get_by_role("main")).to_contain_text("399 Plumbing Final – Cancelled")
    expect(tab.page.get_by_role("main")).to_contain_text("code 5521")
    tab.check()


def test_without_javascript_an_inspection_is_requested_moved_and_cancelled(tab_without_js,
                                                                           mailbox, server):
    tab = tab_without_js
    email, number = issued_water_heater(tab, mailbox, server)
    page = Wizard(tab)
    tab.page.goto(f"{server.base_url}/permits/{number}/inspections")
    tab.page.get_by_role("link", name="Request an inspection").click()
    page.expect_step("Request an inspection")
    tab.page.get_by_label("Inspection", exact=True).select_option(label="399 Plumbing Final")
    dates = tab.page.get_by_role("group", name="Date").get_by_role("radio")
    dates.first.check()
    page.fill("Their phone number", "323-555")
    page.press("Request the inspection")
    expect(page.field_error("Their phone number")).to_contain_text("10-digit phone number")
    expect(tab.page.get_by_label("Inspection", exact=True)).to_have_value("399")
    page.fill("Their phone number", "323-555-0190")
    tab.page.get_by_role("group", name="Date").get_by_role("radio").first.check()
    page.press("Request the inspection")
    page.expect_step("Inspection requested")
    confirmation = tab.page.locator(".reference").inner_text()
    tab.page.get_by_role("link", name="Choose another date").click()
    page.expect_step("Choose another date")
    tab.check()
    new_day = tab.page.get_by_role("radio").first
    label = tab.page.locator(f"label[for='{new_day.get_attribute('id')}']").inner_text()
    new_day.check()
    page.press("Move the inspection")
    expect(tab.page.get_by_role("main")).to_contain_text(label)
    mailbox.wait_for(email, f"{number}: 399 Plumbing Final inspection moved")
    tab.check()
    tab.page.get_by_role("link", name="Cancel this inspection").click()
    expect(page.heading).to_have_text(re.compile(
        f"^Cancel the Plumbing Final inspection of {number} on .*\\?$"))
    tab.check()
    page.press("Cancel the inspection")
    expect(page.heading).to_have_text("My Dashboard")
    expect(tab.page.get_by_role("status")).to_contain_text("is cancelled")
    assert "/dashboard?cancelled=" in tab.page.url
    expect(tab.page.get_by_role("region", name=re.compile("^My Active Inspections"))
           ).not_to_contain_text(confirmation)
    mailbox.wait_for(email, f"{number}: 399 Plumbing Final inspection cancelled")


def test_staff_reassign_an_inspection_and_the_inspector_records_its_result(tab, other_tab,
                                                                            mailbox, server):
    password = "field-boots-green-7"
    west, other, staff = new_email("west"), new_email("kofi"), new_email("staff")
    server.create_inspector(west, password, "Rosa Delgado", district="West")
    server.create_inspector(other, password, "Kofi Mensah-Park")
    server.create_staff(staff, password)
    email, number = issued_water_heater(tab, mailbox, server)
    page = Wizard(tab)
    tab.page.goto(f"{server.base_url}/permits/{number}/inspections/request")
    tab.page.get_by_label("Inspection", exact=True).select_option(label="399 Plumbing Final")
    first_date = tab.page.get_by_role("group", name="Date").get_by_role("radio").first
    day = first_date.get_attribute("value")
    first_date.check()
    page.press("Request the inspection")
    page.expect_step("Inspection requested")

    board = sign_in_as(other_tab, staff, password)
    other_tab.page.get_by_role("banner").get_by_role("link", name="Inspections", exact=True).click()
    board.fill("Another day", day)
    board.press("Show")
    stop = other_tab.page.get_by_role("listitem").filter(has_text=number)
    expect(stop.get_by_role("combobox")).to_have_value(re.compile(r"\d+"))
    expect(stop.get_by_role("combobox").locator("option:checked")).to_have_text("Rosa Delgado")
    other_tab.check()
    stop.get_by_role("combobox").select_option(label="Kofi Mensah-Park")
    stop.get_by_role("button", name="Assign").click()
    expect(other_tab.page.get_by_role("listitem").filter(has_text=number).locator(
        "option:checked")).to_have_text("Kofi Mensah-Park")
    sign_out(other_tab)

    route = sign_in_as(other_tab, other, password)
    other_tab.page.get_by_role("banner").get_by_role("link", name="Today", exact=True).click()
    route.fill("Another day", day)
    route.press("Show")
    other_tab.check()
    # Its day has not come: the inspection is listed to view, not to result (issue 14 §6).
    booked = other_tab.page.get_by_role("listitem").filter(has_text=number)
    expect(booked).to_contain_text("Its result can be recorded from")
    expect(booked.get_by_role("link", name=re.compile("^Enter result"))).to_have_count(0)
    # The day comes (the server runs on the real clock: the inspection is moved to today).
    today = city_today().isoformat()
    rows(server.database_url, "UPDATE inspection SET scheduled_for = ? WHERE permit = (SELECT id"
         " FROM permit WHERE number = ?)", today, number)
    route.fill("Another day", today)
    route.press("Show")
    other_tab.page.get_by_role("link", name=re.compile("^Enter result for Plumbing Final")
                               ).click()
    expect(route.heading).to_have_text("399 Plumbing Final")
    other_tab.check()
    other_tab.page.get_by_role("radio", name="Corrections required").check()
    route.press("Record the result")
    expect(route.error_summary).to_contain_text("Tell the contractor what to correct")
    other_tab.check()
    route.fill("Notes for the contractor", "Add the seismic strap to the water heater")
    route.fill("Notes for the city only (optional)", "Owner was helpful")
    other_tab.page.get_by_label("Reinspection needed").check()
    route.press("Record the result")
    expect(other_tab.page.locator("#result-entry")).to_contain_text("Recorded: 399 Plumbing Final")
    expect(other_tab.page.get_by_role("region", name="On this device")).to_be_hidden()
    other_tab.check()
    other_tab.page.get_by_role("link", name="Back to the route").last.click()
    expect(other_tab.page.get_by_role("main")).to_contain_text(
        "399 Plumbing Final · " + number + " · Completed: Corrections required")

    mailbox.wait_for(email, f"{number}: 399 Plumbing Final inspection Corrections required")
    tab.page.goto(f"{server.base_url}/permits/{number}/inspections")
    main = tab.page.get_by_role("main")
    expect(main).to_contain_text("Add the seismic strap to the water heater")
    expect(main).not_to_contain_text("Owner was helpful")
    tab.check()
