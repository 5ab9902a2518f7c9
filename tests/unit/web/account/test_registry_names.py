"""A license is named by the state license file alone (issue 14 §2): anyone may register any
license, so the business name an account types never reaches a permit, page, PDF or open data."""
from __future__ import annotations

import csv
import uuid

from db.accounts.license_import import import_licenses
from db.demo.licenses import license_row
from db.engines import fetch_rows
from tests.factories import KNOWN_TODAY
from tests.unit.db.accounts.test_license_import import csv_lines
from tests.unit.test_support import accounts_page_with
from tests.unit.web.contractor.submitted import CARD, checkout, submitted_application
from tests.unit.web.contractor.test_applications import post, start
from tests.unit.web.journeys import new_email, register_contractor, verified_contractor
from web.commands.open_data import export_blds
from web.settings import Settings

LURE = "ACME Roofing call 323-555-0199 for refunds"
REGISTRY = "HOLLIS & GRANT PLUMBING INC"
SHOWN = "Hollis &amp; Grant Plumbing Inc"


def registry_license(portal) -> str:
    license_no = str(4_000_000 + uuid.uuid4().int % 999_999)
    import_licenses(portal.url, csv_lines([license_row(license_no, REGISTRY, today=KNOWN_TODAY,
                                                       classes="B|C36")]))
    return license_no


def test_a_typed_business_name_reaches_no_page_permit_pdf_or_open_data(portal, tmp_path):
    license_no = registry_license(portal)
    client, _ = verified_contractor(portal, license_no, business_name=LURE)
    for path in ("/dashboard", "/account"):
        text = client.get(path).text
        assert SHOWN in text and "ACME" not in text, path
    number = submitted_application(client)
    key, items = checkout(client, number)  # paid, the permit is issued: it has a card
    assert post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                **CARD).status_code == 303
    for path in (f"/permits/{number}", f"/permits/{number}/card"):
        text = portal.client().get(path).text
        assert SHOWN in text and "ACME" not in text, path
    pdf = portal.client().get(f"/permits/{number}/card.pdf").content
    assert b"Hollis & Grant Plumbing Inc" in pdf and b"ACME" not in pdf
    assert fetch_rows(portal.url, "SELECT DISTINCT company FROM permit_contact WHERE permit = "
                      f"(SELECT id FROM permit WHERE number = '{number}') AND company IS NOT "
                      "NULL") == [(REGISTRY,)]
    export_blds(Settings(database_url=portal.url), str(tmp_path))
    with open(tmp_path / "blds-permits.csv", encoding="utf-8") as file:
        [row] = [r for r in csv.DictReader(file) if r["PermitNum"] == number]
    assert row["ContractorCompanyName"] == REGISTRY and "ACME" not in str(row)


def test_the_application_names_the_company_from_the_state_file(portal):
    license_no = registry_license(portal)
    client, _ = verified_contractor(portal, license_no, business_name=LURE)
    base = f"/applications/{start(client, 'e-plumbing')}"
    post(client, f"{base}/address", address="8500 Sunset Blvd")
    post(client, f"{base}/scope", subtype="Water Heater", description="Water heater")
    post(client, f"{base}/valuation", valuation="2,000", **{"PLM-WATER-HEATER": "1"})
    contacts = client.get(f"{base}/contacts").text
    assert f"of {SHOWN}, license {license_no}" in contacts and "ACME" not in contacts


def test_registering_a_license_in_the_state_file_asks_no_business_name(portal):
    license_no = registry_license(portal)
    page = portal.client().get("/register/contractor", params={"license": license_no})
    assert SHOWN in page.text and 'name="business_name"' not in page.text
    unknown = portal.client().get("/register/contractor", params={"license": "9876501"})
    assert 'name="business_name"' in unknown.text


def test_staff_see_a_typed_name_only_for_a_license_missing_from_the_state_file(portal):
    from tests.unit.web.journeys import staff_client

    license_no = registry_license(portal)
    email = new_email("typed")
    assert register_contractor(portal.client(), license_no, email,
                               business_name=LURE).status_code == 303
    queue = accounts_page_with(staff_client(portal), email).text
    assert email in queue and "ACME" not in queue
