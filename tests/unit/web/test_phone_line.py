"""Whole calls to the inspection phone line: Twilio-style signed posts, parsed TwiML answers."""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ElementTree
from dataclasses import replace

import pytest
from twilio.request_validator import RequestValidator

from db.engines import fetch_rows
from domain.phone_line import keypad_of
from tests.unit.web.inspection_journeys import form, ready_permit
from tests.unit.web.journeys import csrf, verified_contractor

TOKEN = "test-auth-token-0123456789abcdef"
BASE = "https://portal.test"  # the portal's base_url: what the provider signs


@pytest.fixture
def line(clock):
    """The portal with a phone provider's auth token configured."""
    settings = clock.app.state.settings
    clock.app.state.settings = replace(settings, twilio_auth_token=TOKEN)
    yield clock
    clock.app.state.settings = settings


class Call:
    """One phone call: every post carries the CallSid and Twilio's signature of it."""

    def __init__(self, portal, token: str = TOKEN) -> None:
        self.client = portal.client()
        self.sid = f"CA{uuid.uuid4().hex}"
        self.token = token
        self.action = "/ivr/voice"

    def post(self, path: str, digits: str | None = None, signature: str | None = None):
        params = {"CallSid": self.sid, "From": "+13235550188", "To": "+13238486335",
                  "AccountSid": "AC0000", "CallStatus": "in-progress"}
        if digits is not None:
            params["Digits"] = digits
        signed = RequestValidator(self.token).compute_signature(BASE + path, params)
        return self.client.post(path, data=params,
                                headers={"X-Twilio-Signature": signature or signed})

    def press(self, digits: str | None = None) -> "Answer":
        """Answer the last question (None: say nothing until the <Gather> times out)."""
        response = self.post(self.action, digits)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/xml")
        answer = Answer(ElementTree.fromstring(response.text))
        if answer.action:
            self.action = answer.action
        return answer


class Answer:
    def __init__(self, root: ElementTree.Element) -> None:
        self.root = root
        self.said = " ".join(e.text or "" for e in root.iter("Say"))
        gather = root.find("Gather")
        self.action = gather.get("action") if gather is not None else None
        self.hung_up = root.find("Hangup") is not None
        redirect = root.find("Redirect")
        # A caller who says nothing reaches the <Redirect>: the same question again.
        assert gather is None or (redirect is not None and redirect.text == self.action)


def contractor_with_pin(portal) -> tuple[object, str]:
    client, _ = verified_contractor(portal, "1012345")
    response = client.post("/account/phone-pin", data={"csrf_token": csrf(client)})
    pin = response.context["secret"]
    assert len(pin) == 6 and pin.isdigit()
    return client, pin


def request_by_phone(line, number: str, pin: str) -> str:
    call = Call(line)
    assert "Welcome to the City of West Hollywood inspection line" in call.press().said
    assert "Enter the permit number" in call.press("1").said
    heard = call.press(keypad_of(number))
    assert "The permit is for 1, 2, 3 Kings Road." in heard.said
    assert "does not match" in call.press("000000" if pin != "000000" else "111111").said
    assert "3-digit inspection code" in call.press(pin).said
    assert "9, 9, 9 is not an inspection of this permit" in call.press("999").said
    assert "Roof Final cannot be requested now" in call.press("195").said
    assert "You entered 1, 4, 5, Re-roof Underlayment." in call.press("145").said
    dates = call.press("1")
    assert "For Wednesday, December 2nd, press 1." in dates.said
    booked = call.press("1")
    assert "Your inspection is scheduled for Wednesday, December 2nd." in booked.said
    confirmation = booked.said.split("confirmation number is ")[1].split(".")[0]
    assert booked.action == "/ivr/menu", "back to the main menu"
    assert call.press("9").hung_up
    return confirmation.replace(", ", "")


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


def test_forged_and_unsigned_requests_are_refused(line):
    call = Call(line)
    assert call.post("/ivr/voice", signature="bm90IGEgcmVhbCBzaWduYXR1cmU=").status_code == 403
    assert call.client.post("/ivr/voice", data={"CallSid": call.sid}).status_code == 403
    forged = Call(line, token="someone-elses-token")
    assert forged.post("/ivr/voice").status_code == 403
    assert call.post("/ivr/voice").status_code == 200


def test_a_stale_action_starts_the_call_again(line):
    call = Call(line)
    call.press()
    call.action = "/ivr/date"
    heard = call.press("1")
    assert "Let's start again." in heard.said and heard.action == "/ivr/menu"


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


def test_wrong_pins_are_counted_per_company_across_its_permits_and_silence_is_not(line):
    """Five wrong PINs in 15 minutes for one company's permits lock its PIN step (a PIN opens
    every permit of the company), whichever permits the guesses were made on."""
    _, pin = contractor_with_pin(line)
    wrong = "000000" if pin != "000000" else "111111"
    permits = [ready_permit(line) for _ in range(3)]
    for attempt in range(5):
        call = Call(line)
        call.press()
        call.press("1")
        call.press(keypad_of(permits[attempt % 3]))
        if attempt == 0:
            assert "We did not hear a PIN." in call.press(None).said
        assert "does not match" in call.press(wrong).said
    call = Call(line)
    call.press()
    call.press("1")
    call.press(keypad_of(permits[0]))
    locked = call.press(pin)
    assert locked.hung_up and "Too many wrong PINs" in locked.said


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
    assert heard.action == "/ivr/menu"


def test_a_browser_that_wanders_onto_the_line_gets_a_page_not_an_error(line, contractor):
    client, _ = contractor
    assert client.get("/ivr/menu").status_code == 405
