"""My Dashboard: sections with counts, fragments, following permits, cancelling inspections."""
from __future__ import annotations

from datetime import date

from db.accounts.license_import import import_licenses
from db.engines import fetch_rows
from tests.factories import KNOWN_TODAY, known_license_rows
from tests.unit.db.accounts.test_license_import import csv_lines
from tests.unit.web.conftest import HTMX
from tests.unit.web.journeys import csrf, verified_contractor


def signed_in_contractor(portal, license_no: str):
    return verified_contractor(portal, license_no)[0]


def test_a_visitor_is_sent_to_sign_in_and_brought_back(portal):
    client = portal.client()
    response = client.get("/dashboard", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=%2Fdashboard"
    fragment = client.get("/dashboard/active", headers=HTMX, follow_redirects=False)
    assert fragment.status_code == 401
    assert fragment.headers["hx-redirect"].startswith("/sign-in?next=")


def test_the_dashboard_lists_the_licenses_permits_by_section_with_counts(clock, contractor):
    client, _ = contractor
    page = client.get("/dashboard")
    context = page.context
    active = [p.number for p in context["rows"]["active"]]
    assert active == ["BLD2026-00042"]
    assert context["counts"]["active"] == 1
    # MEC2026-00003 is another company's application.
    assert "MEC2026-00003" not in [p.number for p in context["rows"]["applications"]]
    assert "My Active Permits <span class=\"count\">(1)</span>" in page.text
    assert "Pay $1.00" in page.text
    assert "Request inspection" in page.text
    inspections = context["rows"]["inspections"]
    assert {i.permit_number for i in inspections} == {"BLD2026-00042"}
    assert date(2030, 1, 15) in {i.scheduled_for for i in inspections}
    assert context["counts"]["inspections"] == len(inspections)


def test_each_section_is_a_fragment_of_its_own(contractor):
    client, _ = contractor
    fragment = client.get("/dashboard/active", headers=HTMX)
    assert fragment.template.name == "dashboard/_section.html"
    assert fragment.text.lstrip().startswith('<section id="active"')
    assert "<html" not in fragment.text
    assert client.get("/dashboard/active").template.name == "dashboard/dashboard.html"
    assert client.get("/dashboard/nonsense", headers=HTMX).status_code == 404


def test_following_a_permit_by_number_puts_it_on_the_dashboard(contractor):
    client, _ = contractor
    response = client.post("/dashboard/follow", headers=HTMX,
                           data={"number": "mec2026-00003", "csrf_token": csrf(client)})
    assert response.status_code == 200
    assert response.headers["hx-trigger"] == "dashboard-changed"
    assert [p.number for p in response.context["rows"]["followed"]] == ["MEC2026-00003"]
    again = client.post("/dashboard/follow", data={"number": "MEC2026-00003",
                                                   "csrf_token": csrf(client)},
                        follow_redirects=False)
    assert again.status_code == 303  # without JavaScript: back to the dashboard
    page = client.get("/dashboard")
    assert page.context["counts"]["followed"] == 1
    permit_id = page.context["rows"]["followed"][0].id
    client.post(f"/dashboard/unfollow/{permit_id}", data={"csrf_token": csrf(client)})
    assert client.get("/dashboard").context["counts"]["followed"] == 0


def test_following_an_unknown_number_says_so_beside_the_field(contractor):
    client, _ = contractor
    response = client.post("/dashboard/follow", headers=HTMX,
                           data={"number": "BLD2026-99999", "csrf_token": csrf(client)})
    assert response.status_code == 422
    assert response.context["errors"]["number"] == "No permit has the number BLD2026-99999."
    assert 'id="f-number-error"' in response.text
    bad = client.post("/dashboard/follow", data={"number": "hello", "csrf_token": csrf(client)})
    assert bad.status_code == 422 and "Enter a permit number" in bad.text


def test_a_contractor_cancels_their_scheduled_inspection(clock):
    portal = clock
    client = signed_in_contractor(portal, "1012345")
    inspection = portal.ids["scheduled"]
    other = signed_in_contractor(portal, "1023456")
    stranger = other.post(f"/inspections/{inspection}/cancel", data={"csrf_token": csrf(other)})
    assert stranger.status_code == 404
    response = client.post(f"/inspections/{inspection}/cancel", headers=HTMX,
                           data={"csrf_token": csrf(client)})
    assert response.status_code == 200
    assert inspection not in {i.id for i in response.context["rows"]["inspections"]}
    assert fetch_rows(portal.url, f"SELECT status FROM inspection WHERE id = {inspection}") == [
        ("Cancelled",)]
    again = client.post(f"/inspections/{inspection}/cancel", headers=HTMX,
                        data={"csrf_token": csrf(client)})
    assert again.status_code == 200, "a second tap is told it is done, not refused"
    assert again.context["errors"] == {}
    assert "inspection of BLD2026-00042" in again.text and "was already cancelled" in again.text


def test_a_license_that_lapses_on_reimport_loses_its_buttons_with_the_reason(portal):
    client = signed_in_contractor(portal, "1034567")
    rows = known_license_rows(KNOWN_TODAY)
    bright = next(r for r in rows if r["LicenseNo"] == "1034567")
    try:
        import_licenses(portal.url, csv_lines([{**bright, "PrimaryStatus": "Contr Bond Susp"}]))
        page = client.get("/dashboard")
        assert "its contractor's bond was cancelled" in page.context["refusal"]["status"]
        assert "Contr Bond Susp" not in page.text
        assert "You cannot apply for permits or request inspections" in page.text
        assert "Request inspection" not in page.text
    finally:
        import_licenses(portal.url, csv_lines([bright]))
