"""Staff see which calling numbers are locked out of a company's PIN step and clear a lock for
a caller who has shown who they are; the audit log says who did (issue 14 §5)."""
from __future__ import annotations

from db.engines import fetch_rows
from domain.accounts import Role
from domain.phone_line import keypad_of
from tests.unit.web.inspection_journeys import ready_permit
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import csrf
from tests.unit.web.phone_line.dialing import Call, contractor_with_pin, line  # noqa: F401

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
    assert "(phone line PIN: license 1012345, from " in cleared.text, "which one, as logged"
    assert cleared.context["locks"] == []
    colleague, _ = signed_in_as(line, Role.STAFF, "Pat Colleague")
    assert "The lock was cleared" not in colleague.get("/staff/phone-line?cleared=1").text, (
        "the address bar alone says nothing")
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


def counted_wrong_pins(line, number: str, callers: list[str], at) -> None:
    """Wrong PINs already counted against the company, one from each of ``callers`` at
    ``at`` (as the line counts them: checking a PIN takes a PBKDF2 hash of each account)."""
    import asyncio

    from db.accounts.sign_in import begin_attempt
    from domain.pin_locks import PER_COMPANY, company_of, pin_keys

    line.client()  # binds the portal's database

    async def count():
        for caller in callers:
            keys = pin_keys(company_of("1012345", number), caller, on_file=False)
            await begin_attempt(line.app.state.database,
                                [k for k, p in keys.items() if p == PER_COMPANY], at)

    asyncio.run(count())


def test_a_stranger_at_the_companys_ceiling_never_shuts_out_its_phones_and_the_lock_is_fixed(
        line):
    """Fifty wrong PINs in a day from numbers not on file (caller ID is easily spoofed) close
    the company's PIN step to such numbers for an hour, but never to the phones on file for
    the company's accounts; the hour is counted from the fiftieth and a wrong PIN after it
    does not lock the company again."""
    from datetime import timedelta

    from tests.unit.web.inspection_journeys import TUESDAY_MORNING

    _, pin = contractor_with_pin(line)  # registered with (323) 555-0100: on file
    wrong = "000000" if pin != "000000" else "111111"
    number = ready_permit(line)
    try:
        counted_wrong_pins(line, number, [f"+1310555{n:04d}" for n in range(200, 249)],
                           TUESDAY_MORNING - timedelta(hours=2))
        assert "does not match" in pin_step(line, number, "+12135550990").press(wrong).said
        shut = pin_step(line, number, "+12135550999").press(pin)
        assert shut.hung_up and "Too many wrong PINs" in shut.said
        on_file = pin_step(line, number, "+1 323 555 0100").press(pin)
        assert "3-digit inspection code" in on_file.said, "the company's own phone gets in"
        staff, _ = signed_in_as(line, Role.STAFF, "Dana Whitcombe")
        page = staff.get("/staff/phone-line")
        [company] = [s.lock for s in page.context["locks"] if s.lock.number is None]
        assert (company.license_no, company.callers, company.failures) == (
            "1012345", "Numbers not on file", 50)
        assert "Numbers not on file" in page.text

        line.app.state.clock = lambda: TUESDAY_MORNING + timedelta(hours=1, minutes=1)
        assert "does not match" in pin_step(line, number, "+12135550998").press(wrong).said
        after = pin_step(line, number, "+12135550997").press(pin)
        assert "3-digit inspection code" in after.said, "one more wrong PIN renews nothing"
    finally:
        line.app.state.clock = lambda: TUESDAY_MORNING
        forget_wrong_pins(line)


def forget_wrong_pins(line) -> None:
    """The portal is shared and its clock stands still: locks left would outlive the test."""
    import asyncio

    from db.tables import SignInFailure

    line.client()  # binds the portal's database
    asyncio.run(SignInFailure.delete().where(SignInFailure.key.like("ivr-pin:%")).run())
