"""Whole calls to the inspection phone line: Twilio-style signed posts, parsed TwiML answers."""
from __future__ import annotations

import asyncio

from db.engines import fetch_rows
from domain.phone_line import keypad_of
from tests.unit.web.inspection_journeys import form, ready_permit
from tests.unit.web.journeys import csrf, verified_contractor
from tests.unit.web.phone_line.dialing import (  # noqa: F401 (line: a fixture)
    Call, contractor_with_pin, line, request_by_phone,
)


def test_a_contractor_requests_and_then_cancels_an_inspection_by_phone(line):
    _, pin = contractor_with_pin(line)
    number = ready_permit(line)
    confirmation = request_by_phone(line, number, pin)
    assert fetch_rows(line.url, "SELECT status, type_code, request_notes FROM inspection "
                                f"WHERE confirmation = '{confirmation}'") == [
        ("Scheduled", "145", "Requested by phone.")]
    call = Call(line)
    call.press()
    assert "confirmation number" in call.press("2").said
    assert "Enter your phone line PIN" in call.press(confirmation).said
    heard = call.press(pin)
    assert ("You are cancelling the Re-roof Underlayment inspection of permit "
            f"{', '.join(number.replace('-', ''))} on Wednesday, December 2nd.") in heard.said
    assert "The inspection is cancelled." in call.press("1").said
    assert fetch_rows(line.url, "SELECT status FROM inspection WHERE confirmation = "
                                f"'{confirmation}'") == [("Cancelled",)]


def test_the_last_result_is_read_to_anyone_without_a_pin(line):
    call = Call(line)
    call.press()
    call.press("3")
    heard = call.press(keypad_of("BLD2026-00042"))
    assert "The permit is for 8, 5, 0, 0 Sunset Boulevard." in heard.said
    assert "was: Corrections required." in heard.said
    assert "Nail spacing" not in heard.said, "inspector notes are not read to callers"


def test_three_bad_or_missing_entries_end_the_call_politely(line):
    call = Call(line)
    call.press()
    assert "That is not one of the choices." in call.press("7").said
    assert "That is not one of the choices." in call.press(None).said, "a timeout counts"
    last = call.press("5")
    assert last.hung_up and "Sorry, we could not understand your entry." in last.said
    assert "Goodbye" in last.said


def test_a_pin_of_another_company_does_not_open_the_permit(line):
    number = ready_permit(line)
    other, _ = verified_contractor(line, "1023456")
    pin = other.post("/account/phone-pin", data={"csrf_token": csrf(other)}).context["secret"]
    call = Call(line)
    call.press()
    call.press("1")
    call.press(keypad_of(number))
    assert "does not match an account for this permit" in call.press(pin).said


def test_a_third_wrong_pin_ends_the_call_saying_it_was_wrong_not_misheard(line):
    number = ready_permit(line)
    call = Call(line, caller="+13105550177")
    call.press()
    call.press("1")
    call.press(keypad_of(number))
    for _ in range(2):
        assert "does not match an account for this permit" in call.press("000000").said
    last = call.press("000000")
    assert last.hung_up and "That PIN does not match an account for this permit." in last.said
    assert "That was the last try on this call." in last.said
    assert "could not understand" not in last.said, "the PIN was heard; it was wrong"


def test_forged_and_unsigned_requests_are_refused(line):
    call = Call(line)
    assert call.post("/ivr/voice", signature="bm90IGEgcmVhbCBzaWduYXR1cmU=").status_code == 403
    assert call.client.post("/ivr/voice", data={"CallSid": call.sid}).status_code == 403
    forged = Call(line, token="someone-elses-token")
    assert forged.post("/ivr/voice").status_code == 403
    assert call.post("/ivr/voice").status_code == 200


def test_a_step_the_call_is_not_at_is_refused_and_the_call_goes_on(line):
    """The TwiML names each next step and its number; any other step (an old URL, a forged
    one, a guessed number) is refused with 409 and the caller's call is not disturbed."""
    call = Call(line)
    call.press()
    menu_at = call.action
    assert call.post("/ivr/date?n=1", "1").status_code == 409, "not the step the call is at"
    assert call.post("/ivr/menu?n=7", "1").status_code == 409, "not the call's step number"
    for forged in ("/ivr/menu", "/ivr/menu?n=abc", "/ivr/menu?n=99999999999999",
                   "/ivr/menu?n=-1", "/ivr/no-such-step?n=1", "/ivr/resume?n=5"):
        assert call.post(forged, "1").status_code == 409, forged
    assert call.action == menu_at
    assert "Enter the permit number" in call.press("1").said


