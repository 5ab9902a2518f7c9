"""A permit's fees due waived, reduced or credited by a supervisor, with the reason."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.audit.log import just_done_on
from db.payments.adjustments import adjust, adjustments_of, fees_due
from domain.accounts import Role
from domain.audit_actions import FEE_ADJUSTED
from domain.fee_adjustments import DONE, KINDS, adjusted_notice
from domain.form_keys import SENT_ALREADY
from domain.outcomes import Rejected
from web.access import require, require_supervisor
from web.city_clock import now, today
from web.forms import form_of, new_form_key
from web.landing import form_post
from web.staff.permit_status import permit_or_404
from web.templating import page

SUPERVISORS_ONLY = "Only a supervisor waives, reduces or credits fees."
FIELDS = ("kind", "fee", "amount", "reason", "form_key")


async def fees_page(request: Request, errors: dict | None = None, typed: dict | None = None,
                    status_code: int = 200):
    account = require(request, Role.STAFF)
    permit = await permit_or_404(request)
    made = await adjustments_of(permit.id)
    # After a change (?done): what the latest adjustment did, as the database has it.
    notice = ""
    # Only to the supervisor who made one a moment ago (the audit trail says).
    if request.query_params.get("done") and made and not errors and await just_done_on(
            account.email, FEE_ADJUSTED, now(request), permit.id):
        latest = [m for m in made if m.at == made[-1].at and m.kind == made[-1].kind]
        notice = adjusted_notice(made[-1].kind, sum(m.amount for m in latest), permit.number,
                                 permit.status == "Issued")
    return page(request, "staff/fee_adjustments.html", status_code, permit=permit,
                due=await fees_due(permit.id), made=made, kinds=KINDS, done_words=DONE,
                errors=errors or {},
                typed=typed or {"kind": "waive", "form_key": new_form_key()},
                notice=notice,
                may_adjust=account.supervisor)


async def adjust_fees(request: Request):
    account = require_supervisor(request, SUPERVISORS_ONLY)
    permit = await permit_or_404(request)
    form = await form_of(request)
    typed = {name: form.get(name, "") for name in FIELDS}
    outcome = await adjust(request.app.state.database, permit.number, typed,
                           account.first_name or account.email, now(request), today(request))
    if isinstance(outcome, Rejected):
        if outcome.errors.get("reason") == SENT_ALREADY:  # a fresh form, the words kept in it
            typed = {**typed, "form_key": new_form_key()}
        return await fees_page(request, outcome.errors, typed, 422)
    return RedirectResponse(request.url_for("staff_fee_adjustments", number=permit.number).path
                            + "?done=1", status_code=303)


routes = [
    Route("/staff/permits/{number:str}/fees", fees_page, name="staff_fee_adjustments"),
    *form_post("/staff/permits/{number:str}/fees/adjust", adjust_fees, "staff_adjust_fees",
               "staff_fee_adjustments"),
]
