"""Staff booking an inspection for a caller or a walk-in, and the counter's page of one."""
from __future__ import annotations

from contextlib import contextmanager

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.audit.log import just_done
from db.audit.trail import COUNTER, Actor, acting_as
from db.inspections import booking, changes
from db.inspections.booking import BookingPage, DateFull
from db.inspections.requested_again import just_requested
from db.inspections.route import stop
from domain.accounts import Role
from domain.audit_actions import INSPECTION_CANCELLED, INSPECTION_REQUESTED, INSPECTION_RESCHEDULED
from domain.audit_subjects import inspection_subject
from domain.booking_decisions import decide_request
from domain.booking_refusals import day_filled
from domain.counter_service import check_override, counter_refusal, same_caller
from domain.inspection_types import SCHEDULED
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitNumber
from domain.scheduling import cancel_deadline
from web.access import require
from web.city_clock import now, today
from web.emails import mail_committed
from web.forms import form_of
from web.scheduler import license_no_errors, scheduler
from web.templating import page

# What the counter's page of an inspection says after each change (?done=), when the audit
# trail has this member of staff doing it a moment ago (a crafted link claims nothing).
DONE = {"booked": (INSPECTION_REQUESTED, "Booked. Read the confirmation number to the caller."),
        "moved": (INSPECTION_RESCHEDULED,
                  "Moved. The permit's contacts are e-mailed the new date."),
        "cancelled": (INSPECTION_CANCELLED, "Cancelled. The permit's contacts are e-mailed.")}


@contextmanager
def at_counter(account):
    """The audit trail's channel for what staff do for a caller (issue 16 §3)."""
    with acting_as(Actor(account.email, COUNTER)):
        yield


def override_asked(request: Request, account) -> bool:
    """A supervisor's form asked for with the override (?override=1)."""
    return request.query_params.get("override") == "1" and bool(account.supervisor)


def override_posted(account, form: dict) -> tuple[bool, Accepted[str | None] | Rejected]:
    """Whether a posted form asks for the override (override=1), and its reason as checked:
    refused without one, or from anyone but a supervisor."""
    asked = form.get("override") == "1"
    return asked, check_override(asked, form.get("override_reason", ""), bool(account.supervisor))


def overridable(request: Request, account, held) -> bool:
    """A supervisor may set the cut-off aside until the inspection's day is over."""
    return bool(account.supervisor) and held.status == SCHEDULED and held.day is not None \
        and held.day >= today(request)


def by_staff(account) -> str:
    return f"{account.first_name or account.email} (city staff, for a caller)"


async def _permit(request: Request):
    number = PermitNumber.parse(request.path_params["number"])
    permit = await booking.inspectable_permit(str(number)) if number else None
    if permit is None:
        raise HTTPException(404)
    return permit


def _form(request: Request, account, shown: BookingPage, values: dict, errors: dict,
          override: bool, status_code: int = 200):
    return page(request, "staff/counter_book.html", status_code, permit=shown.permit,
                refusals=list(shown.refusals), choices=shown.choices,
                dates=shown.dates(values.get("type")), values=values, errors=errors,
                override=override, may_override=bool(account.supervisor))


async def _shown(request: Request, permit, override: bool) -> BookingPage:
    rules = scheduler(request).overridden(override)
    return await booking.booking_form(permit, now(request), today(request), rules,
                                      await license_no_errors(request,
                                                              permit.contractor_license))


async def book_form(request: Request):
    account = require(request, Role.STAFF)
    permit = await _permit(request)
    override = override_asked(request, account)
    return _form(request, account, await _shown(request, permit, override), {}, {}, override)


async def book(request: Request):
    """Booked under the web's rules, decided in the booking's transaction; a supervisor's
    override with its reason sets the lead time and cut-off aside."""
    account = require(request, Role.STAFF)
    permit = await _permit(request)
    form = await form_of(request)
    override, checked = override_posted(account, form)
    if isinstance(checked, Rejected):
        # Every problem at once: the form's own too, decided on the page it is shown with.
        shown = await _shown(request, permit, override)
        decided = decide_request(shown, form)
        return _form(request, account, shown, form, {
            **(decided.errors if isinstance(decided, Rejected) else {}), **checked.errors},
            override, 422)
    with at_counter(account):
        outcome = await booking.request_inspection(
            request.app.state.database, permit.number, form, account, by_staff(account),
            now(request), today(request), scheduler(request),
            await license_no_errors(request, permit.contractor_license), at_counter=True,
            override=checked.value)
    if outcome is None:
        raise HTTPException(404)
    if isinstance(outcome, DateFull):
        return _form(request, account, outcome.shown, {**form, "day": ""},
                     {"day": day_filled(outcome.day)}, override, 409)
    if isinstance(outcome, Rejected):
        again = await just_requested(permit.number, form.get("type", ""), form.get("day", ""),
                                     today(request))
        if again is not None and same_caller(await _booked_with(again), form):
            # A double tap: the first one booked this very inspection; show it.
            return RedirectResponse(request.url_for("staff_inspection", inspection_id=again)
                                    .path + "?done=booked", status_code=303)
        return _form(request, account, outcome.shown, form, outcome.errors, override, 422)
    mail_committed(request)
    return RedirectResponse(request.url_for("staff_inspection", inspection_id=outcome.value
                                            .inspection_id).path + "?done=booked",
                            status_code=303)


async def _booked_with(inspection_id: int) -> tuple[str, str, str]:
    booked = await stop(inspection_id)
    return (booked.contact_name, booked.contact_phone, booked.request_notes) if booked \
        else ("", "", "")


async def _done(request: Request, account, inspection_id: int) -> str | None:
    action, words = DONE.get(request.query_params.get("done", ""), (None, None))
    return words if action and await just_done(
        account.email, action, now(request), inspection_subject(inspection_id)) else None


async def held_at_counter(request: Request, account):
    held = await changes.held_inspection(request.path_params["inspection_id"], account,
                                         at_counter=True)
    if held is None:
        raise HTTPException(404)
    return held


async def inspection_page(request: Request):
    """One inspection as the counter sees it: who meets the inspector, who inspects, and
    what staff may still change for the caller (a supervisor, past the cut-off too)."""
    account = require(request, Role.STAFF)
    held = await held_at_counter(request, account)
    policy = scheduler(request).policy
    usual = counter_refusal(held.type_name, held.status, held.day, now(request), policy)
    return page(request, "staff/counter_inspection.html", held=held,
                stop=await stop(held.id), notice=await _done(request, account, held.id),
                changeable=usual is None, refusal=usual,
                overridable=usual is not None and overridable(request, account, held),
                deadline=cancel_deadline(held.day, policy) if held.day else None)


routes = [
    Route("/staff/permits/{number}/inspections/book", book_form, name="staff_book_inspection"),
    Route("/staff/permits/{number}/inspections/book", book, methods=["POST"],
          name="staff_book_inspection_post"),
    Route("/staff/inspections/{inspection_id:id}", inspection_page, name="staff_inspection"),
]
