"""Every staff state change posted by hand is checked against the rule that decides the buttons
shown (issue 14 §6): each decision is posted in each state; what the screen offers works, what it
does not is refused with a message (409 or 422, never 500), changes nothing and records nothing.
"""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from db.accounts import accounts
from db.engines import fetch_rows
from db.inspections.capacity import set_capacity
from db.tables import (
    Account, FeeItem, Inspection, LedgerEntry, Payment, PaymentLine, Permit, ReviewComment
)
from domain.accounts import Role, Verification
from tests.factories import free_number, make_parcel, make_permit, seed_scheduled_inspection
from tests.unit.web.inspection_journeys import WEDNESDAY, ready_permit
from tests.unit.web.journeys import csrf
from tests.unit.web.inspector.test_inspector import signed_in_as

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def boss(portal):
    """A supervisor (every staff screen's decisions are open to one)."""
    client, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    return client


def run(portal, work):
    portal.client()  # binds the portal's database
    return asyncio.run(work)


def audit_events(portal) -> int:
    return fetch_rows(portal.url, "SELECT count(*) FROM audit_event")[0][0]


def post(client, path: str, **fields):
    return client.post(path, data={"csrf_token": csrf(client), **fields},
                       follow_redirects=False)


def assert_refused(portal, response, before: int, message: str) -> None:
    assert response.status_code in (409, 422), response.status_code
    assert message in response.text
    assert audit_events(portal) == before, "nothing recorded"


async def _permit(status: str, subtype: str = "Residential Addition") -> tuple[int, str]:
    number = await free_number("BLD2026")
    parcel = await make_parcel(f"T{uuid.uuid4().hex[:11]}", 77, "Vista", "St")
    permit_id = await make_permit(
        number, parcel, "77 Vista St", subtype=subtype, description="Add a bedroom",
        status=status, applied_on=date(2026, 11, 2), contractor=("Acme Roofing Inc", "1012345"),
        issued_on=date(2026, 11, 5) if status in ("Issued", "Expired", "Finaled") else None)
    return permit_id, number


def status_of(portal, number: str) -> str:
    return fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'")[0][0]


# Plan review: (status, subtype, sent back with corrections) -> the decisions offered.
REVIEW_STATES = {
    "applied": (("Applied", "Residential Addition", False), ("start",)),
    "waiting for the applicant": (("Applied", "Residential Addition", True), ()),
    "in review": (("In Review", "Residential Addition", False), ("approve", "corrections")),
    "approved": (("Approved", "Residential Addition", False), ()),
    "cancelled": (("Cancelled", "Residential Addition", False), ()),
    "over the counter work": (("Applied", "Re-roof", False), ()),
}
REVIEW_TARGETS = {"start": "In Review", "approve": "Approved", "corrections": "Applied"}


@pytest.mark.parametrize("decision", sorted(REVIEW_TARGETS))
@pytest.mark.parametrize("state", sorted(REVIEW_STATES))
def test_a_plan_review_decision_is_taken_only_where_its_button_is_shown(portal, boss, state,
                                                                        decision):
    (status, subtype, sent_back), offered = REVIEW_STATES[state]

    async def create() -> str:
        permit_id, number = await _permit(status, subtype)
        if sent_back:
            await ReviewComment.insert(ReviewComment(
                permit=permit_id, kind="corrections", author="Dana", body="Sheet A2: egress.",
                created_at=NOW))
        return number

    number = run(portal, create())
    page = boss.get(f"/staff/reviews/{number}")
    assert page.context["application"].actions == offered
    assert (f'value="{decision}"' in page.text) == (decision in offered)
    before = audit_events(portal)
    # Starting the review takes no comment (one typed then is refused, not dropped).
    response = post(boss, f"/staff/reviews/{number}", decision=decision,
                    comment="" if decision == "start" else "Sheet A2: show the egress window.")
    if decision in offered:
        assert response.status_code == 303
        assert status_of(portal, number) == REVIEW_TARGETS[decision]
    else:
        assert_refused(portal, response, before, "Nothing was changed.")
        assert status_of(portal, number) == status


def test_a_decision_the_review_page_never_offers_is_refused_as_a_form_error(portal, boss):
    _, number = run(portal, _permit("Applied"))
    response = post(boss, f"/staff/reviews/{number}", decision="issue")
    assert response.status_code == 422 and "Choose what to do" in response.text
    assert status_of(portal, number) == "Applied"


# A permit's status by hand: each status -> the changes offered (domain.staff_status).
MANUAL_STATES = {"Applied": ("Cancelled", "Void"), "In Review": ("Cancelled", "Void"),
                 "Approved": ("Cancelled", "Void"), "Issued": ("Cancelled", "Void"),
                 "Expired": ("Issued", "Void"), "Finaled": ("Void",), "Cancelled": (),
                 "Void": ()}


