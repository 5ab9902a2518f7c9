"""Requesting, viewing, rescheduling and cancelling a permit's inspections on the web."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.inspections import booking as scheduling, changes
from db.inspections.booking import DateFull, InspectablePermit
from db.inspections.requested_again import just_requested
from db.permits.access import may_act_on
from db.rules.rule_book import catalog_on
from domain.accounts import Role
from domain.booking_refusals import day_filled
from domain.inspection_requests import permit_refusals, type_choices
from domain.inspection_types import SCHEDULED
from domain.outcomes import Rejected
from domain.permits import PermitNumber
from domain.scheduling import cancel_deadline, may_still_change
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


async def _form(request: Request, account, permit: InspectablePermit, values: dict,
                errors: dict, status_code: int = 200):
    refusals = permit_refusals(permit.status, permit.expires_on, permit.unpaid,
                               today(request), await license_errors(request, account))
    choices = type_choices(catalog_on(today(request)), permit.permit_type, permit.subtype,
                           permit.history)
    chosen = next((c for c in choices if c.type.code == values.get("type")), None)
    dates = await scheduling.open_dates(permit, chosen.type.units if chosen else 1,
                                        now(request), scheduler(request))
    return page(request, "inspections/request.html", status_code, permit=permit,
                refusals=refusals, choices=choices, dates=dates, values=values, errors=errors)


async def request_form(request: Request):
    account = require(request, *REQUESTERS)
    permit = await _permit(request, account)
    values = {"contact_name": account.first_name, "contact_phone": account.phone}
    return await _form(request, account, permit, values, {})


async def submit_request(request: Request):
    """The form is checked inside the booking's transaction, against what is true then;
    only a refusal reads the permit again, to show the form with its messages."""
    account = require(request, *REQUESTERS)
    number = PermitNumber.parse(request.path_params["number"])
    form = await form_of(request)
    outcome = await scheduling.request_inspection(
        str(number), form, account, account.first_name or account.email, now(request),
        today(request), scheduler(request),
        await license_errors(request, account)) if number else None
    if outcome is None:
        raise HTTPException(404)
    if isinstance(outcome, DateFull):
        return await _form(request, account, await _permit(request, account),
                           {**form, "day": ""}, {"day": day_filled(outcome.day)}, 409)
    if isinstance(outcome, Rejected):
        again = await just_requested(str(number), form.get("type", ""), form.get("day", ""),
                                     today(request))
        if again is not None and await changes.held_inspection(again, account):
            # A double tap: the first one booked this very inspection; show it.
            return RedirectResponse(request.url_for("inspection", inspection_id=again).path
                                    + "?requested=1", status_code=303)
        return await _form(request, account, await _permit(request, account), form,
                           outcome.errors, 422)
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
                changeable=held.status == SCHEDULED and may_still_change(
                    held.day, now(request), rules.policy),
                deadline=cancel_deadline(held.day, rules.policy) if held.day else None,
                errors={})


async def _reschedule_form(request: Request, held, errors: dict, status_code: int = 200):
    permit = await scheduling.inspectable_permit(held.permit_number)
    dates = await scheduling.open_dates(permit, held.units, now(request), scheduler(request),
                                        exclude=held.day)
    # No form for an inspection that can no longer move (cancelled, done, past its cut-off):
    # the refusal says why, and a form there would only be refused again.
    changeable = held.status == SCHEDULED and may_still_change(held.day, now(request),
                                                              scheduler(request).policy)
    return page(request, "inspections/reschedule.html", status_code, held=held, dates=dates,
                errors=errors, changeable=changeable)


async def reschedule_form(request: Request):
    account = require(request, *REQUESTERS)
    return await _reschedule_form(request, await _held(request, account), {})


async def reschedule(request: Request):
    """The date is checked inside the move's transaction; a refusal shows the form again."""
    account = require(request, *REQUESTERS)
    outcome = await changes.reschedule_inspection(
        request.path_params["inspection_id"], account, (await form_of(request)).get("day", ""),
        now(request), scheduler(request))
    if outcome is None:
        raise HTTPException(404)
    if isinstance(outcome, DateFull):
        return await _reschedule_form(request, await _held(request, account),
                                      {"day": day_filled(outcome.day)}, 409)
    if isinstance(outcome, Rejected):
        held = await _held(request, account)
        if held.status == SCHEDULED and held.day and held.day.isoformat() == (
                await form_of(request)).get("day", ""):
            # A double tap: the first one moved it to this very day.
            return RedirectResponse(request.url_for("inspection", inspection_id=held.id).path,
                                    status_code=303)
        return await _reschedule_form(request, held, outcome.errors, 422)
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
