"""Every staff state change of a district's day, an inspection or an account posted by hand is
checked against the rule that decides the buttons shown (issue 14 §6), as
tests/unit/web/staff/test_staff_transitions.py does for permits and payments; and a contractor's
changes of an inspection likewise."""
from __future__ import annotations

import uuid

import pytest

from db.accounts import accounts
from db.engines import fetch_rows
from db.inspections.capacity import set_capacity
from db.tables import Account, Inspection, Permit
from domain.accounts import Role, Verification
from tests.factories import seed_scheduled_inspection
from tests.unit.web.inspection_journeys import WEDNESDAY, ready_permit
from tests.unit.web.staff.test_staff_transitions import NOW, assert_refused, audit_events, post, run

# A district's day on the board: its own units (None: the policy's; 0: blocked) -> actions.
CAPACITY_STATES = {"the policy's": (None, ("save", "block")),
                   "its own units": (3, ("save", "block", "policy")),
                   "blocked": (0, ("save", "policy"))}


CAPACITY_AFTER = {"save": 4, "block": 0, "policy": None}


@pytest.mark.parametrize("action", ["save", "block", "policy"])
@pytest.mark.parametrize("state", sorted(CAPACITY_STATES))
def test_a_days_capacity_changes_only_as_the_board_offers(clock, boss, state, action):
    units, offered = CAPACITY_STATES[state]
    district = f"T{uuid.uuid4().hex[:6]}"
    run(clock, set_capacity(clock.app.state.database, district, WEDNESDAY, units, NOW))
    board = boss.get(f"/staff/inspections?day={WEDNESDAY.isoformat()}")
    [row] = [d for d in board.context["capacities"] if d.district == district]
    assert row.actions == offered
    before = audit_events(clock)
    response = post(boss, "/staff/inspections/capacity", day=WEDNESDAY.isoformat(),
                    district=district, action=action, capacity="4")
    now = fetch_rows(clock.url, "SELECT capacity FROM inspection_day WHERE district = "
                                f"'{district}'")
    if action in offered:
        assert response.status_code == 303 and now == [(CAPACITY_AFTER[action],)]
    else:
        assert_refused(clock, response, before, "Nothing was changed")
        assert now == [(units,)]


def test_an_action_the_board_never_offers_is_refused_and_saving_nothing_new_records_nothing(
        clock, boss):
    district = f"T{uuid.uuid4().hex[:6]}"
    run(clock, set_capacity(clock.app.state.database, district, WEDNESDAY, 3, NOW))
    before = audit_events(clock)
    day = {"day": WEDNESDAY.isoformat(), "district": district}
    refused = post(boss, "/staff/inspections/capacity", **day, action="close")
    assert_refused(clock, refused, before, "Choose to save the units")
    assert post(boss, "/staff/inspections/capacity", **day, action="save",
                capacity="3").status_code == 303
    assert audit_events(clock) == before, "3 saved again as 3 changes nothing"


async def _inspector(database, active: bool) -> int:
    account = await accounts.create_account(
        database, email=f"inspector.{uuid.uuid4().hex[:8]}@example.com", password_hash="x",
        name=f"Inspector {'Active' if active else 'Gone'}", phone="323-555-0101",
        role=Role.INSPECTOR, now=NOW)
    await Account.update({Account.active: active}).where(Account.id == account)
    return account


@pytest.mark.parametrize("active", [True, False], ids=["active inspector", "gone inspector"])
@pytest.mark.parametrize("status", ["Scheduled", "Completed", "Cancelled"])
def test_an_inspection_is_reassigned_only_while_scheduled_and_to_an_inspector_offered(
        clock, boss, status, active):
    number = ready_permit(clock)

    async def create() -> tuple[int, int]:
        permit = (await Permit.select(Permit.id).where(Permit.number == number).first())["id"]
        inspection = await seed_scheduled_inspection(permit, WEDNESDAY)
        await Inspection.update({Inspection.status: status}).where(Inspection.id == inspection)
        return inspection, await _inspector(clock.app.state.database, active)

    inspection, inspector = run(clock, create())
    board = boss.get(f"/staff/inspections?day={WEDNESDAY.isoformat()}")
    assert (inspector in {i for i, _ in board.context["inspectors"]}) == active
    before = audit_events(clock)
    response = post(boss, f"/staff/inspections/{inspection}/assign", inspector=str(inspector))
    assigned = fetch_rows(clock.url, "SELECT inspector_account FROM inspection WHERE id = "
                                     f"{inspection}")
    if status == "Scheduled" and active:
        assert response.status_code == 303 and assigned == [(inspector,)]
    else:
        assert_refused(clock, response, before, "Choose an inspector")
        assert assigned != [(inspector,)]


@pytest.mark.parametrize("decision", ["approve", "reject", "delete", ""])
@pytest.mark.parametrize("verification", [Verification.PENDING, Verification.VERIFIED])
def test_an_account_is_decided_only_while_it_waits_and_only_by_its_two_buttons(
        portal, boss, verification, decision):
    applicant = run(portal, accounts.create_account(
        portal.app.state.database, email=f"applicant.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="x", name="Applicant", phone="323-555-0100", role=Role.CONTRACTOR,
        license_no="1012345", verification=verification, email_verified_at=NOW, now=NOW))
    before = audit_events(portal)
    response = post(boss, f"/staff/accounts/{applicant}/decide", decision=decision,
                    reason="The license is another company's.")
    now = fetch_rows(portal.url, f"SELECT verification FROM account WHERE id = {applicant}")
    if verification is Verification.PENDING and decision in ("approve", "reject"):
        assert response.status_code == 303
        assert now == [("verified" if decision == "approve" else "rejected",)]
    else:
        message = ("was already approved: nothing was changed"
                   if verification is Verification.VERIFIED
                   else "Choose to approve or to reject")
        assert_refused(portal, response, before, message)
        assert now == [(verification.value,)]


@pytest.mark.parametrize("action", ["cancel", "reschedule"])
@pytest.mark.parametrize("status", ["Scheduled", "Completed", "Cancelled"])
def test_a_contractor_changes_an_inspection_only_while_its_page_offers_it(clock, status,
                                                                          action):
    """The contractor side checks the same rule (status and cut-off) on the page and the POST;
    pinned here with the staff screens."""
    from tests.unit.web.inspection_journeys import THURSDAY
    from tests.unit.web.inspector.test_inspector import booked_inspection

    _, inspection, contractor = booked_inspection(clock)
    run(clock, Inspection.update({Inspection.status: status}).where(
        Inspection.id == inspection).run())
    offered = contractor.get(f"/inspections/{inspection}").context["changeable"]
    assert offered == (status == "Scheduled")
    before = audit_events(clock)
    response = post(contractor, f"/inspections/{inspection}/{action}",
                    day=THURSDAY.isoformat())
    now = fetch_rows(clock.url, f"SELECT status, scheduled_for FROM inspection WHERE id = "
                                f"{inspection}")
    if offered:
        assert response.status_code == 303
        assert now[0] == (("Cancelled", "2026-12-02") if action == "cancel"
                          else ("Scheduled", THURSDAY.isoformat()))
    elif (status, action) == ("Cancelled", "cancel"):
        # A second tap on Cancel lands on "already cancelled", not an error; nothing changes.
        assert response.status_code == 303 and audit_events(clock) == before
        assert now[0] == (status, "2026-12-02")
    else:
        assert_refused(clock, response, before, f"already {status.lower()}")
        assert now[0] == (status, "2026-12-02")
