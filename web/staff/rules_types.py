"""The inspection types: the catalog in force as a table, and a supervisor's new version
(names, BLDS mappings, units, finals, which are still offered, and one new type)."""
from __future__ import annotations

from starlette.requests import Request

from db.rules import rule_book
from domain.catalog_edits import catalog_fields, catalog_rows, read_catalog_form
from domain.inspection_types import BLDS_INSP_TYPES
from domain.permits import PermitType
from domain.rule_edits import INSPECTION_TYPES
from web.city_clock import today
from web.staff.rules import editor_routes, taken, version_context
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


def _read(request: Request, form: dict):
    return read_catalog_form(form, rule_book.latest(INSPECTION_TYPES).rules,
                             rule_book.every_type(), today(request), taken(INSPECTION_TYPES))


routes = editor_routes(INSPECTION_TYPES, _page, _read, max_fields=MAX_FIELDS,
                       save_name="save_inspection_types")
