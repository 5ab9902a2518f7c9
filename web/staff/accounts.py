"""The staff's queue of accounts waiting for approval: contractors and owner-builders, their
documents, and the decision with its reason, e-mailed to the applicant."""
from __future__ import annotations

import os
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse
from starlette.routing import Route

from db.accounts import claim_letters, decisions, verification_queue
from db.accounts.licenses import find_license
from db.audit.log import just_done
from domain.account_queue import (
    ROLES, AccountsAsk, accounts_form, accounts_lead, accounts_shown, read_accounts_ask
)
from domain.accounts import VERIFICATION_DECISIONS, Role, decision_reason, decision_reason_problem
from domain.action_messages import account_decided, account_not_waiting
from domain.audit_actions import VERIFICATION_DECIDED
from domain.numbers import LARGEST_ID, whole_or_none
from domain.outcomes import Accepted, Rejected
from domain.queue_pages import page_params
from web.access import require
from web.city_clock import now
from web.emails import decision_message, mail_committed
from web.forms import form_of
from web.landing import form_post
from web.staff.queue_links import kept, queue_link
from web.templating import page


def _queue_link(request: Request, ask: AccountsAsk, **cursor: str) -> str:
    return queue_link(request, "staff_accounts", ask.form, **cursor)


def _asked(request: Request) -> AccountsAsk:
    """The page a decision was posted from (its address carries the page's filter and cursor),
    or the first page when that does not read."""
    outcome = read_accounts_ask(request.query_params)
    return outcome.value if isinstance(outcome, Accepted) else AccountsAsk()


async def queue(request: Request, errors: dict | None = None, typed: dict | None = None,
                status_code: int = 200):
    staff = require(request, Role.STAFF)
    outcome = read_accounts_ask(request.query_params)
    if isinstance(outcome, Rejected):
        errors, status_code = {**(errors or {}), **outcome.errors}, 400
        ask = AccountsAsk(form=accounts_form(request.query_params))
    else:
        ask = outcome.value
    found = await verification_queue.waiting(ask)
    applicants = found.rows
    licenses = {a.license_no: await find_license(a.license_no)
                for a in applicants if a.license_no}
    previous = _queue_link(request, ask, before=str(applicants[0].id)) if (
        applicants and found.has_previous) else None
    following = _queue_link(request, ask, after=str(applicants[-1].id)) if (
        applicants and found.has_next) else None
    letters = await claim_letters.pending_letters([a.id for a in applicants])
    # After a decision (?decided=<account id>): what the account's record says now, and only
    # when this member of staff decided it a moment ago (the audit trail, not the address).
    asked = whole_or_none(request.query_params.get("decided", ""), least=1, most=LARGEST_ID)
    decided = asked and await just_done(staff.email, VERIFICATION_DECIDED, now(request),
                                        f"account {asked}") and (
        await verification_queue.verification_of(asked))
    return page(request, "staff/accounts.html", status_code, applicants=applicants,
                found=found, here=urlencode({**kept(ask.form), **page_params(ask.page)}), form=ask.form, roles=ROLES, previous=previous,
                following=following, first_page=_queue_link(request, ask),
                lead=accounts_lead(found.total, bool(ask.role)),
                shown=accounts_shown(found.first, found.last, found.total) if applicants else "",
                licenses=licenses, letters=letters, now=now(request),
                zone=request.app.state.zone, errors=errors or {}, typed=typed or {},
                decided=account_decided(*decided) if decided else "")


async def decide(request: Request):
    require(request, Role.STAFF)
    account_id = request.path_params["account_id"]
    form = await form_of(request)
    reason = decision_reason(form.get("reason", ""))
    found = await verification_queue.verification_of(account_id)
    if found is None or found[1] != "pending":
        return await queue(request, {"decision": account_not_waiting(
            account_id, found and found[1])}, status_code=404 if found is None else 409)
    email = found[0]
    if form.get("decision") not in VERIFICATION_DECISIONS:
        return await queue(request, {f"reason-{account_id}": (
            "Choose to approve or to reject the account: nothing was changed.")},
            {account_id: reason}, 422)
    approve = form.get("decision") == "approve"
    if problem := decision_reason_problem(approve, reason):
        return await queue(request, {f"reason-{account_id}": problem}, {account_id: reason}, 422)
    settings = request.app.state.settings
    decided = await decisions.decide_verification(
        request.app.state.database, email, approve, reason,
        decision_message(settings, email, approve, reason), now(request))
    if decided is None:  # decided by another member of staff a moment ago
        found = await verification_queue.verification_of(account_id)
        return await queue(request, {"decision": account_not_waiting(
            account_id, found and found[1])}, status_code=409)
    mail_committed(request)
    asked = _asked(request)  # back to the page it was decided on
    return RedirectResponse(_queue_link(request, asked, **page_params(asked.page),
                                        decided=str(account_id)), status_code=303)


async def document(request: Request):
    """A proof document, to staff only, as a download (never rendered inline)."""
    require(request, Role.STAFF)
    stored = await verification_queue.upload(request.path_params["upload_id"])
    if stored is None:
        raise HTTPException(404)
    path = os.path.join(request.app.state.settings.upload_dir, stored.stored_as)
    if not os.path.isfile(path):
        raise HTTPException(404)
    await verification_queue.note_download(request.app.state.database,
                                           request.path_params["upload_id"], stored, now(request))
    return FileResponse(path, media_type=stored.content_type, filename=stored.filename,
                        headers={"Cache-Control": "no-store"})


routes = [
    Route("/staff/accounts", queue, name="staff_accounts"),
    *form_post("/staff/accounts/{account_id:id}/decide", decide, "decide_account",
               "staff_accounts"),
    Route("/staff/documents/{upload_id:id}", document, name="staff_document"),
]
