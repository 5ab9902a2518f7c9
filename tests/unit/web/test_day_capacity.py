"""A supervisor changes or blocks a district's day on the inspection board; bookings follow."""
from __future__ import annotations

import uuid

from domain.accounts import Role
from tests.unit.web.inspection_journeys import WEDNESDAY, form, ready_permit
from tests.unit.web.journeys import csrf, verified_contractor
from tests.unit.web.test_inspector import signed_in_as


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
