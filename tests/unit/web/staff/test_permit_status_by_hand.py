"""Staff renew, cancel or void a permit by hand; its inspections and history follow."""
from __future__ import annotations

import asyncio
from datetime import date

from db.engines import fetch_rows
from db.tables import Permit
from domain.accounts import Role
from tests.unit.web.journeys import csrf
from tests.unit.web.inspector.test_inspector import booked_inspection, signed_in_as


def test_staff_cancel_a_withdrawn_permit_and_its_inspection_is_cancelled_with_a_reason(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    info = staff.get(f"/permits/{number}")
    assert f'href="/staff/permits/{number}/status"' in info.text
    assert "/status" not in contractor.get(f"/permits/{number}").text.split("Permit sections")[1]
    url = f"/staff/permits/{number}/status"
    assert contractor.get(url).status_code == 403
    assert contractor.post(url, data={"csrf_token": csrf(contractor), "change": "Cancelled",
                                      "reason": "x"}).status_code == 403
    shown = staff.get(url)
    assert [c.label for c in shown.context["changes"]] == ["Cancel the permit", "Void the permit"]

    missing = staff.post(url, data={"csrf_token": csrf(staff), "change": "Cancelled",
                                    "reason": " "})
    assert missing.status_code == 422 and "Give the reason" in missing.text
    assert 'value="Cancelled" aria-describedby="f-change-1-hint" checked' in missing.text
    assert 'id="f-change" name="change"' in missing.text, "the error summary's link lands on it"
    renew = staff.post(url, data={"csrf_token": csrf(staff), "change": "Issued",
                                  "reason": "Renewal"})
    assert renew.status_code == 422 and "cannot be changed that way" in renew.text

    done = staff.post(url, data={"csrf_token": csrf(staff), "change": "Cancelled",
                                 "reason": "The owner withdrew the application."})
    assert done.status_code == 200 and done.url.path == f"/permits/{number}/history"
    assert fetch_rows(clock.url, f"SELECT p.status, i.status, i.private_notes FROM permit p"
                                 f" JOIN inspection i ON i.permit = p.id WHERE i.id ="
                                 f" {inspection_id}") == [
        ("Cancelled", "Cancelled", "Cancelled: the permit was cancelled.")]
    actions = [r[0] for r in fetch_rows(clock.url, (
        "SELECT a.action FROM audit_event a JOIN permit p ON p.id = a.permit"
        f" WHERE p.number = '{number}' AND a.channel = 'staff' ORDER BY a.id"))]
    assert actions == ["status changed", "inspection cancelled"]
    assert staff.get(url).context["changes"] == ()


def test_staff_renew_an_expired_permit_for_another_180_days(clock):
    number, _, _ = booked_inspection(clock)
    async def expire():
        await Permit.update({Permit.status: "Expired", Permit.expires_on: date(2026, 5, 1)}
                            ).where(Permit.number == number)

    asyncio.run(expire())
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    url = f"/staff/permits/{number}/status"
    assert staff.post(url, data={"csrf_token": csrf(staff), "change": "Issued",
                                 "reason": "Renewal fee paid at the counter."}
                      ).status_code == 200
    [(status, expires)] = fetch_rows(clock.url, "SELECT status, expires_on FROM permit"
                                                f" WHERE number = '{number}'")
    assert (status, str(expires)) == ("Issued", "2027-05-30"), "180 days from 1 December"
    assert fetch_rows(clock.url, (
        "SELECT a.action, a.before, a.after FROM audit_event a JOIN permit p ON p.id = a.permit"
        f" WHERE p.number = '{number}' AND a.channel = 'staff' ORDER BY a.id")) == [
        ("status changed", "status: Expired",
         "status: Issued; comment: Renewal fee paid at the counter."),
        ("permit renewed", "expires: 2026-05-01", "expires: 2027-05-30")]
