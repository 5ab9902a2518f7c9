"""The inspection types: the catalog in force as a table, and a supervisor's new version
(names, BLDS mappings, units, finals, which are still offered, and one new type)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from db.rules import rule_book
from domain.accounts import Role
from domain.catalog_edits import catalog_fields, catalog_rows, read_catalog_form
from domain.inspection_types import BLDS_INSP_TYPES
from domain.permits import PermitType
from domain.rule_edits import INSPECTION_TYPES
from web.access import require
from web.city_clock import today
from web.forms import form_fields
from web.staff.rules import save_version, supervisor, taken, version_context
from web.templating import page

BLDS_CHOICES = tuple(sorted(BLDS_INSP_TYPES))
# Every row has five fields; a city's catalog stays far below this.
MAX_FIELDS = 2000


def _page(request: Request, account, errors: dict[str, str], typed: dict | None,
          status_code: int = 200):
    context = version_context(request, INSPECTION_TYPES, account)
    rows = catalog_rows(context["latest"].rules, rule_book.every_type())
    return page(request, "staff/rules_types.html", status_code, **context,
                catalog=context["shown"].rules, rows=rows, blds_choices=BLDS_CHOICES,
                permit_types=list(PermitType),
                values=typed if typed is not None else catalog_fields(rows), errors=errors)


async def types_page(request: Request):
    return _page(request, require(request, Role.STAFF), {}, None)


async def save_types(request: Request):
    account = supervisor(request)
    form = (await form_fields(request, max_fields=MAX_FIELDS))[0]
    outcome = read_catalog_form(form, rule_book.latest(INSPECTION_TYPES).rules,
                                rule_book.every_type(), today(request), taken(INSPECTION_TYPES))
    return await save_version(request, INSPECTION_TYPES, outcome,
                              lambda errors: _page(request, account, errors, form, 422))


routes = [
    Route("/staff/rules/inspection-types", types_page, name="staff_rules_types"),
    Route("/staff/rules/inspection-types", save_types, methods=["POST"],
          name="save_inspection_types"),
]
