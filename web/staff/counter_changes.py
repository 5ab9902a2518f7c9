"""Staff moving or cancelling an inspection for a caller or a walk-in (issue 16 §3)."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.audit.log import just_done
from db.inspections import changes
from db.inspections.booking import DateFull
from domain import notices
from domain.accounts import Role
from domain.audit_actions import INSPECTION_RESCHEDULED
from domain.audit_subjects import inspection_subject
from domain.booking_refusals import day_filled
from domain.counter_service import counter_refusal
from domain.inspection_requests import check_day
from domain.inspection_types import CANCELLED, SCHEDULED
from domain.outcomes import Rejected
from web.access import require
from web.city_clock import now
from web.emails import mail_committed
from web.forms import form_of
from web.scheduler import scheduler
from web.staff.counter_booking import (
    at_counter, by_staff, held_at_counter, overridable, override_asked, override_posted
)
from web.templating import page


def _done(request: Request, held, done: str) -> RedirectResponse:
    return RedirectResponse(request.url_for("staff_inspection", inspection_id=held.id).path
                            + f"?done={done}", status_code=303)


def _refusal(request: Request, held, override: bool = False) -> str | None:
    return counter_refusal(held.type_name, held.status, held.day, now(request),
                           scheduler(request).overridden(override).policy)


def _said_to_staff(request: Request, held, errors: dict, override: bool) -> dict:
    """A change refused for the inspection itself (done, or past its cut-off) in the
    counter's words: the web's tell a caller to phone the inspection line."""
    if "inspection" not in errors:
        return errors
    return {**errors, "inspection": _refusal(request, held, override) or errors["inspection"]}


async def _move_page(request: Request, account, held, override: bool, values: dict,
                     errors: dict, status_code: int = 200):
    rules = scheduler(request).overridden(override)
    shown = await changes.move_form(held, now(request), rules)
    return page(request, "staff/counter_move.html", status_code, held=shown.held,
                dates=shown.dates, changeable=shown.changeable, override=override,
                values=values, errors=errors, refusal=_refusal(request, held),
                overridable=overridable(request, account, held))


async def move_form(request: Request):
    account = require(request, Role.STAFF)
    held = await held_at_counter(request, account)
    override = override_asked(request, account) and overridable(request, account, held)
    return await _move_page(request, account, held, override, {}, {})


async def move(request: Request):
    """Moved under the web's rules in the move's transaction; a supervisor's override with
    its reason sets the lead time and the cut-off aside."""
    account = require(request, Role.STAFF)
    held = await held_at_counter(request, account)
    form = await form_of(request)
    override, checked = override_posted(account, form)
    day = form.get("day", "")
    if isinstance(checked, Rejected):
        # Every problem at once: the date's too (a missing one), as the move would say it.
        missing = {} if day else check_day(day, []).errors
        return await _move_page(request, account, held, override, form,
                                {**missing, **checked.errors}, 422)
    with at_counter(account):
        outcome = await changes.reschedule_inspection(
            request.app.state.database, held.id, account, day, now(request), scheduler(request),
            at_counter=True, override=checked.value)
    if outcome is None:
        raise HTTPException(404)
    if isinstance(outcome, DateFull):
        return await _move_page(request, account, held, override, form,
                                {"day": day_filled(outcome.day)}, 409)
    if isinstance(outcome, Rejected):
        moved = outcome.shown.held
        if moved.status == SCHEDULED and moved.day and moved.day.isoformat() == day and \
                await just_done(account.email, INSPECTION_RESCHEDULED, now(request),
                                inspection_subject(held.id)):
            return _done(request, held, "moved")  # a double tap: the first one moved it
        return await _move_page(request, account, moved, override, form,
                                _said_to_staff(request, moved, outcome.errors, override), 422)
    mail_committed(request)
    return _done(request, held, "moved")


def _cancel_page(request: Request, account, held, override: bool, values: dict, errors: dict,
                 status_code: int = 200):
    return page(request, "staff/counter_cancel.html", status_code, held=held,
                question=notices.cancel_question(held.type_name, held.permit_number, held.day),
                override=override, values=values, errors=errors,
                refusal=None if override else _refusal(request, held),
                overridable=overridable(request, account, held))


async def cancel_form(request: Request):
    account = require(request, Role.STAFF)
    held = await held_at_counter(request, account)
    if held.status != SCHEDULED:
        return _done(request, held, "")
    override = override_asked(request, account) and overridable(request, account, held)
    return _cancel_page(request, account, held, override, {}, {})


async def cancel(request: Request):
    account = require(request, Role.STAFF)
    held = await held_at_counter(request, account)
    form = await form_of(request)
    override, checked = override_posted(account, form)
    if isinstance(checked, Rejected):
        return _cancel_page(request, account, held, override, form, checked.errors, 422)
    with at_counter(account):
        outcome = await changes.cancel_inspection(
            request.app.state.database, held.id, account, by_staff(account), now(request),
            scheduler(request), at_counter=True, override=checked.value)
    if outcome is None:
        raise HTTPException(404)
    if isinstance(outcome, Rejected):
        if held.status == CANCELLED:
            return _done(request, held, "cancelled")  # a double tap or a second tab
        now_held = await held_at_counter(request, account)
        return _cancel_page(request, account, now_held, override, form,
                            _said_to_staff(request, now_held, outcome.errors, override), 409)
    mail_committed(request)
    return _done(request, held, "cancelled")


routes = [
    Route("/staff/inspections/{inspection_id:id}/move", move_form, name="staff_move_inspection"),
    Route("/staff/inspections/{inspection_id:id}/move", move, methods=["POST"],
          name="staff_move_inspection_post"),
    Route("/staff/inspections/{inspection_id:id}/cancel", cancel_form,
          name="staff_cancel_inspection"),
    Route("/staff/inspections/{inspection_id:id}/cancel", cancel, methods=["POST"],
          name="staff_cancel_inspection_post"),
]
