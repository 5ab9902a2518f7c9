"""Linking a contractor account to its company (issue 14 §2): the code from the letter mailed
to the license's address of record, or a new letter. The dashboard shows the same form."""
from __future__ import annotations

from dataclasses import replace

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts import claim_letters, company_claims
from domain.accounts import Role
from domain.claim_letters import CODE_TEXT_LIMIT, LetterStatus
from domain.outcomes import Rejected
from web.access import require
from web.city_clock import now
from web.claim_guidance import claim_guidance
from web.client_address import client_address
from web.forms import form_of
from web.landing import form_post
from web.templating import page


async def _page(request: Request, account, status_code: int = 200, errors=None, values=None):
    errors = dict(errors or {})
    claim = await claim_guidance(request, account)
    if claim is not None:
        # Each message is said once. Without a code form (the letter expired, locked or not
        # printed) a code's refusal is the notice's first step, not an error summary linking
        # to a field that is not there; the steps never repeat an error.
        first = [errors.pop("code")] if "code" in errors and not claim.code_form else []
        claim = replace(claim, steps=first + [s for s in claim.steps
                                              if s not in (*first, *errors.values())])
    return page(request, "account/claim.html", status_code, account=account, claim=claim,
                errors=errors, values=values or {},
                # Said only while true: a reloaded or shared ?asked=1 after the letter was
                # printed, or the account decided, says nothing.
                asked=request.query_params.get("asked") == "1" and claim is not None
                and claim.letter_waiting)


async def claim_page(request: Request):
    account = require(request, Role.CONTRACTOR)
    return await _page(request, account)


async def enter_code(request: Request):
    account = require(request, Role.CONTRACTOR)
    typed = (await form_of(request)).get("code", "")[:CODE_TEXT_LIMIT * 2]
    outcome = await company_claims.enter_code(request.app.state.database, account.id, typed,
                                              now(request), request.app.state.zone)
    claimed = RedirectResponse(request.url_for("dashboard").path + "?claimed=1", 303)
    if isinstance(outcome, Rejected):
        letter = await claim_letters.latest_letter(account.id)
        if letter is not None and letter.status == LetterStatus.USED:
            return claimed  # a double tap: the first one linked the account with this letter
        return await _page(request, account, 422, outcome.errors, {"code": typed})
    return claimed


async def ask_for_letter(request: Request):
    account = require(request, Role.CONTRACTOR)
    outcome = await company_claims.request_letter(request.app.state.database, account.id,
                                                  client_address(request), now(request),
                                                  request.app.state.zone)
    if isinstance(outcome, Rejected):
        return await _page(request, account, 422, outcome.errors)
    return RedirectResponse(request.url_for("claim").path + "?asked=1", status_code=303)


routes = [
    Route("/account/claim", claim_page, name="claim"),
    Route("/account/claim", enter_code, methods=["POST"], name="enter_claim_code"),
    *form_post("/account/claim/letter", ask_for_letter, "request_claim_letter", "claim"),
]
