"""Requesting, viewing, rescheduling and cancelling a permit's inspections on the web."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.inspections import booking as scheduling, changes
from db.inspections.booking import BookingPage, DateFull, InspectablePermit
from db.inspections.requested_again import just_requested
from db.permits.access import may_act_on
from domain.accounts import Role
from domain.booking_refusals import day_filled
from domain.inspection_changes import change_refused
from domain.inspection_types import SCHEDULED
from domain.outcomes import Rejected
from domain.permits import PermitNumber
from domain.scheduling import cancel_deadline
from web.access import require
from web.city_clock import now, today
from web.emails import mail_committed
from web.forms import form_of
from web.scheduler import license_errors, scheduler
from web.templating import page

REQUESTERS = (Role.CONTRACTOR, Role.OWNER_BUILDER)


async def _permit(request: Request, account) -> InspectablePermit:
    number = PermitNumber.parse(request.path_params["number"])
    permit = await scheduling.inspectable_permit(str(number)) if number else None
    if permit is None or not await may_act_on(account, permit.id):
        raise HTTPException(404)
    return permit


def _form(request: Request, shown: BookingPage, values: dict, errors: dict,
          status_code: int = 200):
    """The request form as the booking's snapshot decided it (shown again after a refusal
    without loading or deciding anything again)."""
    return page(request, "inspections/request.html", status_code, permit=shown.permit,
                refusals=list(shown.refusals), choices=shown.choices,
                dates=shown.dates(values.get("type")), values=values, errors=errors)


async def request_form(request: Request):
    account = require(request, *REQUESTERS)
    permit = await _permit(request, account)
    values = {"contact_name": account.first_name, "contact_phone": account.phone}
    shown = await scheduling.booking_form(permit, now(request), today(request),
                                          scheduler(request),
                                          await license_errors(request, account))
    return _form(request, shown, values, {})


async def submit_request(request: Request):
    """The form is decided inside the booking's transaction, against what is true then; a
    refusal brings back the form it was decided on, shown with its messages."""
    account = require(request, *REQUESTERS)
    number = PermitNumber.parse(request.path_params["number"])
    form = await form_of(request)
    outcome = await scheduling.request_inspection(
        request.app.state.database, str(number), form, account, account.first_name or account.email,
        now(request), today(request), scheduler(request),
        await license_errors(request, account)) if number else None
    if outcome is None:
        raise HTTPException(404)
    if isinstance(outcome, DateFull):
        return _form(request, outcome.shown, {**form, "day": ""},
                     {"day": day_filled(outcome.day)}, 409)
    if isinstance(outcome, Rejected):
        again = await just_requested(str(number), form.get("type", ""), form.get("day", ""),
                                     today(request))
        if again is not None and await changes.held_inspection(again, account):
            # A double tap: the first one booked this very inspection; show it.
            return RedirectResponse(request.url_for("inspection", inspection_id=again).path
                                    + "?requested=1", status_code=303)
        return _form(request, outcome.shown, form, outcome.errors, 422)
    mail_committed(request)
    return RedirectResponse(request.url_for("inspection", inspection_id=outcome.value
                                            .inspection_id).path + "?requested=1",
                            status_code=303)


async def _held(request: Request, account):
    held = await changes.held_inspection(request.path_params["inspection_id"], account)
    if held is None:
        raise HTTPException(404)
    return held


async def inspection_page(request: Request):
    account = require(request, *REQUESTERS)
    held = await _held(request, account)
    rules = scheduler(request)
    return page(request, "inspections/inspection.html", held=held,
                requested=request.query_params.get("requested") == "1"
                and held.status == SCHEDULED,
                changeable=change_refused(held.type_name, held.status, held.day,
                                          now(request), rules.policy) is None,
                deadline=cancel_deadline(held.day, rules.policy) if held.day else None,
                errors={})


def _reschedule_form(request: Request, shown: changes.MoveForm, errors: dict,
                     status_code: int = 200):
    # No form for an inspection that can no longer move (cancelled, done, past its cut-off):
    # the refusal says why, and a form there would only be refused again.
    return page(request, "inspections/reschedule.html", status_code, held=shown.held,
                dates=shown.dates, errors=errors, changeable=shown.changeable)


async def reschedule_form(request: Request):
    account = require(request, *REQUESTERS)
    shown = await changes.move_form(await _held(request, account), now(request),
                                    scheduler(request))
    return _reschedule_form(request, shown, {})


async def reschedule(request: Request):
    """The date is decided inside the move's transaction; a refusal brings back the form it
    was decided on, shown again with its message."""
    account = require(request, *REQUESTERS)
    day = (await form_of(request)).get("day", "")
    outcome = await changes.reschedule_inspection(
        request.app.state.database, request.path_params["inspection_id"], account, day,
        now(request), scheduler(request))
    if outcome is None:
        raise HTTPException(404)
    if isinstance(outcome, DateFull):
        return _reschedule_form(request, outcome.shown, {"day": day_filled(outcome.day)}, 409)
    if isinstance(outcome, Rejected):
        held = outcome.shown.held
        if held.status == SCHEDULED and held.day and held.day.isoformat() == day:
            # A double tap: the first one moved it to this very day.
            return RedirectResponse(request.url_for("inspection", inspection_id=held.id).path,
                                    status_code=303)
        return _reschedule_form(request, outcome.shown, outcome.errors, 422)
    mail_committed(request)
    return RedirectResponse(request.url_for("inspection", inspection_id=outcome.value
                                            .inspection_id).path, status_code=303)


routes = [
    Route("/permits/{number}/inspections/request", request_form, name="request_inspection"),
    Route("/permits/{number}/inspections/request", submit_request, methods=["POST"],
          name="submit_inspection_request"),
    Route("/inspections/{inspection_id:id}", inspection_page, name="inspection"),
    Route("/inspections/{inspection_id:id}/reschedule", reschedule_form,
          name="reschedule_inspection_form"),
    Route("/inspections/{inspection_id:id}/reschedule", reschedule, methods=["POST"],
          name="reschedule_inspection"),
]
