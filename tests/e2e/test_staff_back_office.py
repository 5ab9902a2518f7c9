"""City staff run the back office: an applicant with an unknown license is approved after
staff read the documents, and the contractor signs in."""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from playwright.sync_api import expect

from tests.e2e.account_pages import (
    FormPage, RegisterContractorPage, SignInPage, confirm_email, new_email, sign_in_as, sign_out
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
    expect(other_tab.page.get_by_role("status")).to_contain_text(
        f"The account of {email} was approved")
    expect(other_tab.page.get_by_role("listitem").filter(has_text=email)).to_have_count(0)
    sign_out(other_tab)

    mailbox.wait_for(email, "Your account was approved")
    sign_in = SignInPage(tab)
    sign_in.open()
    sign_in.sign_in(email)
    expect(sign_in.heading).to_have_text("My Dashboard")
    tab.check()


def test_plan_review_sends_corrections_the_applicant_resubmits_and_staff_approve(
        tab, other_tab, mailbox, server, tmp_path):
    """Journey (b), as far as plan review: an application with its plan set goes to two
    disciplines, comes back with one's corrections, is resubmitted with plan set v2 and is
    approved."""
    from tests.e2e.account_pages import register_and_sign_in
    from tests.e2e.application_pages import Wizard

    email, reviewer = register_and_sign_in(tab, mailbox, server), new_email("reviewer")
    (tmp_path / "plans.pdf").write_bytes(PDF)
    (tmp_path / "plans-v2.pdf").write_bytes(PDF + b"% corrected\n")
    wizard = Wizard(tab)
    tab.page.get_by_role("link", name="Apply for an e-permit").click()
    wizard.press("Start E-BUILDING")
    wizard.address("8500 Sunset Blvd")
    wizard.scope("Residential Remodel", "Remodel the kitchen and move a bearing wall")
    wizard.valuation("85000", Stories="2")
    wizard.owner()
    wizard.expect_step("Plans and documents")
    wizard.press("Save and continue")
    expect(wizard.error_summary).to_contain_text("Attach the plan set")
    wizard.documents(tmp_path / "plans.pdf")
    wizard.expect_step("Check your answers")
    expect(tab.page.get_by_role("main")).to_contain_text("Plan set v1 (plans.pdf)")
    wizard.press("Submit the application")
    expect(wizard.heading).to_have_text("Application submitted")
    number = tab.page.locator(".reference").inner_text()
    received = mailbox.wait_for(email, f"{number}: application received")
    assert "plan review (Building, Planning)" in received.get_body(("plain",)).get_content()

    server.create_staff(reviewer, "desk-lamp-quiet-42")
    review = sign_in_as(other_tab, reviewer, "desk-lamp-quiet-42")
    # The newest application is on the queue's last page: the header's search finds it.
    finder = other_tab.page.get_by_role("search")
    finder.get_by_label("Find").fill(number)
    finder.get_by_role("button", name="Search").click()
    other_tab.page.get_by_role("link", name=f"Review {number}").click()
    expect(review.heading).to_have_text(f"Plan review of {number}")
    expect(other_tab.page.get_by_role("link", name="plans.pdf")).to_be_visible()
    other_tab.check()
    review.press("Start the review")
    disciplines = other_tab.page.get_by_role("table", name="Each discipline's review this round")
    expect(disciplines).to_contain_text("Building")
    expect(disciplines).to_contain_text("Planning")
    other_tab.page.get_by_label("Reviewer for Building").select_option(label="Dana Whitcombe")
    review.press("Assign Building")
    other_tab.check()
    review.press("Ask for building corrections")
    expect(review.error_summary).to_contain_text("List the corrections")
    other_tab.check()
    review.fill("Building's comments for the applicant",
                "Sheet A2: show the egress window of the new bedroom (CRC R310).")
    review.press("Ask for building corrections")
    expect(other_tab.page.get_by_role("status")).to_contain_text("still reviewing: Planning")
    review.press("Approve planning")
    expect(other_tab.page.get_by_role("status")).to_contain_text("Corrections required")

    message = mailbox.wait_for(email, f"{number}: corrections required")
    answer = FormPage(tab)
    answer.goto(mailbox.link_in(message, "/plan-review/"))
    expect(answer.heading).to_have_text(f"Plan review of {number}")
    expect(tab.page.get_by_role("main")).to_contain_text("CRC R310")
    tab.check()
    tab.page.get_by_label("File", exact=True).set_input_files(tmp_path / "plans-v2.pdf")
    answer.press("Attach the file")
    expect(tab.page.get_by_role("status")).to_contain_text("Plan set attached")
    answer.fill("How you made each correction", "A2 now shows a 5.7 sq ft egress window.")
    answer.press("Resubmit the application")
    expect(tab.page.get_by_role("status")).to_contain_text("back with the plan reviewer")
    tab.check()

    other_tab.page.reload()
    expect(other_tab.page.get_by_role("main")).to_contain_text("A2 now shows a 5.7 sq ft")
    expect(other_tab.page.get_by_role("main")).to_contain_text("Plan set v2")
    expect(disciplines).not_to_contain_text("Planning")  # approved in round 1, done
    review.fill("Building's comments for the applicant", "Approved as corrected.")
    review.press("Approve building")
    expect(other_tab.page.get_by_role("main")).to_contain_text("Approved as corrected.")
    other_tab.check()
    other_tab.page.get_by_role("link", name="My reviews").first.click()
    expect(other_tab.page.get_by_role("main")).to_contain_text("No open review is assigned.")
    other_tab.check()
    tab.page.goto(f"{server.base_url}/permits/{number}")
    expect(tab.page.get_by_role("main")).to_contain_text("Approved")

    # Paid with a waiver: a supervisor waives the plan check fee, with the reason; the
    # applicant pays the rest, and the receipt's PDF opens.
    other_tab.page.goto(f"{server.base_url}/permits/{number}/fees")
    other_tab.page.get_by_role("link", name="Waivers, reductions and credits (staff)").click()
    fees = FormPage(other_tab)
    expect(fees.heading).to_have_text(f"Fees of {number}")
    other_tab.check()
    fees.press("Save the change")
    expect(fees.error_summary).to_contain_text("Choose the fee to change")
    expect(fees.error_summary).to_contain_text("Give the reason")
    other_tab.check()
    plan_check = other_tab.page.locator("#f-fee option", has_text="Plan check").inner_text()
    other_tab.page.get_by_label("Fee (to waive or reduce)").select_option(label=plan_check)
    fees.fill("Reason", "Council resolution 2026-14: seismic safety fee waiver.")
    fees.press("Save the change")
    expect(other_tab.page.get_by_role("status")).to_contain_text("Waived: ")
    other_tab.check()
    tab.page.goto(f"{server.base_url}/permits/{number}/fees")
    expect(tab.page.get_by_role("main")).to_contain_text("(Waived)")
    tab.page.goto(f"{server.base_url}/cart?permit={number}")
    pay = FormPage(tab)
    expect(pay.heading).to_have_text("Fees to pay")
    pay.press("Continue to payment")
    expect(pay.heading).to_have_text(re.compile(r"^Pay \$[\d,]+\.\d\d$"))
    total = pay.heading.inner_text().removeprefix("Pay ")
    pay.fill("Card number", "4242 4242 4242 4242")
    pay.fill("Expiry date (MM/YY)", "12/35")
    pay.fill("Security code", "123")
    pay.press(f"Pay {total}")
    expect(pay.heading).to_have_text("Payment received")
    tab.check()
    reference = tab.page.locator(".reference").inner_text()
    pdf_link = tab.page.get_by_role("link", name="Download the receipt as a PDF")
    pdf = tab.page.request.get(server.base_url + pdf_link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-") and f"RECEIPT {reference}".encode() in pdf.body()
    assert total.encode() in pdf.body() and email.encode() in pdf.body()

    # The History tab: the applicant sees the status changes; staff also the audit trail.
    tab.page.goto(f"{server.base_url}/permits/{number}/history")
    expect(tab.page.get_by_role("main")).to_contain_text("In Review")
    expect(tab.page.get_by_role("main")).not_to_contain_text("Audit trail")
    other_tab.page.goto(f"{server.base_url}/permits/{number}/history")
    trail = other_tab.page.get_by_role("table", name=f"Audit trail of {number}")
    expect(trail).to_contain_text("plan review corrections")
    expect(trail).to_contain_text(reviewer)
    expect(trail.get_by_role("row").filter(has_text="plan review response")).to_contain_text(
        email)
    expect(trail).to_contain_text("applied")
    other_tab.check()

    # The applicant withdraws: staff cancel the permit by hand, with the reason.
    other_tab.page.goto(f"{server.base_url}/permits/{number}")
    other_tab.page.get_by_role("link", name="Change the status (staff)").click()
    by_hand = FormPage(other_tab)
    expect(by_hand.heading).to_have_text(f"Change the status of {number}")
    other_tab.check()
    other_tab.page.get_by_label("Cancel the permit").check()
    by_hand.press("Change the status")
    expect(by_hand.error_summary).to_contain_text("Give the reason")
    other_tab.check()
    by_hand.fill("Reason", "The owner withdrew the application.")
    by_hand.press("Change the status")
    expect(other_tab.page.get_by_role("main")).to_contain_text("Cancelled")
    expect(other_tab.page.get_by_role("table", name=f"Audit trail of {number}")).to_contain_text(
        "The owner withdrew the application.")

    # Every change, newest first, in the staff's audit log.
    other_tab.page.get_by_role("banner").get_by_role("link", name="Audit log").click()
    latest = other_tab.page.get_by_role("table", name="The latest changes")
    expect(latest.get_by_role("row").nth(1)).to_contain_text("status changed")
    expect(latest.get_by_role("row").nth(1)).to_contain_text(number)
    other_tab.check()


def test_staff_find_an_application_on_page_three_of_the_queue_and_by_search(tab, server):
    """Issue 16 journey (d): the queue reaches its third page by plain links, and the header's
    search box finds the same application from its number written without its hyphen."""
    staff = new_email("finder")
    server.create_staff(staff, "desk-lamp-quiet-42")
    sign_in_as(tab, staff, "desk-lamp-quiet-42")
    page = tab.page
    page.get_by_role("banner").get_by_role("link", name="Plan review").click()
    expect(page.get_by_text("141 applications need plan review, oldest first.")).to_be_visible()
    for _ in range(2):
        page.get_by_role("navigation", name="Pages of the queue").get_by_role(
            "link", name="Next page").click()
    expect(page.get_by_text("Applications 51–75 of 141")).to_be_visible()
    tab.check()
    review = page.get_by_role("link", name=re.compile(r"^Review [A-Z]{3}\d{4}-\d{5}$")).nth(3)
    number = review.inner_text().removeprefix("Review ")

    finder = page.get_by_role("search")
    finder.get_by_label("Find").fill(number.replace("-", ""))
    finder.get_by_role("button", name="Search").click()
    applications = page.get_by_role("region", name="Applications in plan review")
    expect(applications.get_by_role("link", name=f"Review {number}")).to_be_visible()
    tab.check()
    applications.get_by_role("link", name=f"Review {number}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    tab.check()


def _dollars(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(",", ""))


def test_a_cashier_closes_the_day_and_its_totals_equal_the_days_payments(
        tab, other_tab, mailbox, server):
    """Issue 16 journey (c): a payment taken, then the cashier's close of the day: by method,
    by fee account and the ledger's entries all add up to the same total, which is the sum
    of the day's entries; the CSV says the same."""
    from tests.e2e.application_pages import Wizard, submitted_water_heater

    submitted_water_heater(tab, mailbox, server)
    Wizard(tab).pay_by_card("$83.60")
    reference = tab.page.locator(".reference").inner_text()
    cashier = new_email("cashier")
    server.create_staff(cashier, "desk-lamp-quiet-42")
    sign_in_as(other_tab, cashier, "desk-lamp-quiet-42")
    page = other_tab.page
    page.get_by_role("banner").get_by_role("link", name="Payments").click()
    page.get_by_role("link", name="Daily close").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Daily close: ")
    expect(page.get_by_role("status")).to_contain_text("The day reconciles")
    other_tab.check()
    entries = page.get_by_role("table", name="Every ledger entry of the day, oldest first")
    expect(entries).to_contain_text(reference)
    entered = sum((_dollars(t) for t in entries.locator("tbody td.num").all_inner_texts()),
                  Decimal("0"))
    totals = [_dollars(page.get_by_role("table", name=name).locator("tfoot td.num")
                       .inner_text())
              for name in ("The day's money by method: charges, refunds and voids apart",
                           "The day's money by fee account; a refund or void takes its fees "
                           "back out", "Every ledger entry of the day, oldest first")]
    assert totals == [entered] * 3 and entered >= Decimal("83.60")
    link = page.get_by_role("link", name="Download the close as CSV")
    csv_file = page.request.get(server.base_url + link.get_attribute("href"))
    assert csv_file.ok and csv_file.headers["content-type"].startswith("text/csv")
    [total_row] = [row for row in csv.reader(io.StringIO(csv_file.text()))
                   if row[0] == "total"]
    assert Decimal(total_row[4]) == entered

