"""The applicant's side of plan review: the reviewer's comments, and the answer sent with the
corrected application."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.applications import plan_review
from db.permits.access import may_act_on
from domain.accounts import Role
from domain.outcomes import Rejected
from domain.plan_documents import KINDS, attached_notice
from domain.plan_review import RESPONSE, check_response
from web.access import require
from web.city_clock import now, today
from web.emails import mail_committed, notice_of
from web.forms import form_of
from web.templating import page

ANSWERING = (Role.CONTRACTOR, Role.OWNER_BUILDER)


async def _application(request: Request):
    """The application, to those who act for it (and staff); 404 to anyone else, as if it
    were not there."""
    account = require(request)
    application = await plan_review.under_review(request.path_params["number"])
    if application is None or not (account.role == Role.STAFF
                                   or await may_act_on(account, application.id)):
        raise HTTPException(404)
    return account, application


async def answer_page(request: Request, errors: dict | None = None, typed: str = "",
                      status_code: int = 200, kind: str = ""):
    account, application = await _application(request)
    return page(request, "permits/review.html", status_code, application=application,
                # Staff read the conversation; the applicant answers (at the counter, staff
                # help them do it on their own account).
                may_answer=account.role in ANSWERING,
                errors=errors or {}, typed=typed, kinds=KINDS, values={"kind": kind},
                resubmitted=request.query_params.get("resubmitted") == "1"
                and application.last_kind == RESPONSE,
                notice="" if errors else attached_notice(
                    application.documents, request.query_params.get("attached", ""),
                    "resubmit with your answer"))


async def resubmit(request: Request):
    require(request, *ANSWERING)
    account, application = await _application(request)
    form = await form_of(request)
    checked = check_response(form.get("response", ""))
    if isinstance(checked, Rejected):
        return await answer_page(request, checked.errors, form.get("response", ""), 422)
    outcome = await plan_review.resubmit(request.app.state.database, application.number,
                                         checked.value, account.first_name or account.email,
                                         now(request), today(request), notice_of(request))
    if isinstance(outcome, Rejected):
        # Read again: a double tap's first request may have committed since this one began.
        application = await plan_review.under_review(application.number)
        if application.comments and application.last_kind == RESPONSE \
                and application.comments[-1].body == checked.value:
            # A double tap: this very answer was sent a moment ago; the page says so.
            return RedirectResponse(request.url_for(
                "plan_review_answer", number=application.number).path + "?resubmitted=1", 303)
        return await answer_page(request, outcome.errors, form.get("response", ""), 409)
    mail_committed(request)
    return RedirectResponse(
        request.url_for("plan_review_answer", number=application.number).path
        + "?resubmitted=1", status_code=303)


routes = [
    Route("/plan-review/{number:str}", answer_page, name="plan_review_answer"),
    Route("/plan-review/{number:str}", resubmit, methods=["POST"], name="plan_review_resubmit"),
]
