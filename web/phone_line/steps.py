"""The automated inspection phone line: TwiML webhooks for Twilio or any compatible provider.

Each answer is a <Gather> whose action is the next step; a caller who says nothing reaches
the <Redirect> after it, which posts the same step without Digits. Call state lives on the
server by CallSid, and only a step that follows from it is answered (web/phone_line/calls.py).
The paths stay /ivr/…: each city's number is configured with them.
"""
from __future__ import annotations

from datetime import date

from starlette.routing import Route
from twilio.twiml.voice_response import VoiceResponse

from db.accounts.sign_in import counted_attempt, forget_attempt
from db.audit.trail import PHONE, Actor, acting_as
from db.inspections import booking as scheduling, changes, phone_calls, phone_line
from db.inspections.booking import DateFull
from db.inspections.phone_calls import BookedAlready
from db.rules.rule_book import catalog_on
from domain import phone_script as script
from domain.accounts import normalize_phone
from domain.inspection_requests import permit_refusals, type_choices
from domain.outcomes import Accepted, Rejected
from domain.phone_line import CallState, choice_of, permit_from_keypad
from domain.pin_locks import company_of, pin_keys
from domain.scheduling import DateOption
from web.city_clock import today
from web.emails import mail_committed
from web.phone_line.calls import Call, answering, call_status
from web.scheduler import license_errors, scheduler


async def incoming(call: Call) -> VoiceResponse:
    call.state = CallState()
    settings = call.request.app.state.settings
    return call.menu(script.welcome(settings.city_name))


async def answer(call: Call) -> VoiceResponse:
    # Only the step the call is at gets here (web/phone_line/calls.py refuses any other).
    return await STEPS[call.request.path_params["step"]](call)


async def menu(call: Call) -> VoiceResponse:
    flow = {"1": "request", "2": "cancel", "3": "result"}.get(call.digits)
    if call.digits == "9":
        return call.goodbye()
    if flow is None:
        return call.retry(script.MENU, script.NOT_A_CHOICE, one_key=True)
    call.state.at("permit").flow = flow
    if flow == "cancel":
        return call.ask("confirmation", script.CONFIRMATION_PROMPT)
    return call.ask("permit", script.PERMIT_PROMPT)


async def permit(call: Call) -> VoiceResponse:
    number = permit_from_keypad(call.digits)
    found = await scheduling.inspectable_permit(str(number)) if number else None
    if found is None:
        return call.retry(script.PERMIT_PROMPT, script.NO_SUCH_PERMIT)
    call.state.permit = found.number
    address = script.permit_for(found.site_address)
    if call.state.flow == "result":
        last = await phone_line.last_result(found.number, today(call.request))
        if last is None:
            return call.menu(script.said(address, script.NO_RESULTS_YET))
        return call.menu(script.said(address, script.last_result(*last)))
    call.state.at("pin")
    return call.ask("pin", script.PIN_PROMPT, address)


async def pin(call: Call) -> VoiceResponse:
    if not call.digits:
        return call.retry(script.PIN_PROMPT, script.NO_PIN)
    found = await scheduling.inspectable_permit(call.state.permit or "")
    if found is None:
        return call.menu(script.START_AGAIN)
    # Wrong PINs count per calling number and company, per number and, loosely, per company
    # (domain/pin_locks.py): a stranger who knows a permit number locks only themselves out,
    # and never the numbers on file for the company's accounts.
    on_file = await phone_line.number_on_file(found.number, call.caller_phone)
    attempt, locked = await counted_attempt(call.request.app.state.database, pin_keys(
        company_of(found.contractor_license, found.number), call.caller_phone, on_file),
        call.now)
    if locked:
        return call.goodbye(script.PIN_LOCKED)
    caller = await phone_line.caller_for(call.state.permit, call.digits)
    if caller is None:
        await phone_line.note_wrong_pin(call.request.app.state.database, found.id,
                                        call.caller_phone, call.now)
        return call.retry(script.PIN_PROMPT, script.WRONG_PIN, last=script.LAST_WRONG_PIN)
    await forget_attempt(attempt)
    call.state.account_id = caller.id
    if call.state.flow == "cancel":
        booked = await phone_line.scheduled_by_id(call.state.inspection_id)
        if booked is None:
            return call.menu(script.NO_LONGER_SCHEDULED)
        call.state.at("cancel")
        return call.ask("cancel", script.CANCEL_OR_KEEP,
                        script.cancelling(booked.type_name, booked.permit_number, booked.day),
                        one_key=True)
    refusals = permit_refusals(found.status, found.expires_on, found.unpaid,
                               today(call.request), await license_errors(call.request, caller),
                               found.reinspection_due)
    if refusals:
        return call.menu(script.said(*refusals))
    call.state.at("type")
    return call.ask("type", script.TYPE_PROMPT)


async def inspection_type(call: Call) -> VoiceResponse:
    found = await scheduling.inspectable_permit(call.state.permit)
    choices = type_choices(catalog_on(today(call.request)), found.permit_type, found.subtype,
                           found.history)
    choice = next((c for c in choices if c.type.code == call.digits), None)
    if choice is None:
        return call.retry(script.TYPE_PROMPT, script.not_an_inspection(call.digits))
    if not choice.offered:
        return call.retry(script.TYPE_PROMPT,
                          script.cannot_request_now(choice.type.name, choice.reason))
    call.state.code = choice.type.code
    call.state.at("type-confirm")
    return call.ask("type-confirm", script.CONFIRM_TYPE,
                    script.entered_type(choice.type.code, choice.type.name), one_key=True)


