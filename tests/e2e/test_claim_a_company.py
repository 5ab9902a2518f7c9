"""The first account of a license proves it works for the company with the code from a letter
staff print and mail to the license's address of record (issue 14 §2), on a 360 px phone."""
from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from playwright.sync_api import expect

from tests.e2e.account_pages import (
    DashboardPage, FormPage, RegisterContractorPage, SignInPage, confirm_email, new_email,
    sign_in_as
)
from tests.unit.web.journeys import code_in_letters

LOCKBOX = "Lockbox 2291 behind the meter"


def a_company_with_a_permit(server) -> tuple[str, str]:
    """A license in the state file with an issued permit and an inspection whose request
    carries a lockbox code; nobody has an account for it yet."""
    from db.accounts.license_import import import_licenses
    from db.demo.licenses import license_row
    from db.engines import bind_tables, engine_for
    from db.tables import Inspection, Parcel
    from tests.factories import free_number, make_permit
    from tests.unit.db.accounts.test_license_import import csv_lines

    license_no = str(5_000_000 + uuid.uuid4().int % 999_999)
    row = license_row(license_no, "Harbor Claim Roofing", today=date.today(), classes="C39|B")
    import_licenses(server.database_url, csv_lines([{**row, "MailingAddress": "12 WHARF ST"}]))
    bind_tables(engine_for(server.database_url))

    async def seed() -> str:
        parcel = await Parcel.select(Parcel.id).where(Parcel.apn == "9999-001-001").first()
        number = await free_number("BLD2026")
        permit = await make_permit(
            number, parcel["id"], "8500 Sunset Blvd", subtype="Re-roof", description="Re-roof",
            status="Issued", applied_on=date(2026, 10, 2), issued_on=date(2026, 11, 23),
            contractor=("Harbor Claim Roofing", license_no))
        await Inspection.insert(Inspection(
            permit=permit, type_code="110", type_name="Roof Sheathing",
            requested_on=date(2030, 1, 14), scheduled_for=date(2030, 1, 15),
            status="Scheduled", request_notes=LOCKBOX))
        return number

    # Playwright's sync API holds this thread's event loop: the seeding runs in another.
    with ThreadPoolExecutor(1) as thread:
        return license_no, thread.submit(asyncio.run, seed()).result()


def test_the_first_account_of_a_license_links_to_its_company_with_the_mailed_code(
        tab, other_tab, mailbox, server):
    license_no, number = a_company_with_a_permit(server)
    email = new_email("claim")
    register = RegisterContractorPage(tab)
    register.open()
    register.look_up(license_no)
    expect(register.page.get_by_text("we mail a one-time code to the business address")
           ).to_be_visible()
    tab.check()
    register.create_account(email, name="Rosa Harbor")
    expect(register.heading).to_have_text("Check your e-mail")
    confirm_email(tab, mailbox, email)
    sign_in = SignInPage(tab)
    sign_in.open()
    sign_in.sign_in(email)
    dashboard = DashboardPage(tab)
    expect(dashboard.heading).to_have_text("My Dashboard")
    pending = tab.page.get_by_role("status")
    expect(pending).to_contain_text(
        f"Your account is pending: it is not yet linked to license {license_no}")
    expect(pending).to_contain_text("HARBOR CLAIM ROOFING, 12 WHARF ST")
    expect(tab.page.get_by_role("main")).not_to_contain_text(number)
    tab.check()

    staff = new_email("letters")
    server.create_staff(staff, "desk-lamp-quiet-42")
    letters = sign_in_as(other_tab, staff, "desk-lamp-quiet-42")
    other_tab.page.get_by_role("banner").get_by_role("link", name="Letters").click()
    expect(letters.heading).to_have_text("Claim letters")
    expect(other_tab.page.get_by_role("main")).to_contain_text(email)
    other_tab.check()
    with other_tab.page.expect_download() as printing:
        other_tab.page.get_by_role("button", name="Print today's letters").click()
    pdf = printing.value
    assert pdf.suggested_filename.startswith("claim-letters-")
    code = code_in_letters(open(pdf.path(), "rb").read(), email)

    tab.page.reload()
    form = FormPage(tab)
    expect(tab.page.get_by_role("status")).to_contain_text("5 tries left")
    tab.check()
    form.fill("Code from the letter", code.lower().replace("-", " "))
    form.press("Link my account to the license")
    expect(tab.page.get_by_role("status")).to_contain_text(
        f"Your account is now linked to license {license_no}")
    expect(dashboard.section("My Active Permits").get_by_role(
        "link", name=number, exact=True)).to_be_visible()
    tab.check()
    tab.page.goto(f"/permits/{number}/inspections")
    expect(tab.page.get_by_role("main")).to_contain_text(LOCKBOX)
    tab.check()
