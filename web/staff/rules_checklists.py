"""The inspection checklists and the corrections library: the version in force as lists, and
a supervisor's new version typed as lines "CODE | text" (one box a type, the generic checklist,
the library)."""
from __future__ import annotations

from starlette.requests import Request

from db.rules import rule_book
from domain.checklist_edits import (
    CHECKLIST_TEXT_LIMIT, EDITOR_FIELD_READ, LIBRARY, LIBRARY_TEXT_LIMIT, checklist_fields,
    field_name, read_checklist_form
)
from domain.checklists import GENERIC, library_groups
from domain.rule_edits import CHECKLISTS
from web.city_clock import today
from web.staff.rules import editor_routes, taken, version_context
from web.templating import page

# A box a type, the generic one, the library and the date: a city's catalog stays far below.
MAX_FIELDS = 400


def _types() -> list[tuple[str, str]]:
    """(code, name) of every inspection type ever defined, by code."""
    return [(code, kind.name) for code, kind in sorted(rule_book.every_type().items())]


def _page(request: Request, account, errors: dict[str, str], typed: dict | None,
          status_code: int = 200):
    context = version_context(request, CHECKLISTS, account)
    types = _types()
    book = context["shown"].rules
    values = typed if typed is not None else checklist_fields(
        context["latest"].rules, [code for code, _ in types])
    return page(request, "staff/rules_checklists.html", status_code, **context, book=book,
                types=types, own=[(code, name, book.checklists[code]) for code, name in types
                                  if code in book.checklists],
                without=[(code, name) for code, name in types if code not in book.checklists],
                generic=book.checklists.get(GENERIC, ()), groups=library_groups(book.library),
                field_name=field_name, generic_field=field_name(GENERIC), library_field=LIBRARY,
                checklist_limit=CHECKLIST_TEXT_LIMIT, library_limit=LIBRARY_TEXT_LIMIT,
                values=values, errors=errors)


def _read(request: Request, form: dict):
    return read_checklist_form(form, [code for code, _ in _types()], today(request),
                               taken(CHECKLISTS))


routes = editor_routes(CHECKLISTS, _page, _read, max_fields=MAX_FIELDS,
                       save_name="save_inspection_checklists", max_field=EDITOR_FIELD_READ)
