"""Inspectors see their route and record results; staff reassign; contacts read the notes."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

from db import accounts
from db.engines import fetch_rows
from domain.accounts import Role
from tests.unit.web.journeys import csrf, sign_in, verified_contractor
from tests.unit.web.inspection_journeys import WEDNESDAY, form, ready_permit


def signed_in_as(portal, role: Role, name: str):
    email = f"{role.value}.{uuid.uuid4().hex[:8]}@example.com"

    async def create():
        return await accounts.create_account(
            email=email, password_hash=await accounts.hash_password("inspector-pass-1"),
            name=name, phone="323-555-0101", role=role,
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
    route = inspector.get(f"/inspector?day={WEDNESDAY.isoformat()}")
    assert [s.id for s in route.context["stops"]] == [inspection_id]
    assert "Lockbox 7781 on the side gate" in route.text
    garbled = inspector.get("/inspector?day=tomorrow")
    assert garbled.status_code == 200 and "is not a date" in garbled.text


def test_a_result_is_recorded_once_and_its_notes_reach_only_whom_they_may(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    missing = inspector.post(f"/inspector/inspections/{inspection_id}/result",
                             data={"csrf_token": csrf(inspector),
                                   "result": "Corrections required",
                                   "private_notes": "Dog in the yard"})
    assert missing.status_code == 422 and "Dog in the yard" in missing.text
    recorded = inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        "csrf_token": csrf(inspector), "result": "Corrections required", "reinspection": "yes",
        "public_notes": "Replace torn underlayment at the ridge",
        "private_notes": "Dog in the yard"}, follow_redirects=False)
    assert recorded.status_code == 303
    assert fetch_rows(clock.url, "SELECT status, result, reinspection FROM inspection WHERE "
                                 f"id = {inspection_id}") == [("Completed",
                                                               "Corrections required", 1)]
    twice = inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        "csrf_token": csrf(inspector), "result": "Approved"})
    assert twice.status_code == 422
    own = contractor.get(f"/permits/{number}/inspections").text
    assert "Replace torn underlayment" in own and "Dog in the yard" not in own
    public = clock.client().get(f"/permits/{number}/inspections").text
    assert "Corrections required" in public and "Replace torn underlayment" not in public
    assert "Dog in the yard" in inspector.get(f"/permits/{number}/inspections").text
