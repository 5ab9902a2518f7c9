"""Staff approve or reject accounts waiting for them, with the documents before them."""
from __future__ import annotations

import io

from db.engines import fetch_rows
from domain.accounts import Role
from tests.unit.test_support import accounts_page_with, waiting_emails
from tests.unit.web.account.test_registration import PDF
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import PASSWORD, csrf, new_email


def waiting_contractor(portal, license_no: str) -> str:
    client = portal.client()
    client.get("/register/contractor", params={"license": license_no})
    email = new_email("newco")
    response = client.post("/register/contractor", follow_redirects=False, data={
        "license": license_no, "business_name": "New Co", "name": "Kofi Mensah",
        "email": email, "phone": "3235550111", "password": PASSWORD,
        "csrf_token": csrf(client)}, files={
        "license_certificate": ("license.pdf", io.BytesIO(PDF), "application/pdf"),
        "insurance": ("wc.png", io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "image/png")})
    assert response.status_code == 303
    return email


def applicant_of(page, email: str):
    return next(a for a in page.context["applicants"] if a.email == email)


def test_staff_approve_an_applicant_after_reading_their_documents_and_they_are_emailed(portal):
    email = waiting_contractor(portal, "7654322")
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    queue = accounts_page_with(staff, email)
    applicant = applicant_of(queue, email)
    assert applicant.license_no == "7654322" and "Not in the registry" in queue.text
    assert [d.kind for d in applicant.documents] == ["license_certificate", "insurance"]
    document = staff.get(f"/staff/documents/{applicant.documents[0].id}")
    assert document.content == PDF and document.headers["content-type"] == "application/pdf"
    assert document.headers["content-disposition"].startswith("attachment;")
    approved = staff.post(f"/staff/accounts/{applicant.id}/decide", data={
        "csrf_token": csrf(staff), "decision": "approve"}, follow_redirects=False)
    assert approved.status_code == 303
    assert staff.get(approved.headers["location"]).context["decided"] == (
        f"The account of {email} was approved; the applicant is being e-mailed.")
    assert fetch_rows(portal.url, f"SELECT verification FROM account WHERE email = '{email}'"
                      ) == [("verified",)]
    assert portal.mail_to(email)[-1][0] == "Your account was approved"
    assert email not in waiting_emails(staff)
    again = staff.post(f"/staff/accounts/{applicant.id}/decide", data={
        "csrf_token": csrf(staff), "decision": "reject", "reason": "Changed my mind"})
    assert again.status_code == 409, "decided already: nothing changes"
    assert "That account was already approved: nothing was changed." in again.text
    missing = staff.post("/staff/accounts/987654321/decide", data={
        "csrf_token": csrf(staff), "decision": "approve"})
    assert missing.status_code == 404
    assert ("There is no account 987654321 waiting for a decision: nothing was decided."
            in missing.text)
    staff_id = fetch_rows(portal.url, "SELECT id FROM account WHERE role = 'staff' LIMIT 1")[0][0]
    assert staff.get(f"/staff/accounts?decided={staff_id}").context["decided"] == "", (
        "the address bar alone says nothing")


def test_a_rejection_needs_a_reason_and_nobody_but_staff_sees_the_queue_or_documents(portal):
    email = waiting_contractor(portal, "7654323")
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Rosa Delgado")
    applicant = applicant_of(accounts_page_with(staff, email), email)
    decide = f"/staff/accounts/{applicant.id}/decide"
    silent = staff.post(decide, data={"csrf_token": csrf(staff), "decision": "reject",
                                      "reason": "  "})
    assert silent.status_code == 422 and "Tell the applicant why" in silent.text
    assert inspector.get("/staff/accounts").status_code == 403
    assert inspector.get(f"/staff/documents/{applicant.documents[0].id}").status_code == 403
    assert portal.client().get(f"/staff/documents/{applicant.documents[0].id}",
                               follow_redirects=False).status_code == 303
    rejected = staff.post(decide, data={
        "csrf_token": csrf(staff), "decision": "reject",
        "reason": "The license certificate is for another business: upload yours."})
    assert rejected.status_code == 200 and "was rejected" in rejected.text
    subject, body = portal.mail_to(email)[-1]
    assert subject == "Your account was not approved"
    assert "The license certificate is for another business: upload yours." in body
    assert fetch_rows(portal.url, f"SELECT verification, verification_note FROM account "
                      f"WHERE email = '{email}'")[0][0] == "rejected"


def test_an_owner_builder_waits_with_the_residence_they_declared_and_is_approved(portal):
    client = portal.client()
    client.get("/register/owner-builder")
    email = new_email("owner")
    declared = {key: "yes" for key in ("owner", "responsible", "employer", "not_for_sale",
                                        "licensed_trades", "comply")}
    assert client.post("/register/owner-builder", follow_redirects=False, data={
        "address": "1234 N Havenhurst Dr unit 3", "name": "Olivia Owner", "email": email,
        "phone": "323-555-0177", "password": PASSWORD, "csrf_token": csrf(client),
        **declared}).status_code == 303
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    queue = accounts_page_with(staff, email)
    applicant = applicant_of(queue, email)
    assert (applicant.role, applicant.address, applicant.license_no) == (
        "owner_builder", "1234 N Havenhurst Dr", None)
    assert "Residence declared (B&amp;P §7044)" in queue.text
    staff.post(f"/staff/accounts/{applicant.id}/decide", data={
        "csrf_token": csrf(staff), "decision": "approve"})
    assert fetch_rows(portal.url, f"SELECT verification FROM account WHERE email = '{email}'"
                      ) == [("verified",)]
