"""A contractor registers on a phone, confirms the address, signs in and uses My Dashboard."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.account_pages import (
    PASSWORD, DashboardPage, FormPage, RegisterContractorPage, SignInPage, confirm_email,
    new_email, register_and_sign_in,
)

pytestmark = pytest.mark.phone390


def test_a_contractor_registers_confirms_signs_in_and_sees_the_dashboard(tab, mailbox, server):
    register_and_sign_in(tab, mailbox, server)
    dashboard = DashboardPage(tab)
    # Other journeys may have issued more of this license's permits: at least the known one.
    active = dashboard.section("My Active Permits")
    expect(active.get_by_role("link", name="BLD2026-00042", exact=True)).to_be_visible()
    expect(active.get_by_role("link", name="Request inspection for BLD2026-00042")).to_be_visible()
    expect(active.get_by_role("link", name="Pay $1.00 for BLD2026-00042")).to_be_visible()
    tab.check()


@pytest.mark.parametrize("license_no, message", [
    ("2000001", "may not be used for permits now: the state has no current workers' "
                "compensation insurance or exemption on file for it"),
    ("2000002", "has no current workers' compensation coverage or exemption"),
    ("2000003", "expired on January 31, 2025"),
])
def test_a_license_in_bad_standing_gets_a_clear_message(tab, license_no, message):
    register = RegisterContractorPage(tab)
    register.open()
    register.look_up(license_no)
    expect(register.error_summary).to_contain_text(message)
    expect(register.field_error(RegisterContractorPage.LICENSE)).to_contain_text(message)
    expect(register.page.get_by_label("Create a password")).to_have_count(0)
    tab.check()


def test_an_unknown_license_is_offered_registration_with_proof(tab):
    register = RegisterContractorPage(tab)
    register.open()
    register.look_up("7654321")
    expect(register.page.get_by_role("heading", name="We could not find license 7654321")
           ).to_be_visible()
    expect(register.page.get_by_label(re.compile("^License certificate"))).to_be_visible()
    tab.check()


def test_a_forgotten_password_is_reset_through_the_emailed_link(tab, mailbox, server):
    email = register_and_sign_in(tab, mailbox, server)
    tab.page.get_by_role("button", name="Sign out").click()
    expect(tab.page.get_by_role("heading", level=1)).to_have_text("Building permits and "
                                                                  "inspections")
    sign_in = SignInPage(tab)
    sign_in.open()
    tab.page.get_by_role("link", name="Forgot your password?").click()
    form = FormPage(tab)
    expect(form.heading).to_have_text("Reset your password")
    form.fill("E-mail address", email)
    form.press("Send the link")
    expect(form.heading).to_have_text("Check your e-mail")
    tab.check()
    message = mailbox.wait_for(email, "Reset your password")
    form.goto(mailbox.link_in(message, "/account/reset/"))
    expect(form.heading).to_have_text("Choose a new password")
    form.fill("New password", "password")
    form.press("Save my new password")
    expect(form.field_error("New password")).to_contain_text("most common")
    tab.check()
    form.fill("New password", "harbor-lights-at-dusk")
    form.press("Save my new password")
    expect(form.heading).to_have_text("Sign in")
    expect(tab.page.get_by_role("status")).to_contain_text("Your password was changed")
    tab.check()
    sign_in.sign_in(email, PASSWORD)
    expect(sign_in.field_error("Password")).to_contain_text("not right")
    sign_in.sign_in(email, "harbor-lights-at-dusk")
    expect(sign_in.heading).to_have_text("My Dashboard")
    tab.check()


def test_following_a_permit_and_cancelling_an_inspection_refresh_their_sections(
        tab, mailbox, server):
    register_and_sign_in(tab, mailbox, server)
    dashboard = DashboardPage(tab)
    tab.mark_document()
    dashboard.fill("Follow a permit by its number", "MEC2026-00003")
    dashboard.press("Follow")
    dashboard.expect_count("Permits I Follow", 1)
    expect(dashboard.section("Permits I Follow").get_by_role("link", name="MEC2026-00003", exact=True)
           ).to_be_visible()
    dashboard.fill("Follow a permit by its number", "BLD2026-99999")
    dashboard.press("Follow")
    expect(dashboard.field_error("Follow a permit by its number")).to_have_text(
        "Error: No permit has the number BLD2026-99999.")
    tab.check()
    inspections = dashboard.section("My Active Inspections")
    before = int(re.search(r"\((\d+)\)", inspections.get_by_role("heading").inner_text())[1])
    inspections.get_by_role("link", name=re.compile("^Cancel the Final inspection")).first.click()
    # The question comes in place, focused; the answer says what was cancelled.
    expect(inspections.locator(".question")).to_be_focused()
    expect(inspections.locator(".question")).to_contain_text("Cancel the Final inspection of")
    tab.check()
    inspections.get_by_role("button", name="Cancel the inspection").click()
    dashboard.expect_count("My Active Inspections", before - 1)
    expect(tab.page.get_by_role("status")).to_contain_text("is cancelled")
    message = tab.page.locator("#dashboard-status .notice")
    expect(message).to_be_focused()  # read out, and on a 360 px screen:
    expect(message).to_be_in_viewport()
    jump = tab.page.get_by_role("navigation", name="Dashboard sections")
    expect(jump.get_by_role("link", name=f"My Active Inspections ({before - 1})")).to_be_visible()
    assert tab.still_same_document(), "the sections were swapped in place, not reloaded"
    dashboard.settle()
    tab.check()


def test_without_javascript_the_same_forms_work(tab_without_js, mailbox, server):
    email = new_email("nojs")
    register = RegisterContractorPage(tab_without_js)
    register.goto("/register/contractor")
    register.look_up("1023456")
    register.create_account(email, name="Kofi Mensah")
    expect(register.heading).to_have_text("Check your e-mail")
    confirm_email(tab_without_js, mailbox, email)
    server.approve_as_staff(email)
    sign_in = SignInPage(tab_without_js)
    sign_in.open()
    sign_in.sign_in(email)
    expect(sign_in.heading).to_have_text("My Dashboard")
    dashboard = DashboardPage(tab_without_js)
    dashboard.fill("Follow a permit by its number", "BLD2026-00042")
    dashboard.press("Follow")
    dashboard.expect_count("Permits I Follow", 1)
    message = tab_without_js.page.locator("#dashboard-status .notice")
    expect(message).to_have_text(re.compile("^You follow BLD2026-00042"))
    expect(message).to_be_in_viewport()  # the address ends #dashboard-status
    tab_without_js.check()


def test_an_owner_builder_registers_for_their_home_and_waits_for_approval(tab, mailbox):
    form = FormPage(tab)
    form.goto("/register")
    tab.check()
    tab.page.get_by_role("link", name="I own my home and will do the work myself").click()
    expect(form.heading).to_have_text("Register as an owner-builder")
    tab.check()
    email = new_email("owner")
    form.fill("Address of the home you own", "1234 N Havenhurst Dr #3")
    form.fill("Your full name", "Maria Owner")
    form.fill("E-mail address", email)
    form.fill("Phone number", "323-555-0177")
    form.fill("Create a password", PASSWORD)
    form.press("Create my account")
    expect(form.error_summary).to_contain_text("Tick every statement")
    expect(tab.page.get_by_label("Address of the home you own")).to_have_value(
        "1234 N Havenhurst Dr #3")
    tab.check()
    for checkbox in tab.page.get_by_role("group", name="Owner-builder declaration"
                                         ).get_by_role("checkbox").all():
        checkbox.check()
    form.fill("Create a password", PASSWORD)
    form.press("Create my account")
    expect(form.heading).to_have_text("Check your e-mail")
    confirm_email(tab, mailbox, email)
    sign_in = SignInPage(tab)
    sign_in.open()
    sign_in.sign_in(email)
    expect(sign_in.heading).to_have_text("My Dashboard")
    expect(tab.page.get_by_role("status")).to_contain_text("reviewing your owner-builder")
    tab.check()
    tab.page.get_by_role("banner").get_by_role("link", name="Account").click()
    expect(form.heading).to_have_text("Your account")
    expect(tab.page.get_by_text("1234 N Havenhurst Dr #3 (parcel 9999-002-003)")).to_be_visible()
    tab.check()


def test_a_contractor_reads_their_license_record_and_changes_the_password(
        tab, mailbox, server):
    register_and_sign_in(tab, mailbox, server)
    tab.page.get_by_role("banner").get_by_role("link", name="Account").click()
    form = FormPage(tab)
    expect(form.heading).to_have_text("Your account")
    expect(tab.page.get_by_text("C-39 (Roofing), B (General Building)")).to_be_visible()
    expect(tab.page.get_by_text("In good standing")).to_be_visible()
    tab.check()
    tab.page.get_by_role("link", name="Change your password").click()
    expect(form.heading).to_have_text("Change your password")
    form.fill("Current password", "not-my-password")
    form.fill("New password", "quiet-meadow-lark-3")
    form.press("Change my password")
    expect(form.field_error("Current password")).to_contain_text("not right")
    tab.check()
    form.fill("Current password", PASSWORD)
    form.fill("New password", "quiet-meadow-lark-3")
    form.press("Change my password")
    expect(tab.page.get_by_role("status")).to_contain_text("Your password was changed")
    tab.page.get_by_role("banner").get_by_role("link", name="My Dashboard").click()
    expect(form.heading).to_have_text("My Dashboard")
    tab.check()


def test_a_colleague_joins_a_license_once_its_first_holder_approves(tab, other_tab, mailbox,
                                                                    server):
    register_and_sign_in(tab, mailbox, server, license_no="1045678")
    newcomer = RegisterContractorPage(other_tab)
    newcomer.open()
    newcomer.look_up("1045678")
    email = new_email("colleague")
    newcomer.create_account(email, name="Nadia Newcomer")
    confirm_email(other_tab, mailbox, email)
    sign_in = SignInPage(other_tab)
    sign_in.open()
    sign_in.sign_in(email)
    expect(other_tab.page.get_by_role("status")).to_contain_text(
        "A colleague already registered for this license")
    other_tab.check()
    tab.page.get_by_role("banner").get_by_role("link", name="Account").click()
    expect(tab.page.get_by_role("heading", name="People asking to join license 1045678")
           ).to_be_visible()
    tab.check()
    tab.page.get_by_role("button", name="Approve Nadia Newcomer").click()
    expect(tab.page.get_by_role("heading", name="People asking to join license 1045678")
           ).to_have_count(0)
    other_tab.page.reload()
    expect(other_tab.page.get_by_role("heading", level=1)).to_have_text("My Dashboard")
    expect(other_tab.page.get_by_role("status")).to_have_count(0)
    other_tab.check()
