"""Linking a contractor account to its company (issue 14 §2): the code from the letter mailed
to the license's address of record, or a new letter. The dashboard shows the same form."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db import company_claims
from domain.accounts import Role, Verification
from domain.claim_letters import Guidance, guidance
from domain.outcomes import Rejected
from web.access import require
from web.city_clock import now
from web.client_address import client_address
from web.forms import form_of
from web.landing import landing
from web.templating import page


async def claim_guidance(request: Request, account) -> Guidance | None:
    """What a waiting contractor must do to see the company's permits; None for others."""
    if (account.role != Role.CONTRACTOR.value or not account.license_no
            or account.verification != Verification.PENDING.value):
        return None
    route, latest = await company_claims.claim_state(account.id, account.license_no)
    return guidance(route, account.license_no, latest, now(request), request.app.state.zone,
                    request.app.state.settings.help_phone)


async def _page(request: Request, account, status_code: int = 200, errors=None, values=None):
    return page(request, "account/claim.html", status_code, account=account,
                claim=await claim_guidance(request, account), errors=errors or {},
                values=values or {}, asked=request.query_params.get("asked") == "1")


async def claim_page(request: Request):
    account = require(request, Role.CONTRACTOR)
    return await _page(request, account)


async def enter_code(request: Request):
    account = require(request, Role.CONTRACTOR)
    typed = (await form_of(request)).get("code", "")[:40]
    outcome = await company_claims.enter_code(account.id, typed, now(request),
                                              request.app.state.zone)
    if isinstance(outcome, Rejected):
        return await _page(request, account, 422, outcome.errors, {"code": typed})
    return RedirectResponse(request.url_for("dashboard").path + "?claimed=1", status_code=303)


async def ask_for_letter(request: Request):
    account = require(request, Role.CONTRACTOR)
    outcome = await company_claims.request_letter(account.id, client_address(request),
                                                  now(request), request.app.state.zone)
    if isinstance(outcome, Rejected):
        return await _page(request, account, 422, outcome.errors)
    return RedirectResponse(request.url_for("claim").path + "?asked=1", status_code=303)


routes = [
    Route("/account/claim", claim_page, methods=["GET"], name="claim"),
    Route("/account/claim", enter_code, methods=["POST"], name="enter_claim_code"),
    Route("/account/claim/letter", ask_for_letter, methods=["POST"],
          name="request_claim_letter"),
    landing("/account/claim/letter", "claim", name="request_claim_letter_landing"),
]
