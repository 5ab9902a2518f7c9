"""Leaving the e-permit wizard: a draft deleted (asked first), and address suggestions."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.applications import drafts as applications
from domain import notices
from domain.applications import FAMILY_OF
from domain.dashboard import Section
from web.access import require
from web.city_clock import now
from web.confirm import Confirmation, ask
from web.contractor.applications import APPLICANTS, own_draft
from web.contractor.dashboard import after_action
from web.parcel_lookup import suggestions
from web.templating import page


def _draft_words(draft) -> tuple[str, str, str]:
    return (FAMILY_OF[draft.permit_type].title, draft.answers.get("subtype", ""),
            draft.answers.get("address", ""))


async def discard_page(request: Request):
    """Delete your draft …? Asked on a page of its own, or in place on the dashboard."""
    _, draft = await own_draft(request)
    if draft.status != "draft":
        return RedirectResponse(f"/applications/{draft.id}/submitted", status_code=303)
    from_dashboard = request.query_params.get("from") == "dashboard"
    return ask(request, Confirmation(
        f"discard-{draft.id}", notices.delete_draft_question(*_draft_words(draft)),
        "Everything typed in it is deleted; this cannot be undone.", request.url.path,
        "Delete the draft", "Keep it", "/dashboard#applications" if from_dashboard
        else f"/applications/{draft.id}", Section.APPLICATIONS.value))


async def discard(request: Request):
    account = require(request, *APPLICANTS)
    application_id = request.path_params["application_id"]
    draft = await applications.load_draft(application_id, account.id)
    done = f"deleted={application_id}"
    if draft is not None and draft.status != "draft":
        return RedirectResponse(f"/applications/{draft.id}/submitted", status_code=303)
    if draft is None:
        # A double tap or a second tab: the first one deleted it, which is what was asked.
        description = await applications.deleted_draft(application_id, account.id)
        if description is None:
            raise HTTPException(404)
        return await after_action(request, account, Section.APPLICATIONS, {},
                                  notices.draft_deleted(description, already=True), done)
    description = notices.draft_description(*_draft_words(draft))
    await applications.discard(request.app.state.database, draft, description, now(request))
    return await after_action(request, account, Section.APPLICATIONS, {},
                              notices.draft_deleted(description), done)


async def address_suggestions(request: Request):
    require(request, *APPLICANTS)
    return page(request, "applications/_suggestions.html",
                suggestions=await suggestions(request.query_params.get("address", "")))


routes = [
    Route("/applications/addresses", address_suggestions, name="address_suggestions"),
    Route("/applications/{application_id:id}/discard", discard_page,
          name="application_discard_confirm"),
    Route("/applications/{application_id:id}/discard", discard, methods=["POST"],
          name="application_discard"),
]
