"""Plan review's desk: reviews assigned, disciplines added, a reviewer's workload."""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.applications import review_assignments
from db.rules.scheduling_policies import calendar_from
from domain.accounts import Role
from domain.numbers import id_or_none
from domain.outcomes import Rejected
from domain.review_disciplines import label, workload_group
from web.access import require
from web.city_clock import today
from web.forms import form_of
from web.landing import form_post
from web.staff.reviews import application_under_review, review
from web.templating import page


def _back(request: Request, number: str, **said: str) -> RedirectResponse:
    return RedirectResponse(request.url_for("staff_review", number=number).path + "?"
                            + urlencode(said) + "#disciplines", status_code=303)


async def assign(request: Request):
    require(request, Role.STAFF)
    application = await application_under_review(request)
    form = await form_of(request)
    chosen = form.get("reviewer", "")
    reviewer_id = None if chosen == "" else id_or_none(chosen)
    assignment_id = id_or_none(form.get("assignment", ""))
    if assignment_id is None or (chosen and reviewer_id is None):
        return await review(request, {"reviewer": "Choose a reviewer from the list."},
                            status_code=422)
    outcome = await review_assignments.assign(request.app.state.database, application.id,
                                              assignment_id, reviewer_id)
    if isinstance(outcome, Rejected):
        return await review(request, outcome.errors, status_code=409)
    return _back(request, application.number, assigned=str(assignment_id))


async def add_discipline(request: Request):
    require(request, Role.STAFF)
    application = await application_under_review(request)
    form = await form_of(request)
    outcome = await review_assignments.add_discipline(request.app.state.database,
                                                      application.id, form.get("discipline", ""))
    if isinstance(outcome, Rejected):
        return await review(request, outcome.errors, status_code=409)
    return _back(request, application.number, added=form.get("discipline", ""))


async def workload(request: Request):
    """My reviews (or a colleague's, ?reviewer=): overdue first, then due soon, then later."""
    account = require(request, Role.STAFF)
    staff = await review_assignments.reviewers()
    names = dict(staff)
    chosen = id_or_none(request.query_params.get("reviewer", "")) or account.id
    if chosen not in names:
        chosen = account.id
    on = today(request)
    calendar = calendar_from(on)
    work = await review_assignments.workload(chosen)
    groups = {"overdue": [], "soon": [], "later": []}
    for item in work:
        groups[workload_group(item.due_on, on, calendar)].append(item)
    return page(request, "staff/workload.html", staff=staff, chosen=chosen,
                reviewer=names.get(chosen, account.email), groups=groups, total=len(work),
                label=label, mine=chosen == account.id)


routes = [
    Route("/staff/workload", workload, name="staff_workload"),
    *form_post("/staff/reviews/{number:str}/assign", assign, "staff_review_assign",
               "staff_review"),
    *form_post("/staff/reviews/{number:str}/disciplines", add_discipline,
               "staff_review_add_discipline", "staff_review"),
]
