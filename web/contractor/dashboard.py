"""My Dashboard: everything in flight for the signed-in account, each section a fragment."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts.licenses import find_license, registry_name
from db.applications.drafts import deleted_draft, drafts_of
from db.audit.log import JUST_DONE, just_done
from db.inspections.changes import cancel_inspection, held_inspection
from db.permits import dashboard as queries
from db.permits.follows import follow, followed_number, permit_number, unfollow
from domain import notices
from domain.accounts import Role, Verification, removed_from_license, waiting_section, waiting_words
from domain.audit_actions import COMPANY_CLAIMED_BY_CODE, INSPECTION_CANCELLED, PERMIT_UNFOLLOWED
from domain.audit_subjects import permit_subject
from domain.dashboard import SECTION_TITLES, Section
from domain.inspection_types import CANCELLED, SCHEDULED
from domain.licenses import standing
from domain.outcomes import Rejected
from domain.permits import PermitNumber
from domain.scheduling import may_still_change
from web.access import require
from web.city_clock import now, today
from web.claim_guidance import claim_guidance
from web.confirm import Confirmation, ask
from web.emails import mail_committed
from web.forms import form_of
from web.htmx import is_partial, render
from web.landing import form_post
from web.scheduler import scheduler

CHANGED = "dashboard-changed"



async def _context(request: Request, account, sections, errors=None) -> dict:
    day = today(request)
    reader = request.app.state.database.reader
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
    note = account.verification_note
    waiting = waiting_words(account.role, account.verification, account.license_no, note)
    outcome = standing(license, day) if license else None
    drafts = await drafts_of(account.id) if Section.APPLICATIONS in sections else []
    counts = await queries.section_counts(reader, license_no, account.id, day)
    counts[Section.APPLICATIONS] += len(drafts)
    policy = scheduler(request).policy
    changeable = {i.id for i in rows.get(Section.INSPECTIONS, ())
                  if may_still_change(i.scheduled_for, now(request), policy)}
    return {"account": account, "rows": rows, "titles": SECTION_TITLES, "today": day,
            "action_needed": await queries.action_needed(reader, license_no)
            if license_no and Section.APPLICATIONS in sections else [],
            "changeable": changeable, "sections": list(Section),
            "counts": counts, "drafts": drafts,
            "refusal": outcome.errors if isinstance(outcome, Rejected) else None,
            "license": license, "errors": errors or {}, "values": {},
            "company": await registry_name(account.license_no),
            "waiting": waiting,
            "waiting_section": waiting and waiting_section(account.role, account.verification,
                                                           account.license_no, note),
            "removed": removed_from_license(account.verification, note, account.license_no),
            # A waiting contractor: what is pending and what to do (issue 14 §2).
            "claim": await claim_guidance(request, account),
            # Only just after this account was linked with a mailed code (the audit trail).
            "claimed": request.query_params.get("claimed") == "1"
            and account.verification == Verification.VERIFIED and bool(await just_done(
                account.email, COMPANY_CLAIMED_BY_CODE, now(request),
                f"account {account.id}"))}


def _id(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


async def _notice(request: Request, account, following: set[str], live_drafts: set[int]
                  ) -> str | None:
    """The message of an action just done without JavaScript (?cancelled=, ?unfollowed=,
    ?deleted=), said only from what is true now, so a crafted link cannot claim otherwise."""
    query = request.query_params
    if (inspection_id := _id(query.get("cancelled", ""))) is not None:
        held = await held_inspection(inspection_id, account)
        if held is not None and held.status == CANCELLED and await just_done(
                account.email, INSPECTION_CANCELLED, now(request),
                f"inspection {inspection_id}"):  # the subject db/inspections/booking.py records
            return notices.cancelled(held.type_name, held.permit_number, held.day)
    if (permit_id := _id(query.get("unfollowed", ""))) is not None:
        number = await permit_number(permit_id)
        if number and await followed_number(account.id, permit_id) is None and await just_done(
                account.email, PERMIT_UNFOLLOWED, now(request), permit_subject(permit_id)):
            return notices.unfollowed(number)
    if (permit_id := _id(query.get("not_following", ""))) is not None:
        number = await permit_number(permit_id)
        if number and await followed_number(account.id, permit_id) is None:
            return notices.not_following(number)
    followed = PermitNumber.parse(query.get("followed", ""))
    if followed is not None and str(followed) in following:
        return notices.followed(str(followed))
    if (application_id := _id(query.get("deleted", ""))) is not None and (
            application_id not in live_drafts):  # a new draft may have taken a deleted id
        description = await deleted_draft(application_id, account.id, now(request) - JUST_DONE)
        if description is not None:
            return notices.draft_deleted(description)
    return None


def _to_the_route(request: Request) -> RedirectResponse:
    """An inspector's dashboard is the day's route (issue 17 §3): permits to follow, drafts
    and payments are applicants' sections, which an inspector has none of."""
    return RedirectResponse(request.url_for("inspector_today").path, status_code=303)


async def dashboard(request: Request):
    account = require(request)
    if account.role == Role.INSPECTOR:
        return _to_the_route(request)
    context = await _context(request, account, list(Section))
    context["notice"] = await _notice(
        request, account, {p.number for p in context["rows"][Section.FOLLOWED]},
        {d.id for d in context["drafts"]})
    return render(request, "dashboard/dashboard.html", "dashboard/dashboard.html", context)


async def dashboard_section(request: Request):
    account = require(request)
    if account.role == Role.INSPECTOR:
        return _to_the_route(request)
    try:
        section = Section(request.path_params["section"])
    except ValueError:
        raise HTTPException(404) from None
    if not is_partial(request):
        return await dashboard(request)
    context = await _context(request, account, [section])
    return render(request, "dashboard/dashboard.html", "dashboard/_section.html",
                  {**context, "section": section, "notice": None})


