"""The rules staff read and supervisors change: every version of the scheduling policy and
holidays, the inspection types, the fee schedule and the inspection checklists, with the dates
they take effect.

The pages of each rule set are in rules_scheduling.py, rules_types.py, rules_fees.py and
rules_checklists.py; this module has the overview, withdrawing, and what saving a version
takes on every page.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from db.audit.log import just_done
from db.rules import rule_book
from db.rules.rule_book import Version
from domain import notices
from domain.accounts import Role
from domain.audit_actions import RULES_WITHDRAWN
from domain.outcomes import Rejected
from domain.rule_edits import (
    CHECKLISTS, FEES, INSPECTION_TYPES, KINDS, SCHEDULING, TITLES, earliest_effective,
    version_subject
)
from web.access import require, require_supervisor
from web.city_clock import now, today
from web.confirm import Confirmation, ask
from web.forms import MAX_FIELD, form_fields
from web.templating import page

SLUGS = {SCHEDULING: "scheduling", INSPECTION_TYPES: "inspection-types", FEES: "fees",
         CHECKLISTS: "checklists"}
KIND_OF = {slug: kind for kind, slug in SLUGS.items()}
PAGES = {SCHEDULING: "staff_rules_scheduling", INSPECTION_TYPES: "staff_rules_types",
         FEES: "staff_rules_fees", CHECKLISTS: "staff_rules_checklists"}


@dataclass(frozen=True)
class RuleSet:
    kind: str
    title: str
    slug: str
    page: str
    current: Version
    upcoming: tuple[Version, ...]
    past: tuple[Version, ...]  # newest first


def rule_set(kind: str, day: date) -> RuleSet:
    every = rule_book.versions(kind)
    current = rule_book.in_force(kind, day)
    return RuleSet(kind, TITLES[kind], SLUGS[kind], PAGES[kind], current,
                   tuple(v for v in every if v.effective > day),
                   tuple(reversed([v for v in every if v.effective < current.effective])))


def supervisor(request: Request):
    return require_supervisor(request, "Only a supervisor changes the rules.")


def shown_version(request: Request, kind: str) -> Version:
    """The version asked for with ``?version=YYYY-MM-DD``, else the one in force today."""
    asked = request.query_params.get("version", "")
    if not asked:
        return rule_book.in_force(kind, today(request))
    found = next((v for v in rule_book.versions(kind) if v.effective.isoformat() == asked), None)
    if found is None:
        raise HTTPException(404)
    return found


def taken(kind: str) -> set[date]:
    return {v.effective for v in rule_book.versions(kind)}


def version_context(request: Request, kind: str, account) -> dict:
    """What every rule page shows besides its own rules."""
    day = today(request)
    # After saving (?saved=<date>): the version stored for that date, if one still waits.
    asked = _date(request, "saved")
    saved = next((v for v in rule_book.versions(kind) if v.effective == asked
                  and v.effective > day), None)
    return {"rules": rule_set(kind, day), "shown": shown_version(request, kind),
            "latest": rule_book.latest(kind), "today": day, "earliest": earliest_effective(day),
            "may_edit": bool(account.supervisor), "saved": saved}


async def save_version(request: Request, kind: str, outcome,
                       again: Callable[[dict[str, str]], Response]) -> Response:
    """The version read from the form saved, then back to its page; or the form again (422)
    with the messages and what was typed."""
    if isinstance(outcome, Rejected):
        return again(outcome.errors)
    body = outcome.value
    effective = date.fromisoformat(body["effective"])
    account = supervisor(request)
    saved = await rule_book.save(request.app.state.database, kind, body, effective, today(request),
                                 account.first_name or account.email)
    if isinstance(saved, Rejected):
        return again(saved.errors)
    return RedirectResponse(request.url_for(PAGES[kind]).path + f"?saved={effective}",
                            status_code=303)


def editor_routes(kind: str, render: Callable[..., Response],
                  read: Callable[[Request, dict], object], max_fields: int,
                  save_name: str, max_field: int = MAX_FIELD) -> list[Route]:
    """A rule set's page, which staff read, and its form, which saves a supervisor's new
    version: ``render(request, account, errors, typed, status_code)`` draws the page and
    ``read(request, form)`` reads the form into an outcome."""
    path = f"/staff/rules/{SLUGS[kind]}"

    async def show(request: Request) -> Response:
        return render(request, require(request, Role.STAFF), {}, None)

    async def save(request: Request) -> Response:
        account = supervisor(request)
        form = (await form_fields(request, max_fields=max_fields, max_field=max_field))[0]
        return await save_version(request, kind, read(request, form),
                                  lambda errors: render(request, account, errors, form, 422))

    return [Route(path, show, name=PAGES[kind]),
            Route(path, save, methods=["POST"], name=save_name)]


def _date(request: Request, name: str) -> date | None:
    try:
        return date.fromisoformat(request.query_params.get(name, ""))
    except ValueError:
        return None


async def _withdrawn(request: Request, account) -> tuple[str, date] | None:
    """(rule set, date) of the version this supervisor just withdrew, for the confirmation:
    as the audit log has it, and only while no version is kept for that date again."""
    kind, day = KIND_OF.get(request.query_params.get("withdrawn", "")), _date(request, "effective")
    if not (kind and day) or day in taken(kind) or not await just_done(
            account.email, RULES_WITHDRAWN, now(request), version_subject(kind, day)):
        return None
    return TITLES[kind], day


async def _overview(request: Request, account, errors: dict[str, str], status_code: int = 200):
    day = today(request)
    return page(request, "staff/rules.html", status_code, sets=[rule_set(k, day) for k in KINDS],
                may_edit=bool(account.supervisor), errors=errors, today=day,
                withdrawn=await _withdrawn(request, account))


async def overview(request: Request):
    return await _overview(request, require(request, Role.STAFF), {})


def _version_of(request: Request) -> tuple[str, date]:
    kind = KIND_OF.get(request.path_params["slug"])
    try:
        effective = date.fromisoformat(request.path_params["effective"])
    except ValueError:
        effective = None
    if kind is None or effective is None:
        raise HTTPException(404)
    return kind, effective


async def withdraw_page(request: Request):
    """Withdraw the … version of …? Asked first: a withdrawn version is gone."""
    supervisor(request)
    kind, effective = _version_of(request)
    if effective not in {v.effective for v in rule_set(kind, today(request)).upcoming}:
        return RedirectResponse(request.url_for("staff_rules").path, status_code=303)
    return ask(request, Confirmation(
        f"withdraw-{SLUGS[kind]}", notices.withdraw_question(TITLES[kind], effective),
        "The version in force then stays in force; to change the rules again, save a new "
        "version.", request.url.path, "Withdraw the version", "Keep it",
        request.url_for("staff_rules").path))


async def withdraw(request: Request):
    """A supervisor withdraws a version before it takes effect."""
    account = supervisor(request)
    kind, effective = _version_of(request)
    outcome = await rule_book.withdraw(request.app.state.database, kind, effective, today(request),
                                       now(request))
    withdrawn = RedirectResponse(request.url_for("staff_rules").path +
                                 f"?withdrawn={SLUGS[kind]}&effective={effective}",
                                 status_code=303)
    if outcome is None:
        # A second tap: this supervisor's first one withdrew it, so say that again.
        if await just_done(account.email, RULES_WITHDRAWN, now(request),
                           version_subject(kind, effective)):
            return withdrawn
        raise HTTPException(404)
    if isinstance(outcome, Rejected):
        return await _overview(request, account,
                               {f"withdraw-{SLUGS[kind]}": outcome.message}, 409)
    return withdrawn


routes = [
    Route("/staff/rules", overview, name="staff_rules"),
    Route("/staff/rules/{slug}/{effective}/withdraw", withdraw_page,
          name="withdraw_rules_confirm"),
    Route("/staff/rules/{slug}/{effective}/withdraw", withdraw, methods=["POST"],
          name="withdraw_rules"),
]
