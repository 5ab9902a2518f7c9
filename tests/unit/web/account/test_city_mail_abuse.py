"""Issue 14 §4: the city's e-mail cannot be used to phish: nobody is told of an unconfirmed
account, no typed text reaches a Subject, names carry no web address, and registrations and
e-mailed links are rate-limited in the database (so across server processes too)."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

import pytest
from starlette.testclient import TestClient

from db.accounts import accounts
from db.accounts.license_import import import_licenses
from db.demo.licenses import license_row
from db.engines import fetch_rows
from domain.accounts import Role
from tests.factories import KNOWN_TODAY
from tests.unit.db.accounts.test_license_import import csv_lines
from tests.unit.web.journeys import (
    PASSWORD, confirm_email, csrf, new_email, register_contractor, sign_in, verified_contractor
)
from web.app import create_app

PHISHING = "City notice: license suspended, sign in at http://evil.example/restore"
LURE = "City notice license suspended act now"  # no web address or number: a valid name


def a_license(portal) -> str:
    license_no = str(4_000_000 + uuid.uuid4().int % 999_999)
    import_licenses(portal.url, csv_lines([license_row(license_no, "Holder Builders Inc",
                                                       today=KNOWN_TODAY)]))
    return license_no


def subjects() -> str:
    return "SELECT subject FROM outbox_message"


def test_the_phishing_registration_is_refused_and_the_license_holder_gets_nothing(portal):
    license_no = a_license(portal)
    _, holder = verified_contractor(portal, license_no)
    before = portal.mail_to(holder)
    for _ in range(3):
        email = new_email("victim")
        response = register_contractor(portal.client(), license_no, email, name=PHISHING)
        assert response.status_code == 422
        assert response.context["errors"]["name"] == "Enter a name without a web address in it."
        assert portal.mail_to(email) == []
    assert portal.mail_to(holder) == before


@pytest.mark.parametrize("name", ["Visit www.evil.example", "see evil.example/restore",
                                  "ftp://files", "Bob at login-city.com", "Bob evil．com",
                                  "Bob example [.] com", "Bob example dot com", "Bob evil.co"])
def test_names_with_a_web_address_are_refused(portal, name):
    response = register_contractor(portal.client(), a_license(portal), new_email(), name=name)
    assert "without a web address" in response.context["errors"]["name"]
    assert f'value="{name}"' in response.text  # kept, to be mended


@pytest.mark.parametrize("business, found", [
    ("New Co call 323 555 0199", "a phone number"), ("New Co billing@evil.co", "an e-mail address"),
    ("New Co evil。com", "a web address")])
def test_a_business_name_typed_for_staff_carries_no_contact(portal, business, found):
    client = portal.client()
    client.get("/register/contractor", params={"license": "7654322"})
    response = client.post("/register/contractor", data={
        "license": "7654322", "business_name": business, "name": "Kofi Mensah",
        "email": new_email(), "phone": "3235550111", "password": PASSWORD,
        "csrf_token": csrf(client)})
    assert response.status_code == 422
    assert response.context["errors"]["business_name"] == (
        f"Enter the business name without {found} in it.")


@pytest.mark.parametrize("name", ["J. Smith & Sons, Inc.", "O'Brien Electric",
                                  "A.B.C. Plumbing", "Peña Construcción", "St. Mary's"])
def test_ordinary_names_register(portal, name):
    client = portal.client()
    assert register_contractor(client, a_license(portal), new_email(),
                               name=name).status_code == 303


def test_a_name_is_stored_and_mailed_without_invisible_or_direction_control_characters(portal):
    """"Bob \u202emoc.lootkcats\u202c" would display as "Bob stacktool.com": it is judged as
    stored, so refused, and a name otherwise fine is stored (and mailed) without them."""
    license_no = a_license(portal)
    reversed_lure = register_contractor(portal.client(), license_no, new_email(),
                                        name="Bob \u202emoc.lootkcats\u202c Builders")
    assert reversed_lure.context["errors"]["name"] == "Enter a name without a web address in it."
    client, email = portal.client(), new_email("bidi")
    assert register_contractor(client, license_no, email,
                               name="Ana\u200b \u2067Ruiz\u2069").status_code == 303
    assert fetch_rows(portal.url, "SELECT first_name FROM account WHERE username = "
                                  f"'{email}'") == [("Ana Ruiz",)]


def test_colleagues_are_told_only_after_the_newcomer_confirms_and_never_in_the_subject(portal):
    license_no = a_license(portal)
    _, holder = verified_contractor(portal, license_no)
    before = len(portal.mail_to(holder))
    newcomers = []
    for _ in range(3):
        client, email = portal.client(), new_email("lure")
        assert register_contractor(client, license_no, email, name=LURE).status_code == 303
        newcomers.append((client, email))
    assert len(portal.mail_to(holder)) == before  # three unconfirmed registrations: nothing
    client, email = newcomers[0]
    confirm_email(portal, client, email)
    [(subject, body)] = portal.mail_to(holder)[before:]
    assert subject.startswith(f"A new account asks to join license {license_no}")
    assert "City notice" not in subject
    assert f"Name: \u201c{LURE}\u201d" in body and "which the city has not checked" in body
    assert [s for (s,) in fetch_rows(portal.url, subjects()) if "City notice" in s] == []


def test_no_typed_text_reaches_a_subject(portal):
    """Every e-mail the account flows send (confirmation, join request, colleague and staff
    decisions, links sent again, password reset): the subjects carry none of what was typed."""
    typed = "Quillon Marchbanks"
    license_no = a_license(portal)
    holder_client, _ = verified_contractor(portal, license_no)
    newcomer, email = portal.client(), new_email("typed")
    register_contractor(newcomer, license_no, email, name=typed,
                        business_name=f"{typed} Roofing")
    newcomer.post("/account/verify", data={"email": email, "csrf_token": csrf(newcomer)})
    confirm_email(portal, newcomer, email)
    [(applicant_id,)] = fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'")
    holder_client.post(f"/account/colleagues/{applicant_id}/decline",
                       data={"csrf_token": csrf(holder_client)})
    newcomer.post("/account/forgot-password", data={"email": email,
                                                    "csrf_token": csrf(newcomer)})
    sent = portal.mail_to(email)
    assert len(sent) >= 4
    assert [s for (s,) in fetch_rows(portal.url, subjects()) if "Quillon" in s] == []


def test_a_stranger_s_registrations_of_a_license_never_stop_the_company_s_own(portal):
    """Anyone may type any license number: no limit per license lets a stranger lock the
    company out of registering (issue 14 §2)."""
    license_no = a_license(portal)
    for _ in range(9):
        assert register_contractor(portal.client(), license_no, new_email()).status_code == 303
    portal.forget_failed_sign_ins()  # the company registers from its own connection
    email = new_email("employee")
    assert register_contractor(portal.client(), license_no, email).status_code == 303
    assert portal.mail_to(email)[0][0].startswith("Confirm your e-mail address")


def test_registrations_are_limited_per_client_address_across_server_processes(portal):
    """A second app (another server process) on the same database counts the same uses."""
    other = create_app(portal.app.state.settings)
    other.state.clock = portal.app.state.clock
    with TestClient(other, base_url="https://testserver") as second:
        for n in range(10):
            client = portal.client() if n % 2 else second
            assert register_contractor(client, a_license(portal), new_email()).status_code == 303
        email = new_email("eleventh")
        refused = register_contractor(second, a_license(portal), email, name="Eli Eleven")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "Too many accounts were registered from this connection" in refused.text
    assert 'value="Eli Eleven"' in refused.text and 'href="#f-limited"' in refused.text
    assert portal.mail_to(email) == []
    portal.client()  # the portal's database bound again


def test_links_sent_again_are_limited_per_recipient_and_per_client_address(portal):
    async def unconfirmed(n: int) -> list[str]:
        now = datetime.now(timezone.utc)
        emails = [new_email("resend") for _ in range(n)]
        for email in emails:
            await accounts.create_account(
                portal.app.state.database, email=email, password_hash="pbkdf2_sha256$1$x$y",
                name="Ria Resend", phone="", role=Role.OWNER_BUILDER, now=now)
        return emails

    portal.client()
    emails = asyncio.run(unconfirmed(12))
    client = portal.client()
    for _ in range(4):
        client.post("/account/verify", data={"email": emails[0], "csrf_token": csrf(client)})
    assert len(portal.mail_to(emails[0])) == 3  # per recipient: 3 an hour
    for email in emails[1:]:
        client.post("/account/forgot-password", data={"email": email,
                                                      "csrf_token": csrf(client)})
    reached = [email for email in emails[1:] if portal.mail_to(email)]
    assert len(reached) == 10 - 3  # per address: 10 an hour, 3 of them already used


def test_colleague_notices_are_limited_per_license(portal):
    license_no = a_license(portal)
    _, holder = verified_contractor(portal, license_no)
    before = len(portal.mail_to(holder))
    for _ in range(4):
        client, email = portal.client(), new_email("joiner")
        register_contractor(client, license_no, email)
        confirm_email(portal, client, email)
    assert len(portal.mail_to(holder)) - before == 3


def test_claim_letters_are_limited_per_license(portal):
    license_no = a_license(portal)
    for n in range(4):
        client, email = portal.client(), new_email("claimant")
        register_contractor(client, license_no, email)
        confirm_email(portal, client, email)
    letters = fetch_rows(portal.url, "SELECT count(*) FROM claim_letter WHERE license_no = "
                                     f"'{license_no}'")
    assert letters == [(3,)]
    assert sign_in(client, email, PASSWORD).status_code == 303
    asked = client.post("/account/claim/letter", data={"csrf_token": csrf(client)})
    assert asked.status_code == 422
    assert "Too many letters were asked for this license" in asked.text