async def after_action(request: Request, account, section: Section, errors: dict,
                       notice: str | None = None, done: str = ""):
    """htmx: the section's fresh fragment with the message and the counts of every section
    (out of band), and an event the other sections refresh on; without JavaScript: back to
    the dashboard (``done``: the query naming what was done), or the dashboard with the
    message on an error."""
    if is_partial(request):
        context = await _context(request, account, [section], errors)
        response = render(request, "dashboard/dashboard.html",
                          "dashboard/_section_response.html",
                          {**context, "section": section, "notice": notice},
                          status_code=422 if errors else 200)
        if not errors:
            response.headers["HX-Trigger"] = CHANGED
        return response
    if errors:
        context = await _context(request, account, list(Section), errors)
        return render(request, "dashboard/dashboard.html", "dashboard/dashboard.html",
                      {**context, "notice": None}, status_code=422)
    # With a message, to the message: on a phone the section may be screens away from it.
    return RedirectResponse(f"/dashboard?{done}#dashboard-status" if done
                            else f"/dashboard#{section.value}", status_code=303)


async def follow_permit(request: Request):
    account = require(request)
    text = (await form_of(request)).get("number", "")
    number = PermitNumber.parse(text)
    errors = {}
    if number is None:
        errors["number"] = "Enter a permit number like BLD2026-00042."
    elif not await follow(request.app.state.database, account.id, str(number),
                          request.app.state.clock()):
        errors["number"] = f"No permit has the number {number}."
    return await after_action(request, account, Section.FOLLOWED, errors,
                              None if errors else notices.followed(str(number)),
                              f"followed={number}")


async def unfollow_page(request: Request):
    account = require(request)
    permit_id = request.path_params["permit_id"]
    number = await followed_number(account.id, permit_id)
    if number is None:
        return RedirectResponse(f"/dashboard?not_following={permit_id}#dashboard-status"
                                if await permit_number(permit_id) else "/dashboard#followed",
                                status_code=303)
    return ask(request, Confirmation(
        f"unfollow-{permit_id}", notices.unfollow_question(number),
        "You will get no more e-mails about its inspections and status. You can follow it "
        "again at any time.", request.url.path, "Stop following", "Keep following",
        "/dashboard#followed", Section.FOLLOWED.value))


async def unfollow_permit(request: Request):
    account = require(request)
    permit_id = request.path_params["permit_id"]
    number = await followed_number(account.id, permit_id)
    if number is None:
        # A second tap, or a page older than the list: calmly, there was nothing to stop.
        existing = await permit_number(permit_id)
        return await after_action(request, account, Section.FOLLOWED, {},
                                  notices.not_following(existing) if existing else None,
                                  f"not_following={permit_id}" if existing else "")
    await unfollow(request.app.state.database, account.id, permit_id, now(request))
    return await after_action(request, account, Section.FOLLOWED, {},
                              notices.unfollowed(number), f"unfollowed={permit_id}")


async def cancel_page(request: Request):
    """Cancel the Final inspection of … on …? A page, or the question in the dashboard."""
    account = require(request)
    inspection_id = request.path_params["inspection_id"]
    held = await held_inspection(inspection_id, account)
    if held is None:
        raise HTTPException(404)
    page_of_it = f"/inspections/{inspection_id}"
    if held.status != SCHEDULED:
        return RedirectResponse(page_of_it, status_code=303)
    from_dashboard = request.query_params.get("from") == "dashboard"
    return ask(request, Confirmation(
        f"cancel-{inspection_id}", notices.cancel_question(held.type_name, held.permit_number,
                                                           held.day),
        "The permit's contacts are e-mailed. To have the work inspected later, request the "
        "inspection again.", request.url.path, "Cancel the inspection", "Keep it",
        "/dashboard#inspections" if from_dashboard else page_of_it,
        Section.INSPECTIONS.value))


async def cancel(request: Request):
    account = require(request)
    inspection_id = request.path_params["inspection_id"]
    outcome = await cancel_inspection(request.app.state.database, inspection_id, account,
                                      account.first_name or account.email, now(request),
                                      scheduler(request))
    if outcome is None:
        raise HTTPException(404)
    errors = outcome.errors if isinstance(outcome, Rejected) else {}
    held = await held_inspection(inspection_id, account)
    notice = None
    if not errors:
        mail_committed(request)
        notice = notices.cancelled(held.type_name, held.permit_number, held.day)
    elif held.status == CANCELLED:
        # A double tap, or a second tab: the first one cancelled it, which is what was asked.
        errors, notice = {}, notices.already_cancelled(held.type_name, held.permit_number,
                                                       held.day)
    return await after_action(request, account, Section.INSPECTIONS, errors, notice,
                              f"cancelled={inspection_id}")


routes = [
    Route("/dashboard", dashboard, name="dashboard"),
    *form_post("/dashboard/follow", follow_permit, "follow_permit", "dashboard",
               anchor="followed"),
    Route("/dashboard/{section:str}", dashboard_section, name="dashboard_section"),
    Route("/dashboard/unfollow/{permit_id:id}", unfollow_page, name="unfollow_permit_confirm"),
    Route("/dashboard/unfollow/{permit_id:id}", unfollow_permit, methods=["POST"],
          name="unfollow_permit"),
    Route("/inspections/{inspection_id:id}/cancel", cancel_page, name="cancel_inspection_confirm"),
    Route("/inspections/{inspection_id:id}/cancel", cancel, methods=["POST"],
          name="cancel_inspection"),
]
