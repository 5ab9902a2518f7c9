"""Requesting, rescheduling and cancelling inspections on the web, and who sees what."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime

from db.engines import fetch_rows
from db.tables import InspectionDay
from tests.unit.web.journeys import csrf, verified_contractor
from tests.unit.web.inspection_journeys import (
    LA, THURSDAY, TUESDAY_MORNING, WEDNESDAY, form, ready_permit,
)

def test_the_request_form_is_prefilled_and_offers_only_eligible_types_and_open_dates(clock):
    client, _ = verified_contractor(clock, "1012345")
    number = ready_permit(clock)
    page = client.get(f"/permits/{number}/inspections/request")
    assert page.status_code == 200
    context = page.context
    assert context["refusals"] == []
    assert context["values"]["contact_phone"] == "323-555-0100"
    offered = [c.type.code for c in context["choices"] if c.offered]
    assert offered[0] == "145" and "195" not in offered, "the final waits for 145"
    assert context["dates"][0].day == WEDNESDAY
    assert "Needs 145 Re-roof Underlayment approved first." in page.text
    assert "Wednesday 2 December 2026" in page.text


def test_a_request_is_confirmed_with_a_number_e_mailed_and_listed_on_the_dashboard(clock):
    client, email = verified_contractor(clock, "1012345")
    number = ready_permit(clock)
    response = client.post(f"/permits/{number}/inspections/request", data=form(client),
                           follow_redirects=False)
    assert response.status_code == 303
    confirmation_page = client.get(response.headers["location"])
    held = confirmation_page.context["held"]
    assert confirmation_page.context["requested"] and held.day == WEDNESDAY
    assert "Inspection requested" in confirmation_page.text
    assert held.confirmation in confirmation_page.text
    twice = client.post(f"/permits/{number}/inspections/request", data=form(client),
                        follow_redirects=False)
    assert twice.headers["location"] == response.headers["location"], \
        "a double tap shows the inspection the first one booked, not 'already scheduled'"
    assert fetch_rows(clock.url, "SELECT count(*) FROM inspection i JOIN permit p ON p.id = "
                      f"i.permit WHERE p.number = '{number}' AND i.status = 'Scheduled'") == [(1,)]
    subject, body = clock.mail_to(email)[-1]
    assert subject == f"{number}: 145 Re-roof Underlayment inspection scheduled"
    assert " ".join(held.confirmation) in body
    calendar = fetch_rows(clock.url, "SELECT calendar FROM outbox_message WHERE recipient = "
                                     f"'{email}' ORDER BY id DESC LIMIT 1")[0][0]
    assert "DTSTART;VALUE=DATE:20261202" in calendar
    dashboard = client.get("/dashboard")
    assert held.id in {i.id for i in dashboard.context["rows"]["inspections"]}
    assert held.id in dashboard.context["changeable"]


def test_bad_input_keeps_what_was_typed_and_names_each_field(clock):
    client, _ = verified_contractor(clock, "1012345")
    number = ready_permit(clock)
    response = client.post(f"/permits/{number}/inspections/request",
                           data=form(client, type="", day="2026-12-25", contact_phone="12"))
    assert response.status_code == 422
    assert set(response.context["errors"]) == {"type", "day", "contact_phone"}
    assert "Lockbox 7781 on the side gate" in response.text
    assert 'href="#f-contact_phone"' in response.text


def test_the_site_contact_s_name_shown_to_the_inspector_carries_no_web_address(clock):
    client, _ = verified_contractor(clock, "1012345")
    number = ready_permit(clock)
    response = client.post(f"/permits/{number}/inspections/request",
                           data=form(client, contact_name="Visit evil.com"))
    assert response.status_code == 422
    assert response.context["errors"] == {
        "contact_name": "Enter the contact's name without a web address in it."}
    assert 'value="Visit evil.com"' in response.text  # kept, to be mended
    assert fetch_rows(clock.url, "SELECT count(*) FROM inspection i JOIN permit p ON p.id = "
                      f"i.permit WHERE p.number = '{number}'") == [(0,)]


def test_a_permit_with_fees_due_says_why_it_cannot_be_inspected(clock, contractor):
    client, _ = contractor
    page = client.get("/permits/BLD2026-00042/inspections/request")
    assert page.context["refusals"] == [
        "$1.00 in fees is due. Pay it before requesting an inspection."]
    assert "Request the inspection" not in page.text
    refused = client.post("/permits/BLD2026-00042/inspections/request",
                          data=form(client, type="145"))
    assert refused.status_code == 422


def test_a_date_that_fills_while_choosing_offers_the_next_ones_and_keeps_the_form(clock):
    client, _ = verified_contractor(clock, "1012345")
    district = f"F{uuid.uuid4().hex[:6]}"
    number = ready_permit(clock, district)
    assert client.get(f"/permits/{number}/inspections/request").context["dates"][0].day == \
        WEDNESDAY
    asyncio.run(InspectionDay.insert(InspectionDay(district=district, day=WEDNESDAY,
                                                   booked=24)).run())
    response = client.post(f"/permits/{number}/inspections/request", data=form(client))
    assert response.status_code == 409
    assert response.context["errors"]["day"] == (
        "Wednesday 2 December just filled up while you were choosing. Choose one of the next "
        "available dates.")
    assert response.context["dates"][0].day == THURSDAY
    assert "Lockbox 7781" in response.text


def test_rescheduling_moves_the_date_and_cancelling_closes_at_the_cutoff(clock):
    client, _ = verified_contractor(clock, "1012345")
    number = ready_permit(clock)
    location = client.post(f"/permits/{number}/inspections/request", data=form(client),
                           follow_redirects=False).headers["location"]
    inspection_id = int(location.split("/")[2].split("?")[0])
    choices = client.get(f"/inspections/{inspection_id}/reschedule").context["dates"]
    assert WEDNESDAY not in [d.day for d in choices]
    moved = client.post(f"/inspections/{inspection_id}/reschedule",
                        data={"csrf_token": csrf(client), "day": THURSDAY.isoformat()},
                        follow_redirects=False)
    assert moved.status_code == 303
    assert client.get(f"/inspections/{inspection_id}").context["held"].day == THURSDAY
    twice = client.post(f"/inspections/{inspection_id}/reschedule",
                        data={"csrf_token": csrf(client), "day": THURSDAY.isoformat()},
                        follow_redirects=False)
    assert (twice.status_code, twice.headers["location"]) == (
        303, f"/inspections/{inspection_id}"), "a double tap: moved already, not an error"
    clock.app.state.clock = lambda: datetime(2026, 12, 3, 7, 30, tzinfo=LA)
    late = client.get(f"/inspections/{inspection_id}")
    assert not late.context["changeable"]
    assert "Changes closed at Thursday 3 December 2026, 7:00 AM" in late.text
    refused = client.post(f"/inspections/{inspection_id}/cancel",
                          data={"csrf_token": csrf(client)})
    assert refused.status_code == 422
    clock.app.state.clock = lambda: TUESDAY_MORNING
    cancelled = client.post(f"/inspections/{inspection_id}/cancel",
                            data={"csrf_token": csrf(client)}, follow_redirects=False)
    assert cancelled.status_code == 303
    assert fetch_rows(clock.url, f"SELECT status FROM inspection WHERE id = {inspection_id}") \
        == [("Cancelled",)]
    for answer in (client.get(f"/inspections/{inspection_id}/reschedule"),
                   client.post(f"/inspections/{inspection_id}/reschedule",
                               data={"csrf_token": csrf(client), "day": THURSDAY.isoformat()})):
        assert "Move the inspection" not in answer.text and 'name="day"' not in answer.text, (
            "a cancelled inspection offers no date to move to")
        assert "Back to the inspection" in answer.text


def test_the_inspections_tab_shows_contact_details_only_to_the_permits_contacts(clock):
    client, _ = verified_contractor(clock, "1012345")
    number = ready_permit(clock)
    client.post(f"/permits/{number}/inspections/request", data=form(client))
    own = client.get(f"/permits/{number}/inspections")
    assert "Lockbox 7781" in own.text and "323-555-0177" in own.text
    assert "Request an inspection" in own.text
    for other in (clock.client(), verified_contractor(clock, "1023456")[0]):
        page = other.get(f"/permits/{number}/inspections")
        assert "145 Re-roof Underlayment" in page.text and "Scheduled" in page.text
        assert "Lockbox 7781" not in page.text and "323-555-0177" not in page.text
        assert "Request an inspection" not in page.text


def test_a_private_calendar_link_lists_upcoming_inspections_until_it_is_replaced(clock):
    client, _ = verified_contractor(clock, "1012345")
    number = ready_permit(clock)
    client.post(f"/permits/{number}/inspections/request", data=form(client))
    first = client.post("/account/calendar-link", data={"csrf_token": csrf(client)})
    url = first.context["secret"]
    assert url.startswith("https://portal.test/calendar/") and url.endswith(".ics")
    feed = clock.client().get(url.removeprefix("https://portal.test"))
    assert feed.headers["content-type"].startswith("text/calendar")
    assert f"SUMMARY:Inspection 145 Re-roof Underlayment · {number}" in feed.text
    assert "DTSTART;VALUE=DATE:20261202" in feed.text
    assert "Lockbox" not in feed.text, "notes stay on the portal"
    second = client.post("/account/calendar-link", data={"csrf_token": csrf(client)})
    assert clock.client().get(url.removeprefix("https://portal.test")).status_code == 404
    assert clock.client().get(second.context["secret"].removeprefix(
        "https://portal.test")).status_code == 200


def test_calendar_events_give_the_street_city_state_and_zip_so_map_apps_find_the_site(clock):
    from icalendar import Calendar

    client, email = verified_contractor(clock, "1012345")
    number = ready_permit(clock)
    client.post(f"/permits/{number}/inspections/request", data=form(client))
    url = client.post("/account/calendar-link", data={"csrf_token": csrf(client)}
                      ).context["secret"]
    feed = clock.client().get(url.removeprefix("https://portal.test")).text
    mailed = fetch_rows(clock.url, "SELECT calendar FROM outbox_message WHERE recipient = "
                                   f"'{email}' ORDER BY id DESC LIMIT 1")[0][0]
    for text in (feed, mailed):
        events = [e for e in Calendar.from_ical(text).walk("VEVENT")
                  if number in str(e["summary"])]
        assert str(events[0]["location"]) == "123 Kings Rd, West Hollywood, CA 90069"
        assert (events[0]["geo"].latitude, events[0]["geo"].longitude) == (34.0901, -118.385)
