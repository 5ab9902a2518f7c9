"""A captured call played again books nothing; a provider's retry hears the same answer; a call
that has ended answers no more steps (issue 14 §5)."""
from __future__ import annotations

import asyncio
from datetime import timedelta

from db.engines import fetch_rows
from db.inspections import phone_calls
from domain.call_steps import Take
from domain.phone_line import keypad_of
from tests.unit.web.inspection_journeys import TUESDAY_MORNING, ready_permit
from tests.unit.web.phone_line.dialing import (  # noqa: F401 (line: the fixture)
    TOKEN, Answer, Call, contractor_with_pin, line
)
from web.phone_line.calls import fingerprint


def inspections_of(portal, number: str) -> int:
    return fetch_rows(portal.url, "SELECT count(*) FROM inspection i JOIN permit p ON "
                                  f"p.id = i.permit WHERE p.number = '{number}'")[0][0]


def up_to_the_dates(line, number: str, pin: str) -> Call:
    call = Call(line)
    call.press()
    call.press("1")
    call.press(keypad_of(number))
    call.press(pin)
    call.press("145")
    assert "For Wednesday, December 2nd, press 1." in call.press("1").said
    return call


def test_a_captured_call_played_again_in_full_books_nothing_more(line):
    _, pin = contractor_with_pin(line)
    number = ready_permit(line)
    call = up_to_the_dates(line, number, pin)
    assert "Your inspection is scheduled" in call.press("1").said
    assert call.press("9").hung_up
    captured = list(call.sent)
    for path, params, signature in captured[:-1]:
        replayed = call.replay(path, params, signature)
        assert replayed.status_code == 409 and replayed.text == "This call has ended.", path
    goodbye = Answer.of(call.replay(*captured[-1]))
    assert goodbye.hung_up, "the provider's retry of the last step hears the same goodbye"
    assert inspections_of(line, number) == 1


def test_a_call_played_again_while_it_is_still_on_the_line_books_nothing_more(line):
    """Without the end of the call (no status callback yet), each captured step carries a
    number the call has passed: refused, except the last one, answered with the same words."""
    _, pin = contractor_with_pin(line)
    number = ready_permit(line)
    call = up_to_the_dates(line, number, pin)
    booked = call.press("1")
    captured = list(call.sent)
    for path, params, signature in captured[:-1]:
        assert call.replay(path, params, signature).status_code == 409, path
    again = Answer.of(call.replay(*captured[-1]))
    assert again.said == booked.said and "Your inspection is scheduled" in again.said
    assert inspections_of(line, number) == 1


def test_a_providers_retry_of_the_booking_step_hears_the_same_number_and_books_once(line):
    _, pin = contractor_with_pin(line)
    number = ready_permit(line)
    call = up_to_the_dates(line, number, pin)
    asked = call.action
    first = Answer.of(call.post(asked, "1"))
    retried = Answer.of(call.post(asked, "1"))
    assert retried.said == first.said and "confirmation number is" in first.said
    assert inspections_of(line, number) == 1
    resumed = Answer.of(call.post(asked.replace("/ivr/date", "/ivr/resume")))
    assert resumed.said == first.said, "a provider told to wait gets the answer once given"
    assert "Enter the permit number" in Answer.of(call.post(first.action, "1")).said


def test_a_retry_while_the_step_is_still_being_answered_hears_one_moment_not_an_error(line):
    """Twilio gives up on a slow answer after 15 seconds and may send the request again while
    the first attempt is still running: the caller hears "one moment", then the answer; if
    that attempt was cut off, the question again, and one booking in the end."""
    _, pin = contractor_with_pin(line)
    number = ready_permit(line)
    call = up_to_the_dates(line, number, pin)
    asked = call.action
    seq = int(asked.split("n=")[1])
    # The first attempt of "1" has claimed the step and is still running.
    first_attempt = asyncio.run(phone_calls.begin_step(
        line.app.state.database, call.sid, "date", seq,
        fingerprint(TOKEN, call.sid, "date", seq, "1"), TUESDAY_MORNING))
    assert isinstance(first_attempt.decision, Take)
    waiting = Answer.of(call.post(asked, "1"))
    assert waiting.said == "One moment, please." and waiting.redirect == f"/ivr/resume?n={seq}"
    assert Answer.of(call.post(waiting.redirect)).said == "One moment, please."
    assert inspections_of(line, number) == 0

    line.app.state.clock = lambda: TUESDAY_MORNING + timedelta(seconds=31)  # cut off
    too_long = Answer.of(call.post(waiting.redirect))
    assert too_long.said == "Sorry, that took too long." and too_long.redirect == asked
    again = Answer.of(call.post(too_long.redirect))
    assert "For Wednesday, December 2nd, press 1." in again.said
    assert "Your inspection is scheduled" in Answer.of(call.post(again.action, "1")).said
    assert inspections_of(line, number) == 1


def test_a_call_the_provider_says_has_ended_answers_no_more_steps(line):
    call = Call(line)
    call.press()
    status = call.post("/ivr/status", CallStatus="completed", CallDuration="12")
    assert status.status_code == 204
    refused = call.post(call.action, "1")
    assert refused.status_code == 409 and refused.text == "This call has ended."
    ringing = Call(line)
    assert ringing.post("/ivr/status", CallStatus="ringing").status_code == 204
    assert "Welcome" in ringing.press().said, "only a final status ends a call"
    unsigned = call.client.post("/ivr/status", data={"CallSid": call.sid,
                                                     "CallStatus": "completed"})
    assert unsigned.status_code == 403


def test_a_call_ended_before_its_first_step_cannot_be_started_later(line):
    call = Call(line)
    assert call.post("/ivr/status", CallStatus="no-answer").status_code == 204
    assert call.post("/ivr/voice").status_code == 409


HOSTILE = ("\x00", "\u0663\u0661", "\uff11", "9" * 5000, "<script>alert(1)</script>",
           "CA" + "\u00e9" * 100, "", " ", "\r\n")


def test_hostile_values_in_any_field_of_any_step_are_refused_or_answered_never_a_500(line):
    for path in ("/ivr/voice", "/ivr/menu?n=1", "/ivr/status", "/ivr/resume?n=0",
                 "/ivr/%3Cscript%3E?n=1", "/ivr/menu?n=%00"):
        for value in HOSTILE:
            for field in ("CallSid", "Digits", "From", "CallStatus"):
                call = Call(line)
                call.press()  # a call in progress, so later steps meet a real state
                response = call.post(path, **{field: value})
                assert response.status_code < 500, (path, field, value)
                assert "<script>" not in response.text
