"""The phone line's plumbing: signed requests, each call's steps admitted in order (a captured
call played again is refused, a provider's retry hears the same answer), and the end of a call.

Requests are trusted only when X-Twilio-Signature verifies with the configured auth token
(docs/phone-line.md). Each answer names the next step and its number, ``/ivr/pin?n=4``; the
signature covers that number, and domain/call_steps.py decides what each request gets.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import VoiceResponse

from db.inspections import phone_calls
from domain.call_steps import FINAL_STATUSES, FIRST_STEP, Refuse, Replay, Wait, step_number
from domain.phone_line import CallState
from domain.phone_script import GOODBYE, MENU, NOT_UNDERSTOOD, ONE_MOMENT, TOO_LONG, said
from web.city_clock import now

RESUME = "resume"  # where a provider told "one moment" comes back for the answer


@dataclass
class Call:
    request: Request
    sid: str
    seq: int  # the number of the step this request answers
    state: CallState
    digits: str
    caller_phone: str
    now: datetime
    booking: dict | None = None  # what an earlier attempt of this step booked
    ended: bool = False

    def url(self, step: str, seq: int | None = None) -> str:
        path = self.request.url_for("phone_line_step", step=step).path
        return f"{path}?n={self.seq + 1 if seq is None else seq}"

    def ask(self, step: str, prompt: str, before: str = "", one_key: bool = False
            ) -> VoiceResponse:
        self.state.step = step
        response = VoiceResponse()
        if before:
            response.say(before)
        gather = response.gather(action=self.url(step), method="POST", timeout=5,
                                 finish_on_key="#", num_digits=1 if one_key else None)
        gather.say(prompt)
        response.redirect(self.url(step), method="POST")
        return response

    def retry(self, prompt: str, why: str, one_key: bool = False,
              last: str = NOT_UNDERSTOOD) -> VoiceResponse:
        """The same question again, or a polite end after the last attempt (``last``)."""
        if self.state.failed():
            return self.goodbye(said(why, last))
        return self.ask(self.state.step, prompt, why, one_key)

    def menu(self, before: str = "") -> VoiceResponse:
        self.state.at("menu").flow = ""
        return self.ask("menu", MENU, before, one_key=True)

    def goodbye(self, before: str = "") -> VoiceResponse:
        self.ended = True
        response = VoiceResponse()
        response.say(said(before, GOODBYE))
        response.hangup()
        return response


class Refused(Exception):
    """A request the line does not answer; plain text (the provider reads no HTML page, and
    the CSRF-exempt path has no token for one)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


async def _signed_form(request: Request) -> dict[str, str]:
    settings = request.app.state.settings
    form = {k: v for k, v in (await request.form()).multi_items() if isinstance(v, str)}
    if settings.twilio_auth_token:
        url = settings.base_url + request.url.path + (
            f"?{request.url.query}" if request.url.query else "")
        signature = request.headers.get("x-twilio-signature", "")
        if not RequestValidator(settings.twilio_auth_token).validate(url, form, signature):
            raise Refused(403, "not signed by the phone provider")
    elif not settings.demo:
        raise Refused(404, "the phone line is off: no auth token is configured")
    # A CallSid is "CA" and 32 hex digits; anything else is kept to letters and digits, so
    # no byte a database refuses (NUL) reaches one.
    form["CallSid"] = "".join(c for c in form.get("CallSid", "")
                              if c.isascii() and c.isalnum())[:64]
    if not form["CallSid"]:
        raise Refused(400, "no CallSid")
    return {k: v.replace("\x00", "") for k, v in form.items()}  # web/forms.py: no U+0000


def fingerprint(token: str, sid: str, step: str, seq: int, digits: str) -> str:
    """Which request this is, keyed with the auth token: the digits (perhaps a PIN) are never
    stored, nor a plain hash that could be tried against every PIN."""
    return hmac.new((token or "demo").encode(), f"{sid}|{seq}|{step}|{digits}".encode(),
                    hashlib.sha256).hexdigest()


def _xml(response: VoiceResponse | str) -> Response:
    return Response(str(response), media_type="text/xml")


def _one_moment(call: Call) -> VoiceResponse:
    response = VoiceResponse()
    response.say(ONE_MOMENT)
    response.pause(length=2)
    response.redirect(call.url(RESUME, call.seq), method="POST")
    return response


def _too_long(call: Call) -> VoiceResponse:
    """The attempt the caller waited for was cut off: the question again, unanswered."""
    response = VoiceResponse()
    response.say(TOO_LONG)
    response.redirect(call.url(call.state.step, call.seq), method="POST")
    return response


async def _admitted(request: Request, form: dict[str, str]) -> tuple[Call, object]:
    """The call as this request finds it, and what domain/call_steps.py decided for it."""
    step = request.path_params.get("step", FIRST_STEP)
    sid = form["CallSid"]
    seq = 0 if step == FIRST_STEP else step_number(request.query_params.get("n", ""))
    digits = "".join(c for c in form.get("Digits", "") if c in "0123456789")[:20]
    moment = now(request)
    if step == RESUME:
        admitted = await phone_calls.resume_step(sid, seq, moment)
    else:
        admitted = await phone_calls.begin_step(
            request.app.state.database, sid, step, seq,
            fingerprint(request.app.state.settings.twilio_auth_token, sid, step, seq, digits),
            moment)
    return (Call(request, sid, seq, admitted.state, digits, form.get("From", ""), moment,
                 admitted.booking), admitted.decision)


def answering(step_handler: Callable[[Call], Awaitable[VoiceResponse]]):
    """A TwiML endpoint: the step admitted (or answered again, or refused) before the handler
    runs, and saved with its answer after."""
    async def endpoint(request: Request) -> Response:
        try:
            call, decision = await _admitted(request, await _signed_form(request))
        except Refused as refused:
            return PlainTextResponse(refused.reason, status_code=refused.status)
        if isinstance(decision, Refuse):
            return PlainTextResponse(decision.reason, status_code=409)
        if isinstance(decision, Replay):
            return _xml(decision.answer)
        if isinstance(decision, Wait):
            return _xml(_one_moment(call))
        if request.path_params.get("step") == RESUME:  # Take: the attempt was cut off
            return _xml(_too_long(call))
        try:
            response = await step_handler(call)
        except BaseException:
            await phone_calls.release_step(request.app.state.database, call.sid, call.seq)
            raise
        await phone_calls.finish_step(request.app.state.database, call.sid, call.seq, call.state,
                                      str(response), call.ended, call.now)
        return _xml(response)
    return endpoint


async def call_status(request: Request) -> Response:
    """The provider's status callback: a call that is over answers no more steps."""
    try:
        form = await _signed_form(request)
    except Refused as refused:
        return PlainTextResponse(refused.reason, status_code=refused.status)
    if form.get("CallStatus", "") in FINAL_STATUSES:
        await phone_calls.end_call(request.app.state.database, form["CallSid"], now(request))
    return Response(status_code=204)