async def _offer_dates(call: Call, before: str = "") -> VoiceResponse:
    found = await scheduling.inspectable_permit(call.state.permit)
    kind = catalog_on(today(call.request)).find(found.permit_type, call.state.code)
    if kind is None:  # no longer offered since the caller entered it
        call.state.at("type")
        return call.ask("type", script.TYPE_PROMPT, script.NO_LONGER_OFFERED)
    options = await scheduling.open_dates(found, kind.units, call.now, scheduler(call.request))
    return _date_menu(call, options, before)


def _date_menu(call: Call, options: tuple[DateOption, ...], before: str = "") -> VoiceResponse:
    """The first five open dates, one key each; or, with none, a goodbye."""
    options = options[:5]
    if not options:
        return call.menu(script.said(before, script.ALL_DATES_FULL))
    call.state.dates = [o.day.isoformat() for o in options]
    call.state.at("date")
    return call.ask("date", script.date_choices(o.day for o in options), before, one_key=True)


async def type_confirm(call: Call) -> VoiceResponse:
    if call.digits == "1":
        return await _offer_dates(call)
    if call.digits == "0":
        call.state.at("type")
        return call.ask("type", script.TYPE_PROMPT)
    return call.retry(script.CONFIRM_TYPE, script.NOT_A_CHOICE, one_key=True)


def _scheduled(call: Call, booking: dict) -> VoiceResponse:
    return call.menu(script.scheduled(booking["confirmation"],
                                      date.fromisoformat(booking["day"])))


async def day(call: Call) -> VoiceResponse:
    if call.booking:  # an earlier attempt of this very step booked it (a cut-off answer)
        return _scheduled(call, call.booking)
    index = choice_of(call.digits, len(call.state.dates))
    if index is None:
        return call.retry(script.date_choices(date.fromisoformat(d) for d in call.state.dates),
                          script.NOT_A_DATE, one_key=True)
    caller = await phone_line.caller_by_id(call.state.account_id)
    if caller is None:
        return call.goodbye(script.ACCOUNT_INACTIVE)
    chosen = date.fromisoformat(call.state.dates[index])
    phone = normalize_phone(call.caller_phone) or caller.phone
    form = {"type": call.state.code, "day": chosen.isoformat(),
            "contact_name": caller.first_name, "contact_phone": phone,
            "notes": script.REQUESTED_BY_PHONE}
    refusals = await license_errors(call.request, caller)
    try:
        with acting_as(Actor(caller.email, PHONE)):
            outcome = await scheduling.request_inspection(
                call.request.app.state.database, call.state.permit, form, caller,
                script.by_phone(caller.first_name), call.now, today(call.request),
                scheduler(call.request), refusals, call_step=(call.sid, call.seq))
    except BookedAlready:
        return _scheduled(call, await phone_calls.booking_of(call.sid, call.seq))
    if isinstance(outcome, DateFull):  # the dates it was decided on, less the one that filled
        return _date_menu(call, outcome.shown.dates(call.state.code), script.DATE_FILLED)
    if not isinstance(outcome, Accepted):
        return call.menu(outcome.message if isinstance(outcome, Rejected) else "")
    mail_committed(call.request)
    return _scheduled(call, {"confirmation": outcome.value.confirmation,
                             "day": outcome.value.day.isoformat()})


async def confirmation(call: Call) -> VoiceResponse:
    booked = await phone_line.scheduled_by_confirmation(call.digits) if call.digits else None
    if booked is None:
        return call.retry(script.CONFIRMATION_PROMPT, script.NO_SUCH_CONFIRMATION)
    call.state.inspection_id, call.state.permit = booked.id, booked.permit_number
    call.state.at("pin")
    return call.ask("pin", script.PIN_PROMPT)


async def cancel(call: Call) -> VoiceResponse:
    if call.digits == "0":
        return call.menu(script.KEPT)
    if call.digits != "1":
        return call.retry(script.CANCEL_OR_KEEP, script.NOT_A_CHOICE, one_key=True)
    caller = await phone_line.caller_by_id(call.state.account_id)
    if caller is None:
        return call.goodbye(script.ACCOUNT_INACTIVE)
    with acting_as(Actor(caller.email, PHONE)):
        outcome = await changes.cancel_inspection(
            call.request.app.state.database, call.state.inspection_id, caller,
            script.by_phone(caller.first_name), call.now, scheduler(call.request))
    if isinstance(outcome, Accepted):
        mail_committed(call.request)
        return call.menu(script.CANCELLED)
    return call.menu(outcome.message if isinstance(outcome, Rejected) else "")


STEPS = {"menu": menu, "permit": permit, "pin": pin, "type": inspection_type,
         "type-confirm": type_confirm, "date": day, "confirmation": confirmation,
         "cancel": cancel}

routes = [
    Route("/ivr/voice", answering(incoming), methods=["POST"], name="phone_line_voice"),
    Route("/ivr/status", call_status, methods=["POST"], name="phone_line_status"),
    Route("/ivr/{step:str}", answering(answer), methods=["POST"], name="phone_line_step"),
]
