"""Calls to the phone line as Twilio makes them: signed posts from a caller's number, the TwiML
answers parsed, and a contractor with a PIN."""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ElementTree
from dataclasses import replace

import pytest
from twilio.request_validator import RequestValidator

from domain.phone_line import keypad_of
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

    def __init__(self, portal, token: str = TOKEN, caller: str = "+13235550188") -> None:
        self.client = portal.client()
        self.sid = f"CA{uuid.uuid4().hex}"
        self.token = token
        self.caller = caller
        self.action = "/ivr/voice"
        self.sent: list[tuple[str, dict, str]] = []  # what a wiretap would have captured

    def post(self, path: str, digits: str | None = None, signature: str | None = None,
             **fields: str):
        params = {"CallSid": self.sid, "From": self.caller, "To": "+13238486335",
                  "AccountSid": "AC0000", "CallStatus": "in-progress", **fields}
        if digits is not None:
            params["Digits"] = digits
        signed = RequestValidator(self.token).compute_signature(BASE + path, params)
        self.sent.append((path, params, signature or signed))
        return self.client.post(path, data=params,
                                headers={"X-Twilio-Signature": signature or signed})

    def replay(self, path: str, params: dict, signature: str):
        """A captured request sent again, byte for byte, by someone else."""
        return self.client.post(path, data=params, headers={"X-Twilio-Signature": signature})

    def press(self, digits: str | None = None) -> "Answer":
        """Answer the last question (None: say nothing until the <Gather> times out)."""
        response = self.post(self.action, digits)
        assert response.headers["content-type"].startswith("text/xml"), response.text
        answer = Answer.of(response)
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
        self.redirect = redirect.text if redirect is not None else None
        # A caller who says nothing reaches the <Redirect>: the same question again.
        assert gather is None or (redirect is not None and redirect.text == self.action)

    @classmethod
    def of(cls, response) -> "Answer":
        assert response.status_code == 200, response.text
        return cls(ElementTree.fromstring(response.text))


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
    assert booked.action.startswith("/ivr/menu?n="), "back to the main menu"
    assert call.press("9").hung_up
    return confirmation.replace(", ", "")
