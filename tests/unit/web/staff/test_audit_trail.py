"""The audit trail: who changed what through which channel, and who may read it on History."""
from __future__ import annotations

import asyncio
import uuid

import pytest

from db.engines import fetch_rows
from db.tables import AuditEvent, FeeItem, PaymentLine, Permit
from domain.accounts import Role
from tests.unit.web.inspection_journeys import on_inspection_day, ready_permit
from tests.unit.web.inspector.test_inspector import booked_inspection, result_form, signed_in_as
from tests.unit.web.journeys import csrf
from tests.unit.web.phone_line.dialing import (  # noqa: F401 (line is a fixture)
    Call, contractor_with_pin, line, request_by_phone
)


@pytest.fixture(autouse=True)
def forget_permits(clock):
    """Acme's permits made here go afterwards: the dashboard tests count Acme's permits."""
    yield
    clock.client()  # binds the portal's database

    async def forget():
        await Permit.delete().where(Permit.id.is_in(
            AuditEvent.select(AuditEvent.permit).where(AuditEvent.permit.is_not_null())
        ) & (Permit.contractor_license == "1012345") & Permit.number.like("BLD2026-%")
            & (Permit.site_address == "123 Kings Rd")
            # A permit with a payment stays: payments are never deleted (RESTRICT).
            & Permit.id.not_in(FeeItem.select(FeeItem.permit).where(
                FeeItem.id.is_in(PaymentLine.select(PaymentLine.fee_item)))))

    asyncio.run(forget())


def events(portal, number: str) -> list[tuple]:
    return fetch_rows(portal.url, (
        "SELECT a.action, a.actor, a.channel, a.before, a.after FROM audit_event a"
        f" JOIN permit p ON p.id = a.permit WHERE p.number = '{number}' ORDER BY a.id"))


def test_a_request_on_the_web_a_reassignment_by_staff_and_results_online_and_offline(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    contractor_email = contractor.get("/account").context["account"].email
    [requested] = events(clock, number)
    assert requested[:3] == ("inspection requested", contractor_email, "web")
    assert "145 Re-roof Underlayment" in requested[4] and "date: 2026-12-02" in requested[4]

    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    assert staff.post(f"/staff/inspections/{inspection_id}/assign", data={
        "csrf_token": csrf(staff), "inspector": str(inspector_id)}).status_code == 200
    reassigned = events(clock, number)[-1]
    assert reassigned[0] == "inspection reassigned" and reassigned[2] == "staff"
    assert reassigned[4] == "inspector: Rosa Delgado"
    log = staff.get("/staff/audit")
    assert log.context["lines"][0].action == "inspection reassigned"
    assert (f'href="/permits/{number}/history"><span class="nowrap">{number}</span></a>'
            in log.text)
    others = staff.get("/staff/audit?kind=other").context["lines"]
    assert others and all(e.permit_number is None for e in others)

    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)
    url = f"/inspector/inspections/{inspection_id}/result"
    offline = {"HX-Request": "true", "Idempotency-Key": str(uuid.uuid4()),
               "X-CSRF-Token": shown["csrf_token"], "Outbox-Deferred": "1"}
    assert inspector.post(url, data={"revision": shown["revision"], "result": "Partial",
                                     "public_notes": "Half done", "reinspection": "yes"},
                          headers=offline).status_code == 200
    resulted = events(clock, number)[-1]
    assert resulted[0] == "inspection resulted" and resulted[2] == "offline sync"
    assert resulted[1].startswith("inspector.")
    assert resulted[3] == "inspection: 145; status: Scheduled"
    assert resulted[4].startswith("result: Partial; reinspection: yes")


def test_a_request_and_a_cancellation_by_phone_name_the_caller(line):  # noqa: F811
    client, pin = contractor_with_pin(line)
    email = client.get("/account").context["account"].email
    number = ready_permit(line)
    confirmation = request_by_phone(line, number, pin)
    refused, requested = events(line, number)  # a wrong PIN first (issue 16 §5)
    assert refused[:3] == ("phone line PIN refused", "phone line", "phone")
    assert refused[4].startswith("calling number: ")
    assert requested[:3] == ("inspection requested", email, "phone")
    call = Call(line)
    call.press()
    call.press("2")
    call.press(confirmation)
    call.press(pin)
    assert "The inspection is cancelled." in call.press("1").said
    cancelled = events(line, number)[-1]
    assert cancelled[:3] == ("inspection cancelled", email, "phone")
    assert cancelled[3] == ("inspection: 145 Re-roof Underlayment; date: 2026-12-02; "
                            "status: Scheduled")


def test_the_public_sees_status_changes_and_only_staff_see_the_audit_trail(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    contractor_email = contractor.get("/account").context["account"].email
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    anonymous = clock.client()
    for viewer in (anonymous, contractor, inspector):
        page = viewer.get(f"/permits/{number}/history")
        assert page.status_code == 200 and "History" in page.text
        assert "Audit trail" not in page.text and contractor_email not in page.text
        assert page.context["audit"] is None
    page = staff.get(f"/permits/{number}/history")
    assert "Audit trail" in page.text and contractor_email in page.text
    [line_] = page.context["audit"]
    assert (line_.action, line_.channel) == ("inspection requested", "web")
    assert "inspection requested" in page.text and "date: 2026-12-02" in page.text


class _Signed:
    def __init__(self, role: str) -> None:
        self.is_authenticated = True
        self.user = type("Account", (), {"email": f"{role}@weho.example", "role": role})()


def test_the_channel_comes_from_the_path_the_role_and_only_an_inspectors_synced_result():
    from web.middleware.audit_actor import actor_of

    def channel(role, path, deferred=False, method="POST"):
        headers = [(b"outbox-deferred", b"1")] if deferred else []
        user = _Signed(role) if role else None
        return actor_of({"type": "http", "path": path, "method": method, "headers": headers,
                         "user": user})

    result = "/inspector/inspections/7/result"
    assert channel("inspector", result, deferred=True).channel == "offline sync"
    assert channel("inspector", result).channel == "web"
    assert channel("staff", "/staff/inspections/7/assign", deferred=True).channel == "staff"
    assert channel("contractor", result, deferred=True).channel == "web"
    assert channel(None, "/ivr/voice").channel == "phone"
    assert channel(None, "/webhooks/stripe").name == "payment gateway"
    assert channel(None, "/search", method="GET").channel == "system"
