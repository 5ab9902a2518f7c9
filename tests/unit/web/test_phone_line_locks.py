"""Staff see which calling numbers are locked out of a company's PIN step and clear a lock for
a caller who has shown who they are; the audit log says who did (issue 14 §5)."""
from __future__ import annotations

from db.engines import fetch_rows
from domain.accounts import Role
from domain.phone_line import keypad_of
from tests.unit.web.inspection_journeys import ready_permit
from tests.unit.web.journeys import csrf
from tests.unit.web.test_inspector import signed_in_as
from tests.unit.web.test_phone_line import Call, contractor_with_pin, line  # noqa: F401

STRANGER = "+13105550123"


def pin_step(line, number: str, caller: str) -> Call:
    call = Call(line, caller=caller)
    call.press()
    call.press("1")
    call.press(keypad_of(number))
    return call


def test_staff_see_a_locked_number_and_clearing_it_lets_that_caller_in_again(line):
    _, pin = contractor_with_pin(line)
    wrong = "000000" if pin != "000000" else "111111"
    number = ready_permit(line)
    for _ in range(5):
        assert "does not match" in pin_step(line, number, STRANGER).press(wrong).said
    assert pin_step(line, number, STRANGER).press(pin).hung_up, "locked out"

    staff, staff_id = signed_in_as(line, Role.STAFF, "Dana Whitcombe")
    assert 'href="/staff/phone-line"' in staff.get("/staff/inspections").text
    page = staff.get("/staff/phone-line")
    [shown] = page.context["locks"]
    assert (shown.lock.license_no, shown.lock.number, shown.lock.failures) == (
        "1012345", STRANGER, 5)
    assert "(license 1012345)" in page.text and STRANGER in page.text
    assert "Tuesday 1 December 2026, 10:" in page.text, "locked until 15 minutes after"

    key = shown.lock.key
    cleared = staff.post("/staff/phone-line/clear", data={"csrf_token": csrf(staff),
                                                          "key": key})
    assert cleared.status_code == 200 and "The lock was cleared" in cleared.text
    assert cleared.context["locks"] == []
    assert "3-digit inspection code" in pin_step(line, number, STRANGER).press(pin).said
    [(actor, subject, before)] = fetch_rows(
        line.url, "SELECT actor, subject, before FROM audit_event WHERE action = "
                  "'phone line PIN lock cleared' ORDER BY id DESC LIMIT 1")
    assert [(actor,)] == fetch_rows(line.url, f"SELECT email FROM account WHERE id = {staff_id}")
    assert "license 1012345" in subject
    assert STRANGER in subject and "wrong PINs: 5" in before

    again = staff.post("/staff/phone-line/clear", data={"csrf_token": csrf(staff), "key": key})
    assert again.status_code == 409 and "already ended or was cleared" in again.text
    forged = staff.post("/staff/phone-line/clear", data={"csrf_token": csrf(staff),
                                                         "key": "account:ana@example.com"})
    assert forged.status_code == 409, "only phone line PIN locks are cleared here"
    assert fetch_rows(line.url, "SELECT count(*) FROM audit_event WHERE action = "
                                "'phone line PIN lock cleared'") == [(1,)]


def test_a_contractor_cannot_see_or_clear_locks(line, contractor):
    client, _ = contractor
    assert client.get("/staff/phone-line").status_code == 403
    assert client.post("/staff/phone-line/clear", data={
        "csrf_token": csrf(client), "key": "ivr-pin:license:1012345"}).status_code == 403
