"""Staff and inspector accounts (issue 16 §3): the list staff read, a supervisor's changes."""
from __future__ import annotations

import secrets

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts import passwords, staff_accounts
from db.accounts.accounts import EmailTaken, find_account
from db.accounts.staff_accounts import NOT_A_SUPERVISOR, Person
from db.audit.log import just_done
from db.mail.outbox import Message
from domain.accounts import Role
from domain.audit_actions import (
    ACCOUNT_DEACTIVATED, ACCOUNT_REACTIVATED, PASSWORD_LINK_SENT, STAFF_ACCOUNT_CHANGED,
    STAFF_ACCOUNT_CREATED
)
from domain.audit_subjects import account_subject
from domain.outcomes import Accepted, Rejected
from domain.staff_accounts import (
    CITY_ROLES, DEACTIVATE_DETAIL, DEACTIVATE_QUESTION, NOT_KEPT_HERE, NOTHING_CHANGED,
    ROLE_CHOICES, SUPERVISORS_ONLY, PersonForm, check_person, deactivation_refusal, done_words,
    email_taken, form_of_member, holdings_words
)
from web.access import require, require_supervisor
from web.city_clock import now
from web.confirm import Confirmation, ask
from web.emails import compose, link, mail_committed
from web.forms import form_of
from web.landing import form_post
from web.templating import page

# ?done=… after an action: said only when the audit trail has this supervisor doing it.
DONE_ACTIONS = {"created": STAFF_ACCOUNT_CREATED, "changed": STAFF_ACCOUNT_CHANGED,
                "deactivated": ACCOUNT_DEACTIVATED, "reactivated": ACCOUNT_REACTIVATED,
                "link": PASSWORD_LINK_SENT}
TYPED = ("name", "email", "phone", "role", "supervisor")


def _supervisor(request: Request):
    return require_supervisor(request, SUPERVISORS_ONLY)


async def _person(request: Request) -> Person:
    found = await staff_accounts.person(request.path_params["account_id"])
    if found is None:
        raise HTTPException(404, NOT_KEPT_HERE)
    return found


def _form(request: Request, account, found: Person | None, values: dict[str, str],
          errors: dict[str, str], status_code: int = 200, notice: str = ""):
    """The add form (``found`` None) or a person's page with its form."""
    holds = holdings_words(found.name, found.holdings) if found and found.holdings else ""
    return page(request, "staff/person.html", status_code, person=found, values=values,
                errors=errors, roles=ROLE_CHOICES, me=account.id, notice=notice, holds=holds)


def _done(request: Request, account_id: int, done: str) -> RedirectResponse:
    return RedirectResponse(request.url_for("staff_person", account_id=account_id).path
                            + f"?done={done}", status_code=303)


def _link_message(request: Request, account, name: str, email: str, token: str,
                  again: bool) -> Message:
    return compose(request, "staff_welcome", email, "Set your password for the permit portal",
                   name=name, by=account.first_name or account.email, again=again,
                   url=link(request, "reset_password", token=token))


async def people_page(request: Request):
    account = require(request, Role.STAFF)
    return page(request, "staff/people.html", people=await staff_accounts.people(),
                may_change=bool(account.supervisor))


async def new_person_page(request: Request):
    return _form(request, _supervisor(request), None, {}, {})


async def add(request: Request):
    account = _supervisor(request)
    form = await form_of(request)
    typed = {name: form.get(name, "") for name in TYPED}
    checked = check_person(form, with_email=True)
    if isinstance(checked, Rejected):
        return _form(request, account, None, typed, checked.errors, 422)
    clean, token = checked.value, secrets.token_urlsafe(32)
    try:
        if await find_account(clean.email) is not None:
            raise EmailTaken(clean.email)
        outcome = await staff_accounts.add_person(
            request.app.state.database, account.id, clean,
            await passwords.hash_password(secrets.token_urlsafe(32)), token,
            _link_message(request, account, clean.name, clean.email, token, False), now(request))
    except EmailTaken:
        return await _taken(request, account, clean, typed)
    if outcome is NOT_A_SUPERVISOR:
        raise HTTPException(403, SUPERVISORS_ONLY)
    mail_committed(request)
    return _done(request, outcome.value, "created")


async def _taken(request: Request, account, clean: PersonForm, typed: dict[str, str]):
    """An address with an account: this supervisor's second tap of the same form lands where
    the first did; anything else is said beside the address."""
    existing = await find_account(clean.email)
    if existing and (existing.name, existing.role) == (clean.name, clean.role) and (
            await just_done(account.email, STAFF_ACCOUNT_CREATED, now(request),
                            account_subject(existing.id))):
        return _done(request, existing.id, "created")
    colleague = existing.name if existing and existing.role in CITY_ROLES else None
    return _form(request, account, None, typed, email_taken(clean.email, colleague), 422)


