"""The e-permit wizard: every step's checks, drafts that resume, eligibility, submission."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from db.engines import fetch_rows
from tests.unit.web.journeys import csrf, verified_contractor


def post(client, path: str, **data):
    return client.post(path, data={**data, "csrf_token": csrf(client)}, follow_redirects=False)


def start(client, family: str = "e-building") -> int:
    response = post(client, f"/apply/{family}")
    assert response.status_code == 303
    return int(re.match(r"/applications/(\d+)/address", response.headers["location"])[1])


def test_a_contractor_applies_for_a_re_roof_step_by_step(portal):
    client, _ = verified_contractor(portal, "1012345")
    draft = start(client)
    base = f"/applications/{draft}"
    bad = post(client, f"{base}/address", address="1 Nowhere Ln")
    assert bad.status_code == 422 and "could not find that address" in bad.text
    assert 'value="1 Nowhere Ln"' in bad.text
    assert post(client, f"{base}/address", address="8500 sunset boulevard").headers[
        "location"] == f"{base}/scope"
    missing = post(client, f"{base}/scope", description="New roof")
    assert missing.status_code == 422
    assert missing.context["errors"] == {"subtype": "Choose the type of work."}
    assert "New roof" in missing.text
    assert post(client, f"{base}/scope", subtype="Re-roof",
                description="Tear off and re-roof with class A shingles").headers[
        "location"] == f"{base}/valuation"
    absurd = post(client, f"{base}/valuation", valuation="-5")
    assert absurd.status_code == 422 and "cannot be negative" in absurd.text
    assert post(client, f"{base}/valuation", valuation="18,500", stories="2").headers[
        "location"] == f"{base}/contacts"
    no_phone = post(client, f"{base}/contacts", owner_name="Maria Owner", owner_phone="12")
    assert no_phone.status_code == 422 and set(no_phone.context["errors"]) == {"owner_phone"}
    assert post(client, f"{base}/contacts", owner_name="Maria Owner",
                owner_phone="323 555 0142").headers["location"] == f"{base}/documents"
    # A re-roof needs no plans: the documents step is passed without a file.
    assert post(client, f"{base}/documents").headers["location"] == f"{base}/review"
    review = client.get(f"{base}/review")
    assert review.context["review"]["assessment"].total == Decimal("335.24")
    assert "Submit the application" in review.text
    done = post(client, f"{base}/submit")
    assert done.headers["location"] == f"{base}/submitted"
    page = client.get(f"{base}/submitted")
    number = page.context["permit"].number
    assert re.fullmatch(r"BLD\d{4}-\d{5}", number)
    assert page.context["permit"].due == Decimal("335.24")
    again = post(client, f"{base}/submit")
    assert again.headers["location"] == f"{base}/submitted"
    assert fetch_rows(portal.url, f"SELECT count(*) FROM permit WHERE number = '{number}'") == [
        (1,)]
    [(status, license_no, valuation)] = fetch_rows(
        portal.url, "SELECT status, contractor_license, valuation FROM permit"
                    f" WHERE number = '{number}'")
    assert (status, license_no, Decimal(str(valuation))) == ("Applied", "1012345",
                                                             Decimal("18500"))
    fees = fetch_rows(portal.url, "SELECT sum(amount), count(*) FROM fee_item f JOIN permit p"
                                  f" ON p.id = f.permit WHERE p.number = '{number}'")
    assert Decimal(str(fees[0][0])).quantize(Decimal("0.01")) == Decimal("335.24")
    roles = {r[0] for r in fetch_rows(portal.url, "SELECT role FROM permit_contact c JOIN permit"
                                      f" p ON p.id = c.permit WHERE p.number = '{number}'")}
    assert roles == {"owner", "applicant", "contractor"}
    dashboard = client.get("/dashboard")
    assert number in [p.number for p in dashboard.context["rows"]["applications"]]


def test_a_draft_resumes_at_the_first_unanswered_step_and_cannot_skip_ahead(portal):
    client, _ = verified_contractor(portal, "1012345")
    draft = start(client, "e-plumbing")
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    assert client.get(f"/applications/{draft}", follow_redirects=False).headers[
        "location"] == f"/applications/{draft}/scope"
    skipped = client.get(f"/applications/{draft}/review", follow_redirects=False)
    assert skipped.headers["location"] == f"/applications/{draft}/scope"
    dashboard = client.get("/dashboard")
    assert draft in [d.id for d in dashboard.context["drafts"]]
    assert "Resume" in dashboard.text


def test_what_was_typed_on_a_failed_step_is_kept_in_the_draft(portal):
    client, _ = verified_contractor(portal, "1012345")
    draft = start(client)
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    post(client, f"/applications/{draft}/scope", description="Half-typed description")
    later = client.get(f"/applications/{draft}/scope")
    assert "Half-typed description" in later.text


def roofer(portal):
    """A verified contractor whose license holds C-39 (Roofing) only."""
    import uuid

    from db.accounts.license_import import import_licenses
    from db.demo.licenses import license_row
    from tests.factories import KNOWN_TODAY
    from tests.unit.db.accounts.test_license_import import csv_lines

    license_no = str(4_000_000 + uuid.uuid4().int % 1_000_000)
    import_licenses(portal.url, csv_lines([license_row(license_no, "HILLSIDE ROOFING INC",
                                                       today=KNOWN_TODAY, classes="C39")]))
    return verified_contractor(portal, license_no)[0]


def test_a_roofer_is_offered_only_roofing_from_the_first_step_and_told_why(portal):
    client = roofer(portal)
    page = client.get("/apply")
    assert "Start E-BUILDING" in page.text
    for other in ("E-ELECTRICAL", "E-MECHANICAL", "E-PLUMBING"):
        assert f"Start {other}" not in page.text
    assert ("E-ELECTRICAL work needs a license of class B (General Building), C-10 "
            "(Electrical) or C-46 (Solar); yours has C-39 (Roofing).") in page.text
    refused = post(client, "/apply/e-electrical")
    assert refused.status_code == 422
    assert refused.context["errors"]["family"].startswith("E-ELECTRICAL work needs")
    draft = start(client, "e-building")
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    scope = client.get(f"/applications/{draft}/scope")
    assert scope.context["subtypes"] == ("Re-roof",)
    assert 'value="Window and Door Replacement"' not in scope.text
    assert "Window and Door Replacement needs a license of class" in scope.text


def test_work_the_license_does_not_allow_is_refused_even_when_posted_by_hand(portal):
    client = roofer(portal)
    draft = start(client, "e-building")
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    refused = post(client, f"/applications/{draft}/scope",
                   subtype="Window and Door Replacement", description="New windows")
    assert refused.status_code == 422
    assert refused.context["errors"]["subtype"] == (
        "Window and Door Replacement needs a license of class B (General Building), B-2 "
        "(Residential Remodeling) or C-17 (Glazing); yours has C-39 (Roofing).")


def test_a_tampered_type_of_work_from_another_trade_is_refused(portal):
    client, _ = verified_contractor(portal, "1012345")
    draft = start(client, "e-building")
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    tampered = post(client, f"/applications/{draft}/scope", subtype="EV Charger",
                    description="x")
    assert tampered.context["errors"] == {"subtype": "Choose the type of work."}


def test_a_suspended_license_cannot_start_an_application(portal):
    from db.accounts.license_import import import_licenses
    from tests.factories import KNOWN_TODAY, known_license_rows
    from tests.unit.db.accounts.test_license_import import csv_lines

    client, _ = verified_contractor(portal, "1034567")
    bright = next(r for r in known_license_rows(KNOWN_TODAY) if r["LicenseNo"] == "1034567")
    try:
        import_licenses(portal.url, csv_lines([{**bright, "PrimaryStatus": "Judgement Susp"}]))
        page = client.get("/apply")
        assert page.context["refusal"]["license"].startswith(
            "License 1034567 may not be used for permits now: a court judgment")
        assert "Judgement Susp" not in page.text
        assert "Start E-BUILDING" not in page.text
        assert post(client, "/apply/e-electrical").status_code == 422
    finally:
        import_licenses(portal.url, csv_lines([bright]))


def test_an_owner_builder_applies_only_for_their_own_home(portal):
    import asyncio
    from datetime import datetime, timezone

    from db.accounts import accounts, passwords
    from domain.accounts import Role
    from tests.unit.web.journeys import new_email, sign_in

    email = new_email("ob")

    async def create():
        return await accounts.create_account(
            portal.app.state.database, email=email,
            password_hash=await passwords.hash_password("owner-builder-pass-1"), name="Olga Owner",
            phone="323-555-0188", role=Role.OWNER_BUILDER, parcel=portal.ids["havenhurst"],
            email_verified_at=datetime.now(timezone.utc), now=datetime.now(timezone.utc))

    portal.client()
    asyncio.run(create())
    client = portal.client()
    assert sign_in(client, email, "owner-builder-pass-1").status_code == 303
    draft = start(client, "e-plumbing")
    prefilled = client.get(f"/applications/{draft}/address")
    assert "1234 N Havenhurst Dr #3" in prefilled.text
    elsewhere = post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    assert "the home they registered" in elsewhere.context["errors"]["address"]
    home = post(client, f"/applications/{draft}/address", parcel=str(portal.ids["havenhurst"]))
    assert home.headers["location"].endswith("/scope")
    assert post(client, f"/applications/{draft}/scope", subtype="Water Heater",
                description="Replace 40 gal water heater").headers["location"].endswith(
        "/valuation")


def test_an_itemized_application_reviews_its_items_and_fees(portal):
    client, _ = verified_contractor(portal, "1023456")  # C-20: mechanical
    draft = start(client, "e-mechanical")
    base = f"/applications/{draft}"
    post(client, f"{base}/address", address="8500 Sunset Blvd")
    post(client, f"{base}/scope", subtype="HVAC Change-out", description="Swap the AC unit")
    too_many = post(client, f"{base}/valuation", **{"MEC-AC": "25"})
    assert "from 0 to 20" in too_many.context["errors"]["item-MEC-AC"]
    assert post(client, f"{base}/valuation", **{"MEC-AC": "1"}).headers["location"].endswith(
        "/contacts")
    post(client, f"{base}/contacts", owner_name="Olivia Owner", owner_phone="3235550155")
    post(client, f"{base}/documents")
    review = client.get(f"{base}/review")
    assert review.status_code == 200
    assert "Air conditioner or heat pump: 1" in review.text
    assert review.context["review"]["assessment"].total == Decimal("83.60")


@pytest.mark.parametrize("stories, total", [("1", "1171.57"), ("5", "1188.52")])
def test_the_estimator_and_a_real_assessment_agree_to_the_cent(portal, client, stories, total):
    """Over three stories SMIP is at the rate of other buildings: $28, not $13, per $100,000
    (PRC §2705); the estimate, the answers checked and the fees charged all say so."""
    estimate = client.get("/fees/estimate", params={"type": "BLD", "subtype": "Re-roof",
                                                    "valuation": "113000", "stories": stories})
    applicant, _ = verified_contractor(portal, "1012345")
    draft = start(applicant)
    base = f"/applications/{draft}"
    post(applicant, f"{base}/address", address="8500 Sunset Blvd")
    post(applicant, f"{base}/scope", subtype="Re-roof", description="Re-roof")
    post(applicant, f"{base}/valuation", valuation="113,000", stories=stories)
    post(applicant, f"{base}/contacts", owner_name="Olivia Owner", owner_phone="3235550155")
    post(applicant, f"{base}/documents")
    review = applicant.get(f"{base}/review")
    assert review.context["review"]["assessment"].total == Decimal(total)
    assert re.search(rf"Stories of the building</dt><dd>{stories} ", review.text)
    post(applicant, f"{base}/submit")
    number = applicant.get(f"{base}/submitted").context["permit"].number
    fees = fetch_rows(portal.url, "SELECT code, amount FROM fee_item f JOIN permit p ON"
                      f" p.id = f.permit WHERE p.number = '{number}' ORDER BY f.id")
    estimated = [(line.code, line.amount) for line in estimate.context["assessment"].lines]
    assert [(code, Decimal(str(amount)).quantize(Decimal("0.01"))) for code, amount in fees] \
        == estimated
    assert sum(amount for _, amount in estimated) == Decimal(total)


def test_address_suggestions_complete_a_number_and_a_street(portal):
    client, _ = verified_contractor(portal, "1012345")
    response = client.get("/applications/addresses", params={"address": "8500 sun"})
    assert '<option value="8500 Sunset Blvd">' in response.text
    assert client.get("/applications/addresses", params={"address": "sunset"}).text.count(
        "<option") == 0


@pytest.mark.parametrize("field, text, message", [
    ("valuation", "1" + "0" * 5000, "at most $500,000,000.00"),
    ("valuation", "١٠٠٠", "Valuation: type the number with the digits 0 to 9"),
    ("valuation", "1,5", "Valuation: put commas only between groups of three digits"),
    ("stories", "1" + "0" * 5000, "as a whole number from 1 to 150"),
    ("stories", "１", "Stories: type the number with the digits 0 to 9"),
])
def test_a_valuation_step_refuses_what_is_not_a_number_beside_its_field(portal, field, text,
                                                                         message):
    client, _ = verified_contractor(portal, "1012345")
    base = f"/applications/{start(client)}"
    post(client, f"{base}/address", address="8500 Sunset Blvd")
    post(client, f"{base}/scope", subtype="Residential Remodel", description="Kitchen")
    typed = {"valuation": "90,000", "stories": "2", field: text}
    refused = post(client, f"{base}/valuation", **typed)
    assert refused.status_code == 422
    assert message in refused.context["errors"][field]
    assert f'href="#f-{field}"' in refused.text
