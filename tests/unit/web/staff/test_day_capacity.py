"""A supervisor changes or blocks a district's day on the inspection board; bookings follow."""
from __future__ import annotations

import uuid

from db.engines import fetch_rows
from domain.accounts import Role
from tests.unit.web.inspection_journeys import WEDNESDAY, form, ready_permit
from tests.unit.web.journeys import csrf, verified_contractor
from tests.unit.web.inspector.test_inspector import signed_in_as


def request_wednesday(contractor, number: str):
    return contractor.post(f"/permits/{number}/inspections/request", data=form(contractor),
                           follow_redirects=False)


def test_a_supervisor_blocks_a_districts_day_and_no_inspection_can_be_booked_on_it(clock):
    district = f"H{uuid.uuid4().hex[:6]}"
    contractor, _ = verified_contractor(clock, "1012345")
    first, second = ready_permit(clock, district), ready_permit(clock, district)
    assert request_wednesday(contractor, first).status_code == 303
    supervisor, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    clerk, _ = signed_in_as(clock, Role.STAFF, "Sam Clerk")
    board = supervisor.get(f"/staff/inspections?day={WEDNESDAY.isoformat()}")
    [row] = [d for d in board.context["capacities"] if d.district == district]
    assert (row.booked, row.override, row.blocked) == (1, None, False)
    change = {"csrf_token": csrf(supervisor), "day": WEDNESDAY.isoformat(),
              "district": district}
    assert clerk.post("/staff/inspections/capacity", data={
        **change, "csrf_token": csrf(clerk), "action": "block"}).status_code == 403
    assert "Units for" not in clerk.get(f"/staff/inspections?day={WEDNESDAY.isoformat()}").text

    typo = supervisor.post("/staff/inspections/capacity", data={**change, "capacity": "ten"})
    assert typo.status_code == 422 and "Enter a number of units from 0" in typo.text
    assert 'value="ten"' in typo.text, "what was typed stays beside its message"

    blocked = supervisor.post("/staff/inspections/capacity", data={**change, "action": "block"},
                              follow_redirects=True)
    assert "Blocked" in blocked.text and "1 more booked than the units" in blocked.text
    offered = contractor.get(f"/permits/{second}/inspections/request")
    assert WEDNESDAY not in {o.day for o in offered.context["dates"]}
    refused = request_wednesday(contractor, second)
    assert refused.status_code == 409 and "just filled up" in refused.text

    supervisor.post("/staff/inspections/capacity", data={**change, "action": "policy"})
    assert request_wednesday(contractor, second).status_code == 303
    two = supervisor.post("/staff/inspections/capacity", data={**change, "capacity": "2"},
                          follow_redirects=True)
    [row] = [d for d in two.context["capacities"] if d.district == district]
    assert (row.booked, row.units, row.override) == (2, 2, 2)
    assert supervisor.post("/staff/inspections/capacity", data={
        **change, "district": "Atlantis", "action": "block"}).status_code == 400


def test_a_supervisor_sends_a_districts_new_requests_to_another_inspector(clock):
    district = f"H{uuid.uuid4().hex[:6]}"
    contractor, _ = verified_contractor(clock, "1012345")
    first, second = ready_permit(clock, district), ready_permit(clock, district)
    supervisor, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    clerk, _ = signed_in_as(clock, Role.STAFF, "Sam Clerk")
    _, away = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    _, cover = signed_in_as(clock, Role.INSPECTOR, "Lee Okafor")
    assign = {"csrf_token": csrf(supervisor), "day": WEDNESDAY.isoformat(),
              "district": district}
    assert request_wednesday(contractor, first).status_code == 303  # the board lists it now
    assert supervisor.post("/staff/inspections/district", data={
        **assign, "inspector": str(away)}).status_code == 200
    assert clerk.post("/staff/inspections/district", data={
        **assign, "csrf_token": csrf(clerk), "inspector": str(cover)}).status_code == 403
    board = clerk.get(f"/staff/inspections?day={WEDNESDAY.isoformat()}")
    assert f'id="f-inspector-{district}"' not in board.text
    for wrong in ("", "99999999"):
        refused = supervisor.post("/staff/inspections/district", data={
            **assign, "inspector": wrong})
        assert refused.status_code == 422
        assert f"Choose the inspector for {district}&#39;s new requests." in refused.text
    assert supervisor.get("/staff/inspections?day=2020-01-01").context["errors"] == {
        "day": "No scheduling policy applies to that day: there is no capacity to show."}
    moved = supervisor.post("/staff/inspections/district", data={
        **assign, "inspector": str(cover)})
    assert moved.context["district_inspectors"][district] == cover
    assert request_wednesday(contractor, second).status_code == 303
    assert fetch_rows(clock.url, "SELECT p.number, i.inspector FROM inspection i JOIN permit p"
                                 f" ON p.id = i.permit WHERE i.district = '{district}'"
                                 " ORDER BY i.id") == [
        (first, None), (second, "Lee Okafor")], "bookings made stay with theirs"
    [(cover_email,)] = fetch_rows(clock.url, f"SELECT email FROM account WHERE id = {cover}")
    assert fetch_rows(clock.url, "SELECT channel, before, after FROM audit_event WHERE"
                                 f" subject = 'district {district}' ORDER BY id")[-1] == (
        "staff", "inspector: Rosa Delgado", f"inspector: Lee Okafor ({cover_email})")