async def person_page(request: Request):
    account = _supervisor(request)
    found = await _person(request)
    done = request.query_params.get("done", "")
    action = DONE_ACTIONS.get(done)
    notice = done_words(done, found.name, found.email, found.role, found.supervisor) if (
        action and await just_done(account.email, action, now(request),
                                   account_subject(found.id))) else ""
    return _form(request, account, found, form_of_member(found.member), {}, notice=notice)


def _answer(request: Request, account, found: Person, outcome, done: str,
            typed: dict[str, str] | None = None):
    """A change's outcome as the response: its page after it, or the page saying why not."""
    if outcome is None:
        raise HTTPException(404, NOT_KEPT_HERE)
    if outcome is NOT_A_SUPERVISOR:
        raise HTTPException(403, SUPERVISORS_ONLY)
    if isinstance(outcome, Rejected):
        return _form(request, account, found, typed or form_of_member(found.member),
                     outcome.errors, 409)
    return _done(request, found.id, done)


async def change(request: Request):
    account = _supervisor(request)
    found = await _person(request)
    form = await form_of(request)
    typed = {name: form.get(name, "") for name in TYPED if name != "email"}
    checked = check_person(form, with_email=False)
    if isinstance(checked, Rejected):
        return _form(request, account, found, typed, checked.errors, 422)
    outcome = await staff_accounts.change_person(request.app.state.database, account.id,
                                                 found.id, checked.value, now(request))
    if outcome == Accepted(False) and not await just_done(
            account.email, STAFF_ACCOUNT_CHANGED, now(request), account_subject(found.id)):
        # Saved as it was; a second tap of a change, just done, lands where the first did.
        return _form(request, account, found, form_of_member(found.member), {},
                     notice=NOTHING_CHANGED)
    return _answer(request, account, found, outcome, "changed", typed)


async def deactivate_page(request: Request):
    """Asked first; an account that cannot be deactivated yet gets its page saying why, and
    one already deactivated (Back after doing it) its page."""
    account = _supervisor(request)
    found = await _person(request)
    if not found.active:
        return RedirectResponse(request.url_for("staff_person", account_id=found.id).path, 303)
    if refused := deactivation_refusal(account.id, found.member, found.holdings):
        return _form(request, account, found, form_of_member(found.member), refused.errors)
    return ask(request, Confirmation(
        f"deactivate-{found.id}", DEACTIVATE_QUESTION.format(name=found.name),
        DEACTIVATE_DETAIL.format(name=found.name), request.url.path, "Deactivate the account",
        "Keep it active", request.url_for("staff_person", account_id=found.id).path))


async def deactivate(request: Request):
    account = _supervisor(request)
    found = await _person(request)
    outcome = await staff_accounts.deactivate(request.app.state.database, account.id, found.id,
                                              now(request))
    return _answer(request, account, found, outcome, "deactivated")


async def reactivate(request: Request):
    account = _supervisor(request)
    found = await _person(request)
    outcome = await staff_accounts.reactivate(request.app.state.database, account.id, found.id,
                                              now(request))
    return _answer(request, account, found, outcome, "reactivated")


async def send_link(request: Request):
    """A new set-password link (the first expired, or never arrived)."""
    account = _supervisor(request)
    found = await _person(request)
    token = secrets.token_urlsafe(32)
    outcome = await staff_accounts.send_link(
        request.app.state.database, account.id, found.id, token,
        _link_message(request, account, found.name, found.email, token, True), now(request))
    if not isinstance(outcome, Rejected) and outcome is not None:
        mail_committed(request)
    return _answer(request, account, found, outcome, "link")


routes = [
    Route("/staff/people", people_page, name="staff_people"),
    Route("/staff/people/new", new_person_page, name="new_staff_person"),
    Route("/staff/people/new", add, methods=["POST"], name="add_staff_person"),
    Route("/staff/people/{account_id:id}", person_page, name="staff_person"),
    Route("/staff/people/{account_id:id}", change, methods=["POST"],
          name="change_staff_person"),
    Route("/staff/people/{account_id:id}/deactivate", deactivate_page,
          name="deactivate_staff_person_confirm"),
    Route("/staff/people/{account_id:id}/deactivate", deactivate, methods=["POST"],
          name="deactivate_staff_person"),
    *form_post("/staff/people/{account_id:id}/reactivate", reactivate,
               "reactivate_staff_person", "staff_person"),
    *form_post("/staff/people/{account_id:id}/link", send_link, "send_staff_person_link",
               "staff_person"),
]
