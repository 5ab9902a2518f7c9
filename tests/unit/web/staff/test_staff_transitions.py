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

from db.engines import fetch_rows
from db.tables import Account, FeeItem, LedgerEntry, Payment, PaymentLine, ReviewComment
from tests.factories import free_number, make_parcel, make_permit
from tests.unit.web.journeys import csrf

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)


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
    # Starting the review takes no comment (one typed then is refused, not dropped). The
    # building discipline decides; an addition's planning review then approves, which ends the
    # round (the application's status changes only then).
    response = post(boss, f"/staff/reviews/{number}", decision=decision, discipline="building",
                    comment="" if decision == "start" else "Sheet A2: show the egress window.")
    if decision in offered:
        assert response.status_code == 303
        if decision != "start":
            assert status_of(portal, number) == "In Review", "planning still reviews"
            assert post(boss, f"/staff/reviews/{number}", decision="approve",
                        discipline="planning").status_code == 303
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
