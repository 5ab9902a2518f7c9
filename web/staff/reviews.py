"""Plan review: the queue of applications that wait for city staff, and each application's
review — start it, approve the plans (fees then due), or send them back with corrections."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.applications import plan_review
from db.applications.review_queue import waiting_for_review
from domain.accounts import Role
from domain.action_messages import review_decided
from domain.outcomes import Rejected
from domain.plan_review import check_decision
from web.access import require
from web.city_clock import now, today
from web.emails import mail_committed, notice_of
from web.forms import form_of
from web.templating import page


async def review_queue(request: Request):
    require(request, Role.STAFF)
    count, waiting = await waiting_for_review(request.app.state.database.reader)
    return page(request, "staff/reviews.html", count=count, waiting=waiting)


async def _application(request: Request):
    application = await plan_review.under_review(request.path_params["number"])
    if application is None:
        raise HTTPException(404)
    return application


async def review(request: Request, errors: dict | None = None, typed: str = "",
                 status_code: int = 200):
    require(request, Role.STAFF)
    application = await _application(request)
    # After a decision (?decided): where the application stands, as its record says.
    notice = review_decided(application.number, application.status,
                            application.waiting_for_answer) if (
        request.query_params.get("decided") and not errors) else ""
    return page(request, "staff/review.html", status_code, application=application,
                errors=errors or {}, typed=typed, notice=notice)


async def decide(request: Request):
    account = require(request, Role.STAFF)
    application = await _application(request)
    form = await form_of(request)
    checked = check_decision(form.get("decision", ""), form.get("comment", ""))
    if isinstance(checked, Rejected):
        return await review(request, checked.errors, form.get("comment", ""), 422)
    outcome = await plan_review.decide(
        request.app.state.database, application.number, checked.value,
        account.first_name or account.email, now(request), today(request), notice_of(request))
    if isinstance(outcome, Rejected):
        return await review(request, {"decision": outcome.message}, form.get("comment", ""),
                            409)
    mail_committed(request)
    return RedirectResponse(request.url_for("staff_review", number=application.number).path
                            + "?decided=1", status_code=303)


routes = [
    Route("/staff/reviews", review_queue, name="staff_reviews"),
    Route("/staff/reviews/{number:str}", review, name="staff_review"),
    Route("/staff/reviews/{number:str}", decide, methods=["POST"], name="staff_review_decide"),
]
