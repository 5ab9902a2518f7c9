"""A contractor's or owner-builder's own name and phone, checked as registration checks them."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts import profile_changes
from domain.accounts import Role, check_contact
from domain.outcomes import Rejected
from web.access import require
from web.city_clock import now
from web.forms import form_of
from web.templating import page

# Staff and inspectors' accounts are kept by city staff (web/staff/).
OWN_DETAILS = (Role.CONTRACTOR, Role.OWNER_BUILDER)


async def details_page(request: Request):
    account = require(request, *OWN_DETAILS)
    return page(request, "account/details.html", errors={},
                values={"name": account.first_name or "", "phone": account.phone or ""})


async def save_details(request: Request):
    account = require(request, *OWN_DETAILS)
    values = await form_of(request)
    typed = {"name": values.get("name", ""), "phone": values.get("phone", "")}
    outcome = check_contact(typed, email_required=False)
    if isinstance(outcome, Rejected):
        return page(request, "account/details.html", 422, values=typed, errors=outcome.errors)
    await profile_changes.save_details(request.app.state.database, account.id,
                                       outcome.value["name"], outcome.value["phone"],
                                       now(request))
    # The account page says they are saved from the audit trail, not from this address: a
    # double tap (which changes nothing) lands on the first tap's message.
    return RedirectResponse(request.url_for("profile").path + "?saved=details",
                            status_code=303)


routes = [
    Route("/account/details", details_page, name="account_details"),
    Route("/account/details", save_details, methods=["POST"], name="account_details_post"),
]
