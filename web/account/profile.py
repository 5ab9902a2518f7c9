"""The signed-in account's profile (license, standing, colleagues) and password change."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts import accounts, decisions, passwords, sign_in
from db.accounts.colleagues import verified_colleagues
from db.accounts.licenses import find_license
from db.accounts.profile_changes import pending_change
from db.audit.log import just_done
from db.mail.outbox import Message
from db.permits.parcels import parcel_choice
from db.rate_limits import RateLimited, key
from db.reader import as_datetime
from domain import email_changes, notices
from domain.accounts import Role, Verification, removed_from_license, waiting_words
from domain.audit_actions import (
    COLLEAGUE_DECIDED, COLLEAGUE_REMOVED, DETAILS_CHANGED, EMAIL_CHANGE_CANCELLED
)
from domain.audit_subjects import account_subject
from domain.colleagues import colleague_removed
from domain.licenses import standing
from domain.numbers import id_or_none
from domain.outcomes import Rejected
from domain.passwords import check_new_password, just_changed
from domain.rate_limits import COLLEAGUE_DECISIONS_PER_ADDRESS
from web.access import require
from web.account.password_guesses import current_password
from web.city_clock import now, today
from web.client_address import client_address
from web.confirm import Confirmation, ask
from web.emails import mail_committed
from web.forms import common_passwords, form_of
from web.middleware.auth import set_session_cookie
from web.templating import page
from web.too_many import too_many, too_many_error


async def profile(request: Request):
    account = require(request)
    license = await find_license(account.license_no) if account.license_no else None
    verified_member = account.license_no and account.verification == "verified"
    return page(
        request, "account/profile.html", account=account, license=license,
        standing=standing(license, today(request)) if license else None,
        parcel=await parcel_choice(account.parcel) if account.parcel else None,
        changed=request.query_params.get("changed") == "1" and just_changed(
            as_datetime(account.password_changed_at), as_datetime(account.created_at),
            now(request)),
        waiting=waiting_words(account.role, account.verification, account.license_no,
                              account.verification_note),
        removed=removed_from_license(account.verification, account.verification_note,
                                     account.license_no),
        notice=await _decided(request, account) or await _changed(request, account),
        colleagues=await accounts.pending_colleagues(account.license_no)
        if verified_member else [],
        members=await verified_colleagues(account.license_no, account.id)
        if verified_member and account.role == Role.CONTRACTOR else [],
        email_waiting=await _email_waiting(account.id, now(request)))


async def _email_waiting(account_id: int, at) -> str | None:
    pending = await pending_change(account_id, at)
    return email_changes.change_waiting(pending.new_email) if pending else None


async def _decided(request: Request, account) -> str | None:
    """The message after deciding on a colleague (?approved= or ?declined=), said from what
    is true now and only when this account decided it a moment ago (the audit trail)."""
    for word, verification in (("approved", Verification.VERIFIED),
                               ("declined", Verification.REJECTED)):
        other_id = id_or_none(request.query_params.get(word, ""))
        if other_id is not None:
            other = await accounts.get_account(other_id)
            if (other and account.license_no and other.license_no == account.license_no
                    and other.verification == verification and await just_done(
                        account.email, COLLEAGUE_DECIDED, now(request),
                        f"account {other_id}")):
                return notices.colleague_decided(other.name, word == "approved")
    return None


async def _changed(request: Request, account) -> str | None:
    """The message after saving one's details (?saved=details), cancelling an e-mail change
    (?email=cancelled) or removing a colleague (?removed=), each said only when the audit
    trail vouches for it."""
    at, subject = now(request), account_subject(account.id)
    if request.query_params.get("saved") == "details" and await just_done(
            account.email, DETAILS_CHANGED, at, subject):
        return notices.DETAILS_SAVED
    if request.query_params.get("email") == "cancelled" and await just_done(
            account.email, EMAIL_CHANGE_CANCELLED, at, subject):
        return email_changes.CANCELLED
    other_id = id_or_none(request.query_params.get("removed", ""))
    # Said to the colleague who removed them a moment ago, not to another opening the address.
    if other_id is not None and await just_done(account.email, COLLEAGUE_REMOVED, at,
                                                account_subject(other_id)):
        other = await accounts.get_account(other_id)
        return colleague_removed(other.name) if other else None
    return None


async def colleague_page(request: Request):
    """Decline …'s request to join license …? (asked first: it cannot be undone here).
    Approving is one tap from the account page; its address leads back there."""
    account = require(request, Role.CONTRACTOR)
    applicant_id = request.path_params["account_id"]
    waiting = {c.id: c for c in await accounts.pending_colleagues(account.license_no)} \
        if account.license_no and account.verification == "verified" else {}
    if request.path_params["decision"] != "decline" or applicant_id not in waiting:
        return RedirectResponse(request.url_for("profile").path, status_code=303)
    return ask(request, Confirmation(
        f"decline-{applicant_id}", notices.decline_question(waiting[applicant_id].name,
                                                            account.license_no),
        "They will not see your company's permits. We e-mail them that a verified account of "
        "the license declined, without your name.", request.url.path, "Decline", "Go back",
        request.url_for("profile").path))


async def decide_colleague(request: Request):
    account = require(request, Role.CONTRACTOR)
    if request.path_params["decision"] not in ("approve", "decline"):
        raise HTTPException(404)
    approve = request.path_params["decision"] == "approve"
    applicant = await accounts.get_account(request.path_params["account_id"])
    settings = request.app.state.settings
    message = Message(applicant.email if applicant else "", *notices.colleague_decision_mail(
        account.license_no, account.first_name, approve, settings.city_name,
        settings.base_url, settings.help_phone))
    limits = {key("colleague decision", "address", client_address(request)):
              COLLEAGUE_DECISIONS_PER_ADDRESS}
    try:
        decided = applicant and await decisions.decide_colleague(
            request.app.state.database, account.id, applicant.id, approve, message, now(request),
            limits)
    except RateLimited as limited:
        raise too_many_error("decisions from this connection", limited.until,
                             now(request)) from None
    if not decided:
        if not (applicant and account.verification == Verification.VERIFIED
                and account.license_no and applicant.license_no == account.license_no
                and applicant.verification in (Verification.VERIFIED, Verification.REJECTED)):
            raise HTTPException(404)
        # A double tap or a second tab: already decided; the account page says how.
        approve = applicant.verification == Verification.VERIFIED
    else:
        mail_committed(request)
    return RedirectResponse(request.url_for("profile").path
                            + f"?{'approved' if approve else 'declined'}={applicant.id}",
                            status_code=303)


async def password_page(request: Request):
    require(request)
    return page(request, "account/password.html", errors={})


async def change_password(request: Request):
    account = require(request)
    values = await form_of(request)
    # A double tap: the first one changed it to the new password a moment ago.
    twice = just_changed(as_datetime(account.password_changed_at),
                         as_datetime(account.created_at), now(request))
    errors, refused, again = await current_password(
        request, account, values.get("current", ""), values.get("password", "") if twice else None)
    if refused:
        return too_many(page(request, "account/password.html", 429, errors=errors), refused)
    if again:
        return RedirectResponse(request.url_for("profile").path + "?changed=1", 303)
    outcome = check_new_password(values.get("password", ""), email=account.email,
                                 common=common_passwords())
    if isinstance(outcome, Rejected):
        errors.update(outcome.errors)
    if errors:
        return page(request, "account/password.html", 422, errors=errors)
    await sign_in.clear_failures(f"account:{account.username}")
    await passwords.change_password(request.app.state.database, account.id,
                                    await passwords.hash_password(outcome.value),
                                    request.app.state.clock())
    # Every session was revoked with the old password; this browser gets a new one.
    response = RedirectResponse(request.url_for("profile").path + "?changed=1", 303)
    set_session_cookie(response, await sign_in.start_session(account.id),
                       request.app.state.settings)
    return response


routes = [
    Route("/account", profile, name="profile"),
    Route("/account/colleagues/{account_id:id}/{decision:str}", colleague_page,
          name="decide_colleague_confirm"),
    Route("/account/colleagues/{account_id:id}/{decision:str}", decide_colleague,
          methods=["POST"], name="decide_colleague"),
    Route("/account/password", password_page, name="password"),
    Route("/account/password", change_password, methods=["POST"], name="password_post"),
]