def test_a_step_of_a_call_the_line_never_answered_is_refused(line):
    stranger = Call(line)
    assert stranger.post("/ivr/menu?n=1", "1").status_code == 409
    assert stranger.post("/ivr/resume?n=0").status_code == 409


def test_the_line_is_off_without_a_token_outside_the_demo(clock):
    assert clock.client().post("/ivr/voice", data={"CallSid": "CA1"}).status_code == 404


def test_the_phone_line_applies_the_same_rules_as_the_web(line):
    client, pin = contractor_with_pin(line)
    number = ready_permit(line)
    client.post(f"/permits/{number}/inspections/request", data=form(client))
    call = Call(line)
    call.press()
    call.press("1")
    call.press(keypad_of(number))
    call.press(pin)
    heard = call.press("145")
    assert ("Re-roof Underlayment cannot be requested now. Already scheduled for Wednesday "
            "2 December.") in heard.said
    assert fetch_rows(line.url, "SELECT count(*) FROM inspection i JOIN permit p ON "
                                f"p.id = i.permit WHERE p.number = '{number}'") == [(1,)]


def test_wrong_pins_from_one_number_lock_that_number_out_of_the_company_and_no_one_else(line):
    """Five wrong PINs in 15 minutes from one number, on any of the company's permits, lock
    that number out of the company's PIN step (a PIN opens every permit of the company);
    silence is not a wrong PIN, and the company's own people calling from another number
    still get in: a stranger who knows a permit number cannot lock the company out."""
    _, pin = contractor_with_pin(line)
    wrong = "000000" if pin != "000000" else "111111"
    permits = [ready_permit(line) for _ in range(3)]
    stranger = "+13105550123"
    for attempt in range(5):
        call = Call(line, caller=stranger)
        call.press()
        call.press("1")
        call.press(keypad_of(permits[attempt % 3]))
        if attempt == 0:
            assert "We did not hear a PIN." in call.press(None).said
        assert "does not match" in call.press(wrong).said
    call = Call(line, caller=stranger)
    call.press()
    call.press("1")
    call.press(keypad_of(permits[0]))
    locked = call.press(pin)
    assert locked.hung_up and "Too many wrong PINs" in locked.said
    office = Call(line, caller="+13235550188")
    office.press()
    office.press("1")
    office.press(keypad_of(permits[1]))
    assert "3-digit inspection code" in office.press(pin).said


def test_an_inspection_cancelled_during_the_call_is_not_cancelled_twice(line):
    client, pin = contractor_with_pin(line)
    number = ready_permit(line)
    location = client.post(f"/permits/{number}/inspections/request", data=form(client),
                           follow_redirects=False).headers["location"]
    inspection_id = int(location.split("/")[2].split("?")[0])
    confirmation = fetch_rows(line.url, "SELECT confirmation FROM inspection WHERE id = "
                                        f"{inspection_id}")[0][0]
    call = Call(line)
    call.press()
    call.press("2")
    call.press(confirmation)
    client.post(f"/inspections/{inspection_id}/cancel", data={"csrf_token": csrf(client)})
    heard = call.press(pin)
    assert "That inspection is no longer scheduled." in heard.said
    assert heard.action.startswith("/ivr/menu?n=")


def test_a_browser_that_wanders_onto_the_line_gets_a_page_not_an_error(line, contractor):
    client, _ = contractor
    assert client.get("/ivr/menu").status_code == 405


def test_the_last_result_read_is_never_a_cancellation_nor_a_later_day(line):
    """Issue 14 §6: a cancellation is not a result, and an inspection dated after today (a
    wrong tap on tomorrow's stop) has none yet: the caller hears the last real result."""
    from datetime import date, datetime, timezone

    from db.tables import Inspection, Permit

    number = ready_permit(line)

    async def inspections():
        permit = (await Permit.select(Permit.id).where(Permit.number == number).first())["id"]
        at = datetime(2026, 11, 30, 20, 0, tzinfo=timezone.utc)
        for code, name, day, status, result in (
                ("110", "Footing", date(2026, 11, 30), "Completed", "Corrections required"),
                ("145", "Re-roof Underlayment", date(2026, 12, 1), "Cancelled", "Cancelled"),
                ("195", "Roof Final", date(2026, 12, 7), "Completed", "Approved")):
            await Inspection.insert(Inspection(
                permit=permit, type_code=code, type_name=name, requested_on=date(2026, 11, 20),
                scheduled_for=day, status=status, result=result, inspected_at=at))

    asyncio.run(inspections())
    call = Call(line)
    call.press()
    call.press("3")
    heard = call.press(keypad_of(number)).said
    assert ("The last inspection, 1, 1, 0, Footing on Monday, November 30th, was: Corrections "
            "required.") in heard
    assert "Cancelled" not in heard and "Roof Final" not in heard