@pytest.mark.parametrize("change", ["Issued", "Cancelled", "Void"])
@pytest.mark.parametrize("status", sorted(MANUAL_STATES))
def test_a_status_change_by_hand_is_made_only_where_the_page_offers_it(portal, boss, status,
                                                                       change):
    _, number = run(portal, _permit(status))
    url = f"/staff/permits/{number}/status"
    offered = tuple(c.target.value for c in boss.get(url).context["changes"])
    assert offered == MANUAL_STATES[status]
    before = audit_events(portal)
    response = post(boss, url, change=change, reason="Asked at the counter.")
    if change in offered:
        assert response.status_code == 303 and status_of(portal, number) == change
    else:
        assert_refused(portal, response, before, "can")
        assert status_of(portal, number) == status


async def _payment(gateway: str, status: str) -> str:
    permit_id, _ = await _permit("Issued", "Re-roof")
    fee = (await FeeItem.insert(FeeItem(permit=permit_id, code="BLDG", description="Building",
                                        amount=Decimal("100.00"), paid=True)))[0]["id"]
    payer = (await Account.select(Account.id).first())["id"]
    reference = f"PAY2026-{uuid.uuid4().int % 900000 + 100000}"
    payment = (await Payment.insert(Payment(
        account=payer, reference=reference, gateway=gateway, idempotency_key=uuid.uuid4().hex,
        amount=Decimal("100.00"), status=status, paid_at=NOW,
        gateway_ref=f"cs_{uuid.uuid4().hex}" if gateway == "stripe" else None)))[0]["id"]
    await PaymentLine.insert(PaymentLine(payment=payment, fee_item=fee,
                                         amount=Decimal("100.00")))
    await LedgerEntry.insert(LedgerEntry(payment=payment, kind="charge",
                                         amount=Decimal("100.00"), at=NOW, by="test"))
    return reference


# Payments: (gateway, status) -> the reversals offered. A Stripe refund asks Stripe first
# (test_stripe.py); here only what is refused before anything is asked of Stripe.
PAYMENT_STATES = {("counter", "paid"): ("void", "refund"), ("counter", "voided"): (),
                  ("counter", "refunded"): (), ("stripe", "paid"): ("refund",),
                  ("stripe", "conflict"): ("refund",), ("stripe", "pending"): ()}
AFTER = {"void": "voided", "refund": "refunded"}


@pytest.mark.parametrize("kind", ["void", "refund"])
@pytest.mark.parametrize("state", sorted(PAYMENT_STATES))
def test_a_payment_is_voided_or_refunded_only_where_its_button_is_shown(portal, boss, state,
                                                                        kind):
    gateway, status = state
    offered = PAYMENT_STATES[state]
    if gateway == "stripe" and kind in offered:
        pytest.skip("a Stripe refund is Stripe's answer: test_stripe.py")
    reference = run(portal, _payment(gateway, status))
    page = boss.get(f"/staff/payments/{reference}")
    assert page.context["reversals"] == offered
    assert (f'value="{kind}"' in page.text) == (kind in offered)
    before = audit_events(portal)
    response = post(boss, f"/staff/payments/{reference}/reverse", kind=kind,
                    reason="Taken twice.")
    now = fetch_rows(portal.url, f"SELECT status FROM payment WHERE reference = '{reference}'")
    if kind in offered:
        assert response.status_code == 303 and now == [(AFTER[kind],)]
    elif status == AFTER[kind]:
        # A second tap on the reversal already done lands on it; nothing changes.
        assert response.status_code == 303 and audit_events(portal) == before
        assert now == [(status,)]
    else:
        assert_refused(portal, response, before, "Nothing was changed")
        assert now == [(status,)]


def test_a_reversal_no_button_names_is_refused_as_a_form_error(portal, boss):
    reference = run(portal, _payment("counter", "paid"))
    response = post(boss, f"/staff/payments/{reference}/reverse", kind="delete", reason="x")
    assert response.status_code == 422 and "Choose to void or to refund" in response.text


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
    run(clock, set_capacity(district, WEDNESDAY, units, NOW))
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
    run(clock, set_capacity(district, WEDNESDAY, 3, NOW))
    before = audit_events(clock)
    day = {"day": WEDNESDAY.isoformat(), "district": district}
    refused = post(boss, "/staff/inspections/capacity", **day, action="close")
    assert_refused(clock, refused, before, "Choose to save the units")
    assert post(boss, "/staff/inspections/capacity", **day, action="save",
                capacity="3").status_code == 303
    assert audit_events(clock) == before, "3 saved again as 3 changes nothing"


async def _inspector(active: bool) -> int:
    account = await accounts.create_account(
        email=f"inspector.{uuid.uuid4().hex[:8]}@example.com", password_hash="x",
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
        return inspection, await _inspector(active)

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
        email=f"applicant.{uuid.uuid4().hex[:8]}@example.com", password_hash="x",
        name="Applicant", phone="323-555-0100", role=Role.CONTRACTOR, license_no="1012345",
        verification=verification, email_verified_at=NOW, now=NOW))
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
