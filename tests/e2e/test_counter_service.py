"""Issue 16 journey (a): city staff book, move and cancel an inspection for a caller."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.account_pages import new_email, sign_in_as
from tests.e2e.application_pages import issued_water_heater


def test_staff_book_move_and_cancel_a_caller_s_inspection(tab, other_tab, mailbox, server):
    """Issue 16 journey (a): a contractor calls the counter; staff find the permit from the
    header, book its final, move it and cancel it, each e-mailed to the contractor and in the
    audit log on the channel "counter"."""
    email, number = issued_water_heater(tab, mailbox, server)
    clerk = new_email("counter")
    server.create_staff(clerk, "desk-lamp-quiet-42")
    sign_in_as(other_tab, clerk, "desk-lamp-quiet-42")
    page = other_tab.page
    finder = page.get_by_role("search")
    finder.get_by_label("Find").fill(number)
    finder.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=re.compile(number)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    page.get_by_role("main").get_by_role("link", name=re.compile("^Inspections")).click()
    page.get_by_role("link", name="Book an inspection for a caller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book an inspection for a caller")
    other_tab.check()
    page.get_by_label("Inspection", exact=True).select_option(label="399 Plumbing Final")
    page.get_by_role("group", name="Date").get_by_role("radio").first.check()
    page.get_by_label("Who will meet the inspector").fill("Rosa Caller")
    page.get_by_label("Their phone number").fill("323-555-0199")
    page.get_by_role("button", name="Book the inspection").click()
    expect(page.get_by_role("status")).to_contain_text("Read the confirmation number")
    confirmation = page.locator(".reference").inner_text()
    assert re.fullmatch(r"\d{7}", confirmation)
    other_tab.check()
    mailbox.wait_for(email, f"{number}: 399 Plumbing Final inspection scheduled")

    page.get_by_role("link", name="Move to another date").click()
    page.get_by_role("group", name="New date").get_by_role("radio").first.check()
    page.get_by_role("button", name="Move the inspection").click()
    expect(page.get_by_role("status")).to_contain_text("Moved.")
    mailbox.wait_for(email, f"{number}: 399 Plumbing Final inspection moved")
    page.get_by_role("link", name="Cancel the inspection").click()
    other_tab.check()
    page.get_by_role("button", name="Cancel the inspection").click()
    expect(page.get_by_role("status")).to_contain_text("Cancelled.")
    mailbox.wait_for(email, f"{number}: 399 Plumbing Final inspection cancelled")

    page.goto(f"{server.base_url}/staff/audit?channel=counter&about={number}")
    log = page.get_by_role("main")
    for action in ("inspection requested", "inspection rescheduled", "inspection cancelled"):
        expect(log).to_contain_text(action)
    other_tab.check()
