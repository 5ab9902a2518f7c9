"""A contractor applies for e-permits on a phone: step by step, a draft resumed, submitted."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.account_pages import FormPage, new_email, register_and_sign_in
from tests.e2e.application_pages import Wizard, issued_water_heater

pytestmark = pytest.mark.phone390


@pytest.mark.parametrize("family, work, fill, total", [
    ("E-BUILDING", "Re-roof", {"valuation": "18,500", "Stories": "2"}, "$335.24"),
    ("E-MECHANICAL", "HVAC Change-out", {"Air conditioner": "1"}, "$83.60"),
    ("E-ELECTRICAL", "EV Charger", {"EV charger": "1", "New circuit": "2"}, "$134.36"),
    ("E-PLUMBING", "Water Heater", {"Water heater": "1"}, "$83.60"),
])
def test_each_e_permit_is_applied_for_and_submitted(tab, mailbox, server, family, work, fill,
                                                    total):
    register_and_sign_in(tab, mailbox, server)
    wizard = Wizard(tab)
    tab.page.get_by_role("link", name="Apply for an e-permit").click()
    wizard.expect_step("Apply for an e-permit")
    wizard.press(f"Start {family}")
    wizard.address("8500 Sunset Blvd")
    wizard.scope(work, f"{work} for the storefront")
    wizard.valuation(fill.pop("valuation", ""), **fill)
    wizard.owner()
    wizard.documents()
    number = wizard.submit(total)
    assert re.fullmatch(r"(BLD|MEC|ELE|PLM)\d{4}-\d{5}", number)
    wizard.pay_by_card(total)
    expect(tab.page.get_by_role("heading", name="Issued")).to_be_visible()
    tab.page.get_by_role("link", name=f"Permit card for {number}").click()
    expect(wizard.heading).to_have_text(f"Permit {number}")
    expect(tab.page.get_by_role("img", name=re.compile("^QR code"))).to_be_visible()
    tab.check()
    pdf = tab.page.request.get(tab.page.url + ".pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF") and number.encode() in pdf.body()
    tab.page.go_back()
    tab.page.get_by_role("link", name="Go to My Dashboard").click()
    expect(tab.page.get_by_role("region", name=re.compile("^My Active Permits")
                                ).get_by_role("link", name=number, exact=True)).to_be_visible()
    tab.check()


def test_a_draft_is_left_and_resumed_from_the_dashboard_with_nothing_lost(tab, mailbox, server):
    register_and_sign_in(tab, mailbox, server)
    wizard = Wizard(tab)
    tab.page.get_by_role("link", name="Apply for an e-permit").click()
    wizard.press("Start E-BUILDING")
    wizard.address("8500 sun")
    expect(wizard.field_error("Street address of the work")).to_contain_text(
        "could not find that address")
    expect(tab.page.get_by_label("Street address of the work")).to_have_value("8500 sun")
    tab.check()
    wizard.address("8500 Sunset Blvd")
    wizard.expect_step("What is the work?")
    wizard.fill("Description of the work", "Half-written description")
    wizard.press("Save and continue")
    expect(wizard.error_summary).to_contain_text("Choose the type of work")
    tab.check()
    tab.page.get_by_role("link", name="Back to My Dashboard").click()
    applications = tab.page.get_by_role("region", name=re.compile("^Applications in Progress"))
    applications.get_by_role("link", name=re.compile("^Resume")).first.click()
    wizard.expect_step("What is the work?")
    expect(tab.page.get_by_label("Description of the work")).to_have_value(
        "Half-written description")


def test_staff_find_a_payment_by_its_receipt_number_and_refund_it(tab, other_tab, mailbox,
                                                                   server):
    issued_water_heater(tab, mailbox, server)
    reference = tab.page.locator(".reference").inner_text()
    email = new_email("staff")
    server.create_staff(email, "counter-desk-lamp-9")
    staff = FormPage(other_tab)
    staff.goto("/sign-in")
    staff.fill("E-mail address", email)
    staff.fill("Password", "counter-desk-lamp-9")
    staff.press("Sign in")
    other_tab.page.get_by_role("banner").get_by_role("link", name="Payments").click()
    staff.expect_step = Wizard(other_tab).expect_step
    staff.expect_step("Find a payment")
    staff.fill("Receipt number", reference)
    staff.press("Find")
    staff.expect_step(f"Payment {reference}")
    staff.fill("Reason", "Permit withdrawn by the owner")
    other_tab.check()
    width = other_tab.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    staff.press("Refund this payment")
    expect(other_tab.page.get_by_role("row", name=re.compile("^Balance"))).to_contain_text(
        "$0.00")
    other_tab.check()
    other_tab.page.get_by_role("banner").get_by_role("link", name="Plan review").click()
    staff.expect_step("Plan review queue")
