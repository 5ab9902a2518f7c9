"""Inspectors see their route and record results; staff reassign; contacts read the notes."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

from db.accounts import accounts, passwords
from db.engines import fetch_rows
from domain.accounts import Role
from tests.unit.test_support import conflicts_page_with, waiting_conflict_ids
from tests.unit.web.inspection_journeys import (
    THURSDAY, WEDNESDAY, form, on_inspection_day, ready_permit
)
from tests.unit.web.journeys import csrf, sign_in, verified_contractor


def signed_in_as(portal, role: Role, name: str, supervisor: bool = False):
    email = f"{role.value}.{uuid.uuid4().hex[:8]}@example.com"

    async def create():
        return await accounts.create_account(
            portal.app.state.database, email=email,
            password_hash=await passwords.hash_password("inspector-pass-1"), name=name,
            phone="323-555-0101", role=role, supervisor=supervisor,
            email_verified_at=datetime.now(timezone.utc), now=datetime.now(timezone.utc))

    client = portal.client()
    account_id = asyncio.run(create())
    assert sign_in(client, email, "inspector-pass-1").status_code == 303
    return client, account_id


def booked_inspection(portal) -> tuple[str, int, object]:
    contractor, _ = verified_contractor(portal, "1012345")
    number = ready_permit(portal)
    location = contractor.post(f"/permits/{number}/inspections/request", data=form(contractor),
                               follow_redirects=False).headers["location"]
    return number, int(location.split("/")[2].split("?")[0]), contractor


def test_staff_assign_an_inspection_and_it_appears_on_that_inspectors_route(clock):
    number, inspection_id, _ = booked_inspection(clock)
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Ingrid Halvorsen")
    board = staff.get(f"/staff/inspections?day={WEDNESDAY.isoformat()}")
    assert inspection_id in {s.id for s in board.context["stops"]}
    assigned = staff.post(f"/staff/inspections/{inspection_id}/assign",
                          data={"csrf_token": csrf(staff), "inspector": str(inspector_id)},
                          follow_redirects=False)
    assert assigned.status_code == 303
    assert staff.get(assigned.headers["location"]).context["notice"] == (
        "The 145 Re-roof Underlayment inspection at 123 Kings Rd is assigned to Ingrid "
        "Halvorsen.")
    route = inspector.get(f"/inspector?day={WEDNESDAY.isoformat()}")
    assert [s.id for s in route.context["stops"]] == [inspection_id]
    assert "Lockbox 7781 on the side gate" in route.text
    assert 'Ana Ruiz, <a href="tel:+13235550177">323-555-0177</a>' in route.text
    # In the field (issue 17 §3): the access notes first, then directions to the full address
    # and the site contact's call and text links, on the route and on the stop.
    for page in (route, inspector.get(f"/inspector/inspections/{inspection_id}")):
        assert ('href="https://www.google.com/maps/dir/?api=1&amp;destination=123%20Kings%20Rd'
                '%2C%20West%20Hollywood%2C%20CA%2090069"') in page.text
        assert 'href="sms:+13235550177"' in page.text
        assert page.text.index("Lockbox 7781") < page.text.index(">Navigate<")
    garbled = inspector.get("/inspector?day=tomorrow")
    assert garbled.status_code == 200 and "is not a date" in garbled.text


def result_form(client, inspection_id: int) -> dict[str, str]:
    """The hidden fields the result form was shown with (its key and the revision seen)."""
    context = client.get(f"/inspector/inspections/{inspection_id}").context
    return {"csrf_token": csrf(client), "idempotency_key": context["values"]["idempotency_key"],
            "revision": str(context["stop"].revision)}


def test_a_result_is_recorded_once_and_its_notes_reach_only_whom_they_may(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)
    missing = inspector.post(f"/inspector/inspections/{inspection_id}/result",
                             data={**shown, "result": "Corrections required",
                                   "private_notes": "Dog in the yard"})
    assert missing.status_code == 422 and "Dog in the yard" in missing.text
    entry = {**shown, "result": "Corrections required", "reinspection": "yes",
             "public_notes": "Replace torn underlayment at the ridge",
             "private_notes": "Dog in the yard"}
    recorded = inspector.post(f"/inspector/inspections/{inspection_id}/result", data=entry,
                              follow_redirects=False)
    assert recorded.status_code == 303
    assert inspector.get(recorded.headers["location"]).context["notice"] == (
        "Recorded: 145 Re-roof Underlayment at 123 Kings Rd, Completed: Corrections "
        "required.")
    assert inspector.get(f"/inspector?sent={inspection_id + 1}").context["notice"] == "", (
        "the address bar alone says nothing")
    assert fetch_rows(clock.url, "SELECT status, result, reinspection FROM inspection WHERE "
                                 f"id = {inspection_id}") == [("Completed",
                                                               "Corrections required", 1)]
    twice = inspector.post(f"/inspector/inspections/{inspection_id}/result", data=entry,
                           follow_redirects=False)
    assert twice.status_code == 303 and twice.headers["idempotent-replayed"] == "true"
    assert twice.headers["location"] == recorded.headers["location"]
    other = inspector.post(f"/inspector/inspections/{inspection_id}/result",
                           data={**entry, "result": "Approved"})
    assert other.status_code == 422 and "already sent with other contents" in other.text
    assert fetch_rows(clock.url, "SELECT count(*) FROM result_conflict WHERE inspection = "
                                 f"{inspection_id}") == [(0,)], "a replay writes nothing"
    own = contractor.get(f"/permits/{number}/inspections").text
    assert "Replace torn underlayment" in own and "Dog in the yard" not in own
    public = clock.client().get(f"/permits/{number}/inspections").text
    assert "Corrections required" in public and "Replace torn underlayment" not in public
    assert "Dog in the yard" in inspector.get(f"/permits/{number}/inspections").text


def test_the_result_queue_gets_a_fragment_with_its_key_echoed_and_a_key_is_required(clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)
    key = str(uuid.uuid4())
    entry = {"csrf_token": shown["csrf_token"], "result": "Approved", "revision": shown["revision"]}
    assert inspector.post(f"/inspector/inspections/{inspection_id}/result",
                          data=entry).status_code == 400
    synced = inspector.post(f"/inspector/inspections/{inspection_id}/result", data=entry,
                            headers={"Idempotency-Key": key, "Accept": "*/*"})
    assert synced.status_code == 200 and synced.headers["idempotency-key"] == key
    assert "Recorded:" in synced.text
    replay = inspector.post(f"/inspector/inspections/{inspection_id}/result", data=entry,
                            headers={"Idempotency-Key": key, "Accept": "*/*"})
    assert replay.headers["idempotent-replayed"] == "true" and replay.text == synced.text
    signed_out = clock.client()
    expired = signed_out.post(f"/inspector/inspections/{inspection_id}/result",
                              data={**entry, "csrf_token": csrf(signed_out)},
                              headers={"Idempotency-Key": key, "Accept": "*/*"})
    assert expired.status_code == 401, "a fetch without a session is never redirected"


def test_a_result_for_an_inspection_reassigned_meanwhile_waits_for_a_supervisor(clock):
    number, inspection_id, _ = booked_inspection(clock)
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    clerk, _ = signed_in_as(clock, Role.STAFF, "Sam Clerk")
    other, other_id = signed_in_as(clock, Role.INSPECTOR, "Kofi Mensah-Park")
    staff.post(f"/staff/inspections/{inspection_id}/assign",
               data={"csrf_token": csrf(staff), "inspector": str(inspector_id)})
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)  # Rosa loads her route, then goes offline
    staff.post(f"/staff/inspections/{inspection_id}/assign",
               data={"csrf_token": csrf(staff), "inspector": str(other_id)})
    kept = inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        **shown, "result": "Approved", "public_notes": "All good"}, follow_redirects=False)
    assert kept.status_code == 303 and kept.headers["location"].endswith(
        f"&sent={inspection_id}")
    route = inspector.get(kept.headers["location"])
    assert route.context["notice"] == (
        "Your 145 Re-roof Underlayment result at 123 Kings Rd was kept for a supervisor: "
        "the inspection was reassigned to another inspector.")
    assert "Results waiting for a supervisor (1)" in route.text
    assert "reassigned to another inspector" in route.text
    assert fetch_rows(clock.url, f"SELECT status FROM inspection WHERE id = {inspection_id}"
                      ) == [("Scheduled",)]
    queue, [waiting] = conflicts_page_with(staff, inspection_id)
    assert waiting.entry.public_notes == "All good"
    assert clerk.post(f"/staff/conflicts/{waiting.id}/resolve", data={
        "csrf_token": csrf(clerk), "decision": "record"}).status_code == 403
    refused = staff.post(f"/staff/conflicts/{waiting.id}/resolve",
                         data={"csrf_token": csrf(staff), "decision": "maybe"})
    assert refused.status_code == 422
    recorded = staff.post(f"/staff/conflicts/{waiting.id}/resolve", data={
        "csrf_token": csrf(staff), "decision": "record", "note": "Rosa did go"},
        follow_redirects=False)
    assert recorded.status_code == 303
    assert fetch_rows(clock.url, f"SELECT status, result FROM inspection WHERE id = "
                                 f"{inspection_id}") == [("Completed", "Approved")]
    assert waiting.id not in waiting_conflict_ids(staff)


def test_the_inspection_page_shows_the_permits_earlier_inspections_and_the_next_day(clock):
    number, first_id, contractor = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    inspector.post(f"/inspector/inspections/{first_id}/result", data={
        **result_form(inspector, first_id), "result": "Approved",
        "public_notes": "Underlayment lapped correctly"})
    location = contractor.post(f"/permits/{number}/inspections/request",
                               data=form(contractor, type="195", day=THURSDAY.isoformat()),
                               follow_redirects=False).headers["location"]
    final_id = int(location.split("/")[2].split("?")[0])
    page = inspector.get(f"/inspector/inspections/{final_id}")
    assert [e.type_code for e in page.context["earlier"]] == ["145"]
    assert "Underlayment lapped correctly" in page.text
    route = inspector.get("/inspector")
    assert '<link rel="manifest" href="/manifest.webmanifest">' in route.text, "installable"
    assert route.context["next_day"] == THURSDAY, "Wednesday's next business day"
    assert 'href="/inspector?day=2026-12-03"' in route.text


def test_an_inspector_s_dashboard_is_the_day_s_route(portal):
    """Issue 17 §3: no applicant's sections (permits followed, drafts, payments) for an
    inspector; the header's first link is Today."""
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Ingrid Halvorsen")
    for path in ("/dashboard", "/dashboard/inspections"):
        landed = inspector.get(path, follow_redirects=False)
        assert (landed.status_code, landed.headers["location"]) == (303, "/inspector")
    route = inspector.get("/inspector")
    assert ">Today</a>" in route.text and "My Dashboard" not in route.text
