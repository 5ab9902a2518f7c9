"""My Dashboard: everything in flight for the signed-in account, each section a fragment."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db import dashboard as queries
from db.applications import drafts_of
from db.follows import follow, unfollow
from db.scheduling import cancel_inspection
from db.licenses import find_license
from domain.accounts import Verification
from domain.dashboard import SECTION_TITLES, Section
from domain.licenses import standing
from domain.outcomes import Rejected
from domain.permits import PermitNumber
from domain.scheduling import may_still_change
from web.account.claim import claim_guidance
from web.city_clock import now, today
from web.emails import mail_committed
from web.scheduler import scheduler
from web.access import require
from web.forms import form_of
from web.htmx import is_partial, render

CHANGED = "dashboard-changed"



async def _context(request: Request, account, sections, errors=None) -> dict:
    day = today(request)
    reader = request.app.state.reader
    license_no = account.license_no if account.verification == Verification.VERIFIED else None
    rows = {}
    for section in sections:
        if section == Section.FOLLOWED:
            rows[section] = await queries.followed_permits(reader, account.id)
        elif license_no is None:
            rows[section] = []
        elif section == Section.INSPECTIONS:
            rows[section] = await queries.active_inspections(reader, license_no)
        else:
            rows[section] = await queries.section_permits(reader, license_no, section, day)
    license = await find_license(license_no) if license_no else None
    outcome = standing(license, day) if license else None
    drafts = await drafts_of(account.id) if Section.APPLICATIONS in sections else []
    counts = await queries.section_counts(reader, license_no, account.id, day)
    counts[Section.APPLICATIONS] += len(drafts)
    policy = scheduler(request).policy
    changeable = {i.id for i in rows.get(Section.INSPECTIONS, ())
                  if may_still_change(i.scheduled_for, now(request), policy)}
    return {"account": account, "rows": rows, "titles": SECTION_TITLES, "today": day,
            "changeable": changeable,
            "counts": counts, "drafts": drafts,
            "refusal": outcome.errors if isinstance(outcome, Rejected) else None,
            "license": license, "errors": errors or {}, "values": {},
            # A waiting contractor: what is pending and what to do (issue 14 §2).
            "claim": await claim_guidance(request, account),
            "claimed": request.query_params.get("claimed") == "1"}


async def dashboard(request: Request):
    account = require(request)
    context = await _context(request, account, list(Section))
    return render(request, "dashboard/dashboard.html", "dashboard/dashboard.html", context)


async def dashboard_section(request: Request):
    account = require(request)
    try:
        section = Section(request.path_params["section"])
    except ValueError:
        raise HTTPException(404) from None
    if not is_partial(request):
        return await dashboard(request)
    context = await _context(request, account, [section])
    return render(request, "dashboard/dashboard.html", "dashboard/_section.html",
                  {**context, "section": section})


async def _after_action(request: Request, account, section: Section, errors: dict):
    """htmx: the section's fresh fragment and an event the other sections refresh on; without
    JavaScript: back to the dashboard, or the dashboard with the message on an error."""
    if is_partial(request):
        context = await _context(request, account, [section], errors)
        response = render(request, "dashboard/dashboard.html", "dashboard/_section.html",
                          {**context, "section": section}, status_code=422 if errors else 200)
        if not errors:
            response.headers["HX-Trigger"] = CHANGED
        return response
    if errors:
        context = await _context(request, account, list(Section), errors)
        return render(request, "dashboard/dashboard.html", "dashboard/dashboard.html",
                      context, status_code=422)
    return RedirectResponse(f"/dashboard#{section.value}", status_code=303)


async def follow_permit(request: Request):
    account = require(request)
    text = (await form_of(request)).get("number", "")
    number = PermitNumber.parse(text)
    errors = {}
    if number is None:
        errors["number"] = "Enter a permit number like BLD2026-00042."
    elif not await follow(account.id, str(number), request.app.state.clock()):
        errors["number"] = f"No permit has the number {number}."
    return await _after_action(request, account, Section.FOLLOWED, errors)


async def unfollow_permit(request: Request):
    account = require(request)
    await unfollow(account.id, request.path_params["permit_id"])
    return await _after_action(request, account, Section.FOLLOWED, {})


async def cancel(request: Request):
    account = require(request)
    outcome = await cancel_inspection(request.path_params["inspection_id"], account,
                                      account.first_name or account.email, now(request),
                                      scheduler(request))
    if outcome is None:
        raise HTTPException(404)
    errors = outcome.errors if isinstance(outcome, Rejected) else {}
    if not errors:
        mail_committed(request)
    return await _after_action(request, account, Section.INSPECTIONS, errors)


routes = [
    Route("/dashboard", dashboard, name="dashboard"),
    Route("/dashboard/{section:str}", dashboard_section, name="dashboard_section"),
    Route("/dashboard/follow", follow_permit, methods=["POST"], name="follow_permit"),
    Route("/dashboard/unfollow/{permit_id:id}", unfollow_permit, methods=["POST"],
          name="unfollow_permit"),
    Route("/inspections/{inspection_id:id}/cancel", cancel, methods=["POST"],
          name="cancel_inspection"),
]


