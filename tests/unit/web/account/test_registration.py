"""Registering: the license looked up, the account created and its address confirmed, owner-
builders, colleagues, the profile."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from db.engines import fetch_rows
from tests.unit.web.journeys import (
    PASSWORD, approve_as_staff, confirm_email, csrf, new_email, register_contractor, sign_in,
    verified_contractor,
)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_license_lookup_shows_the_registry_record_and_the_account_form(portal):
    page = portal.client().get("/register/contractor", params={"license": "1012345"})
    assert page.status_code == 200
    check = page.context["check"]
    assert check.license.business_name == "ACME ROOFING INC"
    assert "C-39 (Roofing), B (General Building)" in page.text
    assert 'name="password"' in page.text


@pytest.mark.parametrize("license_no, reason", [
    ("2000001", "no current workers' compensation insurance or exemption on file"),
    ("2000002", "no current workers' compensation coverage"),
    ("2000003", "expired on January 31, 2025"),
])
def test_a_license_not_in_good_standing_is_refused_with_its_reason(portal, license_no, reason):
    client = portal.client()
    page = client.get("/register/contractor", params={"license": license_no})
    assert page.status_code == 422
    assert reason in page.context["errors"]["license"]
    assert 'name="password"' not in page.text
    # Posting the account form anyway is refused the same way, and nothing is created.
    email = new_email()
    response = register_contractor(client, license_no, email)
    assert response.status_code == 422 and reason in response.context["errors"]["license"]
    assert fetch_rows(portal.url, f"SELECT count(*) FROM account WHERE email = '{email}'") == [
        (0,)]


def test_registration_creates_an_unconfirmed_account_and_mails_the_link(portal):
    client = portal.client()
    email = new_email()
    response = register_contractor(client, "1012345", email)
    assert response.status_code == 303
    assert response.headers["location"] == "/register/check-email?for=contractor"
    [(subject, body)] = portal.mail_to(email)
    assert subject.startswith("Confirm your e-mail address")
    assert "https://portal.test/account/verify/" in body
    rows = fetch_rows(portal.url, "SELECT role, license_no, verification, email_verified_at,"
                      f" password, phone FROM account WHERE email = '{email}'")
    role, license_no, verification, verified_at, password, phone = rows[0]
    # Nobody is linked to a company by typing its license number (issue 14 §2).
    assert (role, license_no, verification, verified_at) == ("contractor", "1012345",
                                                             "pending", None)
    assert password.startswith("pbkdf2_sha256$600000$") and PASSWORD not in password
    assert phone == "323-555-0100"
    # Signing in before confirming says so and offers the link again.
    page = sign_in(client, email)
    assert page.status_code == 403 and page.context["unverified"]


def test_a_second_tap_on_create_account_lands_on_check_your_e_mail(portal):
    email = new_email()
    first = register_contractor(portal.client(), "1012345", email)
    twice = register_contractor(portal.client(), "1012345", email)
    assert (first.status_code, twice.status_code) == (303, 303)
    assert twice.headers["location"] == first.headers["location"] == (
        "/register/check-email?for=contractor")
    assert len(portal.mail_to(email)) == 1, "one account, one e-mail"
    other = register_contractor(portal.client(), "1012345", email, password="other-pass-99x")
    assert other.status_code == 422 and "already uses this e-mail" in other.text


def test_a_second_tap_on_confirm_says_the_address_is_confirmed(portal):
    client = portal.client()
    email = new_email()
    register_contractor(client, "1012345", email)
    confirm_email(portal, client, email)
    path = portal.link_to(email, "/account/verify/")
    twice = client.post(path, data={"csrf_token": csrf(client)})
    assert twice.status_code == 200 and "Your e-mail address is confirmed" in twice.text


def test_the_full_journey_reaches_the_dashboard(contractor):
    client, email = contractor
    dashboard = client.get("/dashboard")
    assert dashboard.status_code == 200
    assert dashboard.template.name == "dashboard/dashboard.html"
    assert "BLD2026-00042" in dashboard.text
    assert "Sign out" in dashboard.text


def test_registration_errors_keep_what_was_typed_except_the_password(portal):
    client = portal.client()
    response = register_contractor(client, "1012345", "not-an-address", name="",
                                   phone="555", password="password1")
    assert response.status_code == 422
    errors = response.context["errors"]
    assert set(errors) == {"email", "name", "phone", "password"}
    assert "most common" in errors["password"]
    assert 'value="not-an-address"' in response.text
    assert 'value="(323) 555-0100"' not in response.text and 'value="555"' in response.text
    assert "password1" not in response.text
    assert 'href="#f-email"' in response.text  # the error summary links to the field


def test_a_short_password_and_a_taken_address_are_refused(portal, contractor):
    _, email = contractor
    response = register_contractor(portal.client(), "1012345", email.upper(), password="short")
    errors = response.context["errors"]
    assert "at least 8 characters" in errors["password"]
    assert "already uses this e-mail address" in errors["email"]


def test_an_unknown_license_registers_with_proof_and_waits_for_staff(portal):
    client = portal.client()
    page = client.get("/register/contractor", params={"license": "7654321"})
    assert page.status_code == 200 and page.context["check"].not_found
    assert 'enctype="multipart/form-data"' in page.text
    email = new_email("newco")
    form = {"license": "7654321", "business_name": "New Co", "name": "Kofi Mensah",
            "email": email, "phone": "3235550111", "password": PASSWORD,
            "csrf_token": csrf(client)}
    bad = client.post("/register/contractor", data=form, files={
        "license_certificate": ("license.pdf", io.BytesIO(b"MZ\x90\x00not a pdf"),
                                "application/pdf")})
    assert bad.status_code == 422
    assert bad.context["errors"]["license_certificate"].endswith("a PDF, JPEG or PNG file.")
    assert bad.context["errors"]["insurance"] == (
        "Attach your workers' compensation certificate or exemption.")
    good = client.post("/register/contractor", data=form, follow_redirects=False, files={
        "license_certificate": ("../../etc/license.pdf", io.BytesIO(PDF), "text/html"),
        "insurance": ("wc.png", io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "image/png")})
    assert good.status_code == 303
    [(verification,)] = fetch_rows(portal.url,
                                   f"SELECT verification FROM account WHERE email = '{email}'")
    assert verification == "pending"
    uploads = fetch_rows(portal.url, "SELECT kind, filename, content_type, size, stored_as"
                         " FROM upload ORDER BY id")
    assert {(u[0], u[1], u[2]) for u in uploads} >= {
        ("license_certificate", "license.pdf", "application/pdf"),
        ("insurance", "wc.png", "image/png")}
    directory = Path(portal.app.state.settings.upload_dir)
    for upload in uploads:
        stored = directory / upload[4]
        assert stored.exists() and stored.stat().st_size == upload[3]
    assert "static" not in str(directory)
    # Approved by staff from the documents, it still cannot apply online (e-permits check the
    # work against the state file): /apply says so and what to do, not a dead end.
    confirm_email(portal, client, email)
    approve_as_staff(portal, email)
    assert sign_in(client, email).status_code == 303
    start = client.get("/apply").text
    assert "is not in the state&#39;s license data we hold" in start
    assert "Apply at the permit counter or call" in start and 'href="tel:' in start


def test_an_owner_builder_registers_for_a_parcel_and_waits_for_approval(portal):
    client = portal.client()
    client.get("/register/owner-builder")
    email = new_email("owner")
    form = {"address": "1234 n havenhurst drive unit 3", "name": "Maria Owner", "email": email,
            "phone": "323-555-0142", "password": PASSWORD,
            "csrf_token": csrf(client)}
    missing = client.post("/register/owner-builder", data=form)
    assert missing.status_code == 422
    assert "every statement" in missing.context["errors"]["declare"]
    assert 'value="1234 n havenhurst drive unit 3"' in missing.text
    declared = {key: "yes" for key in ("owner", "responsible", "employer", "not_for_sale",
                                        "licensed_trades", "comply")}
    done = client.post("/register/owner-builder", data={**form, **declared},
                       follow_redirects=False)
    assert done.status_code == 303
    [(role, verification, parcel, declared_at)] = fetch_rows(
        portal.url, "SELECT role, verification, parcel, owner_declared_at FROM account"
        f" WHERE email = '{email}'")
    assert (role, verification, parcel) == ("owner_builder", "pending",
                                            portal.ids["havenhurst"])
    assert declared_at is not None


def test_an_unknown_address_is_refused_beside_the_field(portal):
    client = portal.client()
    client.get("/register/owner-builder")
    response = client.post("/register/owner-builder", data={
        "address": "1 Nowhere Ln", "csrf_token": csrf(client)})
    assert "could not find that address" in response.context["errors"]["address"]


def test_an_owner_builder_at_a_shared_address_chooses_their_home(portal):
    client = portal.client()
    email = new_email("condo")
    declared = {key: "yes" for key in ("owner", "responsible", "employer", "not_for_sale",
                                        "licensed_trades", "comply")}
    form = {"address": "900 Westmount Drive", "name": "Condo Owner", "email": email,
            "phone": "323-555-0177", "password": PASSWORD, "csrf_token": csrf(client),
            **declared}
    ask = client.post("/register/owner-builder", data=form)
    assert ask.status_code == 422
    assert ask.context["errors"] == {"parcel": "Several homes share that address: choose one."}
    assert [c.address for c in ask.context["choices"]] == ["900 Westmount Dr #A",
                                                           "900 Westmount Dr #B"]
    assert ask.text.count('type="radio"') == 2
    assert not re.search(r'type="radio"[^>]*checked', ask.text)
    assert ask.text.count('type="checkbox"') == ask.text.count("checked") == 6  # kept
    done = client.post("/register/owner-builder", follow_redirects=False,
                       data={**form, "parcel": str(portal.ids["condo_b"])})
    assert done.status_code == 303
    assert fetch_rows(portal.url, f"SELECT parcel FROM account WHERE email = '{email}'") == [
        (portal.ids["condo_b"],)]


def test_a_second_account_of_a_license_waits_for_a_colleague_to_approve_it(portal):
    first, first_email = verified_contractor(portal, "1045678")
    newcomer = portal.client()
    email = new_email("newcomer")
    assert register_contractor(newcomer, "1045678", email, name="Nadia Newcomer",
                               business_name="Joinable Builders Inc").status_code == 303
    confirm_email(portal, newcomer, email)
    assert sign_in(newcomer, email).status_code == 303
    waiting = newcomer.get("/dashboard")
    assert waiting.context["account"].verification == "pending"
    assert "A colleague already registered for this license" in waiting.text
    [(subject, body)] = portal.mail_to(first_email)[-1:]
    # What the newcomer typed is quoted in the body, never put in the subject (issue 14 §4).
    assert subject.startswith("A new account asks to join license 1045678")
    assert "Nadia" not in subject and "Name: \u201cNadia Newcomer\u201d" in body
    assert "https://portal.test/account" in body
    profile = first.get("/account")
    [colleague] = profile.context["colleagues"]
    assert colleague.email == email
    approved = first.post(f"/account/colleagues/{colleague.id}/approve",
                          data={"csrf_token": csrf(first)}, follow_redirects=False)
    assert approved.status_code == 303
    assert newcomer.get("/dashboard").context["account"].verification == "verified"
    assert portal.mail_to(email)[-1][0].startswith("Your account was approved")
    again = first.post(f"/account/colleagues/{colleague.id}/approve",
                       data={"csrf_token": csrf(first)})
    assert again.status_code == 200, "a second tap says what was decided, not 404"
    assert "Nadia Newcomer is approved" in again.text


def test_a_colleague_of_another_license_cannot_approve(portal, contractor):
    client, _ = contractor  # license 1012345
    newcomer = portal.client()
    email = new_email("other")
    register_contractor(newcomer, "1045678", email)
    [(applicant_id,)] = fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'")
    response = client.post(f"/account/colleagues/{applicant_id}/approve",
                           data={"csrf_token": csrf(client)})
    assert response.status_code == 404


def test_the_profile_shows_the_license_classes_and_standing(contractor):
    client, _ = contractor
    page = client.get("/account")
    assert "C-39 (Roofing), B (General Building)" in page.text
    assert "In good standing" in page.text
