"""A company's verified account removing a colleague from the license: asked first, then done."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts import accounts, colleagues
from db.audit.log import was_recorded
from db.mail.outbox import Message
from db.rate_limits import RateLimited, key
from domain.accounts import Role, Verification
from domain.audit_actions import COLLEAGUE_REMOVED
from domain.audit_subjects import account_subject
from domain.colleagues import REMOVE_DETAIL, may_remove, removal_mail, remove_question
from domain.rate_limits import COLLEAGUE_DECISIONS_PER_ADDRESS
from web.access import require
from web.city_clock import now
from web.client_address import client_address
from web.confirm import Confirmation, ask
from web.emails import mail_committed
from web.too_many import too_many_error


async def removed_by_the_company(account, other) -> bool:
    """``other`` was removed from the license of ``account``, a verified account of it (a
    second tap or tab, or another colleague first): the outcome is said, not a 404."""
    return (other is not None and account.verification == Verification.VERIFIED
            and bool(account.license_no) and other.license_no == account.license_no
            and other.role == Role.CONTRACTOR and other.verification == Verification.REJECTED
            and await was_recorded(COLLEAGUE_REMOVED, account_subject(other.id)))


def _outcome(request: Request, colleague_id: int) -> RedirectResponse:
    return RedirectResponse(request.url_for("profile").path + f"?removed={colleague_id}",
                            status_code=303)


async def remove_page(request: Request):
    """Remove … from license …? Anyone but a verified colleague of the same license gets the
    404 of an account that is not there."""
    account = require(request, Role.CONTRACTOR)
    colleague = await accounts.get_account(request.path_params["account_id"])
    if colleague is None or not may_remove(colleagues.member(account),
                                           colleagues.member(colleague)):
        if await removed_by_the_company(account, colleague):
            return _outcome(request, colleague.id)
        raise HTTPException(404)
    return ask(request, Confirmation(
        f"remove-{colleague.id}", remove_question(colleague.name, account.license_no),
        REMOVE_DETAIL, request.url.path, "Remove from the license", "Keep them",
        request.url_for("profile").path))


async def remove(request: Request):
    account = require(request, Role.CONTRACTOR)
    colleague = await accounts.get_account(request.path_params["account_id"])
    settings = request.app.state.settings
    message = Message(colleague.email if colleague else "", *removal_mail(
        account.license_no or "", settings.city_name, settings.base_url, settings.help_phone))
    limits = {key("colleague decision", "address", client_address(request)):
              COLLEAGUE_DECISIONS_PER_ADDRESS}
    try:
        removed = colleague and await colleagues.remove_colleague(
            request.app.state.database, account.id, colleague.id, message, now(request),
            limits)
    except RateLimited as limited:
        raise too_many_error("decisions from this connection", limited.until,
                             now(request)) from None
    if not removed:
        if not await removed_by_the_company(account, colleague):
            raise HTTPException(404)
    else:
        mail_committed(request)
    return _outcome(request, colleague.id)


routes = [
    # Before profile.py's /account/colleagues/{id}/{decision}, which would take "remove".
    Route("/account/colleagues/{account_id:id}/remove", remove_page,
          name="remove_colleague_confirm"),
    Route("/account/colleagues/{account_id:id}/remove", remove, methods=["POST"],
          name="remove_colleague"),
]
