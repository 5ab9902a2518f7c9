"""City staff run the back office: an applicant with an unknown license is approved after
staff read the documents, and the contractor signs in."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.account_pages import (
    FormPage, RegisterContractorPage, SignInPage, confirm_email, new_email, sign_in_as, sign_out,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_staff_approve_a_contractor_after_reading_the_documents(tab, other_tab, mailbox,
                                                                server, tmp_path):
    email, staff = new_email("newco"), new_email("staff")
    register = RegisterContractorPage(tab)
    register.open()
    register.look_up("7654329")
    register.fill("Business name", "Kofi Builders")
    (tmp_path / "license.pdf").write_bytes(PDF)
    (tmp_path / "wc.png").write_bytes(PNG)
    tab.page.get_by_label(re.compile("^License certificate")).set_input_files(
        tmp_path / "license.pdf")
    tab.page.get_by_label(re.compile("^Workers' compensation")).set_input_files(
        tmp_path / "wc.png")
    register.create_account(email, name="Kofi Mensah")
    expect(register.heading).to_have_text("Check your e-mail")
    confirm_email(tab, mailbox, email)

    server.create_staff(staff, "desk-lamp-quiet-42")
    queue = sign_in_as(other_tab, staff, "desk-lamp-quiet-42")
    other_tab.page.get_by_role("banner").get_by_role("link", name="Accounts").click()
    expect(queue.heading).to_have_text("Accounts waiting for approval")
    applicant = other_tab.page.get_by_role("listitem").filter(has_text=email)
    expect(applicant).to_contain_text("Not in the registry")
    expect(applicant.get_by_role("link", name=re.compile("^license_certificate: license.pdf"))
           ).to_be_visible()
    other_tab.check()
    applicant.get_by_role("button", name=f"Reject {email}").click()
    expect(FormPage(other_tab).error_summary).to_contain_text("Tell the applicant why")
    other_tab.check()
    other_tab.page.get_by_role("listitem").filter(has_text=email).get_by_role(
        "button", name=f"Approve {email}").click()
    expect(other_tab.page.get_by_role("status")).to_contain_text("The account was approved")
    expect(other_tab.page.get_by_role("main")).not_to_contain_text(email)
    sign_out(other_tab)

    mailbox.wait_for(email, "Your account was approved")
    sign_in = SignInPage(tab)
    sign_in.open()
    sign_in.sign_in(email)
    expect(sign_in.heading).to_have_text("My Dashboard")
    tab.check()
