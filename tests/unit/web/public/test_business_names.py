"""Company names are shown as companies write them wherever they appear (issue 14 §10)."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date

from db.accounts.license_import import import_licenses
from db.demo.licenses import license_row
from tests.factories import KNOWN_TODAY, free_number, make_parcel, make_permit
from tests.unit.db.accounts.test_license_import import csv_lines
from tests.unit.web.journeys import verified_contractor


def new_license(portal, name: str) -> str:
    license_no = str(3_000_000 + uuid.uuid4().int % 1_000_000)
    import_licenses(portal.url, csv_lines([license_row(license_no, name, today=KNOWN_TODAY)]))
    return license_no


def test_registration_shows_the_state_s_capitals_in_mixed_case(portal):
    license_no = new_license(portal, "PARK REMODELING LLC")
    page = portal.client().get("/register/contractor", params={"license": license_no})
    assert "Park Remodeling LLC" in page.text
    assert "PARK REMODELING" not in page.text and "Llc" not in page.text


def test_a_name_written_in_capitals_reads_in_mixed_case_on_the_dashboard_and_account(portal):
    license_no = new_license(portal, "O'BRIEN & MCKAY CO.")
    client, _ = verified_contractor(portal, license_no, business_name="O'BRIEN & MCKAY CO.")
    for path in ("/dashboard", "/account"):
        text = client.get(path).text
        assert "O&#39;Brien &amp; McKay Co." in text and "MCKAY" not in text


def test_a_contractor_name_title_cased_before_is_mended_on_the_permit_page_card_and_pdf(portal):
    portal.client()  # binds the portal's database

    async def create() -> str:
        number = await free_number("BLD2026")
        parcel = await make_parcel(f"N{uuid.uuid4().hex[:11]}", 77, "Kings", "Rd")
        await make_permit(number, parcel, "77 Kings Rd", subtype="Re-roof", description="Roof",
                          status="Issued", applied_on=date(2026, 11, 2),
                          issued_on=date(2026, 11, 5),
                          # A license nobody here holds: no dashboard or report changes.
                          contractor=("Park Remodeling Llc", "9900017"))
        return number

    number = asyncio.run(create())
    client = portal.client()
    for path in (f"/permits/{number}", f"/permits/{number}/card"):
        text = client.get(path).text
        assert "Park Remodeling LLC" in text and "Llc" not in text
    pdf = client.get(f"/permits/{number}/card.pdf").content
    assert b"Park Remodeling LLC" in pdf and b"Llc" not in pdf
