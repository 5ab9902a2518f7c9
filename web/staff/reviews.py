"""Plan review: the queue of applications that wait for city staff, and each application's
review — start it, approve the plans (fees then due), or send them back with corrections."""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.applications import plan_review, review_assignments
from db.applications.review_queue import review_queue as review_queue_page
from domain.accounts import Role
from domain.action_messages import review_decided
from domain.outcomes import Rejected
from domain.permits import PermitType
from domain.plan_review import check_decision
from domain.review_disciplines import DECISIONS, DISCIPLINES
from domain.review_queue import (
    AGE_LABELS, UNASSIGNED, WAITING, QueueAsk, queue_form, queue_lead, read_queue_ask, shown
)
from web.access import require
from web.city_clock import now, today
from web.emails import mail_committed, notice_of
from web.forms import form_of
from web.staff.queue_links import queue_link
from web.templating import page

TYPE_CHOICES = [(t.value, t.label) for t in PermitType]


def _queue_link(request: Request, ask: QueueAsk, **cursor: str) -> str:
    return queue_link(request, "staff_reviews", ask.form, **cursor)


async def review_queue(request: Request):
    require(request, Role.STAFF)
    staff = await review_assignments.reviewers()
    outcome = read_queue_ask(request.query_params, today(request), [i for i, _ in staff])
    context = {"type_choices": TYPE_CHOICES, "statuses": WAITING, "ages": AGE_LABELS,
               "disciplines": list(DISCIPLINES.items()),
               "reviewers": [(UNASSIGNED, "Not assigned yet"),
                             *((str(i), name) for i, name in staff)]}
    if isinstance(outcome, Rejected):
        return page(request, "staff/reviews.html", 400, **context,
                    form=queue_form(request.query_params),
                    errors=outcome.errors, queue=None, lead="")
    ask = outcome.value
    queue = await review_queue_page(request.app.state.database.reader, ask)
    previous = _queue_link(request, ask, before=str(queue.rows[0].cursor)) if (
        queue.rows and queue.has_previous) else None
    following = _queue_link(request, ask, after=str(queue.rows[-1].cursor)) if (
        queue.rows and queue.has_next) else None
    return page(request, "staff/reviews.html", **context, form=ask.form, errors={},
                queue=queue, lead=queue_lead(queue.total, ask.filtered),
                status=shown(queue.first, queue.last, queue.total) if queue.rows else "",
                previous=previous, following=following, first_page=_queue_link(request, ask))


async def application_under_review(request: Request):
    application = await plan_review.under_review(request.path_params["number"])
    if application is None:
        raise HTTPException(404)
    return application


async def review(request: Request, errors: dict | None = None, typed: str = "",
                 status_code: int = 200, deciding: str = ""):
    require(request, Role.STAFF)
    application = await application_under_review(request)
    # After a decision (?decided): where the application stands, as its record says.
    decided = request.query_params.get("decided", "")
    notice = review_decided(application.number, application.status,
                            application.waiting_for_answer, decided, application.current
                            ) if decided and not errors else ""
    return page(request, "staff/review.html", status_code, application=application,
                errors=errors or {}, typed=typed, notice=notice, deciding=deciding,
                reviewers=await review_assignments.reviewers(), disciplines=DISCIPLINES,
                decisions=DECISIONS, assigned=request.query_params.get("assigned", ""))


async def decide(request: Request):
    account = require(request, Role.STAFF)
    application = await application_under_review(request)
    form = await form_of(request)
    deciding = form.get("discipline", "")
    checked = check_decision(form.get("decision", ""), form.get("comment", ""), deciding)
    if isinstance(checked, Rejected):
        return await review(request, checked.errors, form.get("comment", ""), 422, deciding)
    outcome = await plan_review.decide(
        request.app.state.database, application.number, checked.value,
        account.first_name or account.email, now(request), today(request), notice_of(request))
    if isinstance(outcome, Rejected):
        return await review(request, {"decision": outcome.message}, form.get("comment", ""),
                            409, deciding)
    mail_committed(request)
    return RedirectResponse(request.url_for("staff_review", number=application.number).path
                            + "?" + urlencode({"decided": deciding or "start"}),
                            status_code=303)


routes = [
    Route("/staff/reviews", review_queue, name="staff_reviews"),
    Route("/staff/reviews/{number:str}", review, name="staff_review"),
    Route("/staff/reviews/{number:str}", decide, methods=["POST"], name="staff_review_decide"),
]
