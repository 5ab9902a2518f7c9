"""The checklists form: a supervisor's new version of every type's checklist and of the
corrections library, each typed as lines "CODE | text", read with the line of each problem."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import Any

from domain.checklists import (
    CODE_LIMIT, GENERIC, MAX_ITEMS, MAX_LIBRARY, TEXT_LIMIT, ChecklistBook, Item, item_problem,
    parse_checklists, with_ids
)
from domain.outcomes import Accepted, Rejected
from domain.rule_edits import read_back, read_effective
from domain.typed_text import one_line

SEPARATOR = " | "
LIBRARY = "library"
# A textarea's characters: its most lines at their longest.
CHECKLIST_TEXT_LIMIT = MAX_ITEMS * (CODE_LIMIT + len(SEPARATOR) + TEXT_LIMIT + 2)
LIBRARY_TEXT_LIMIT = MAX_LIBRARY * (CODE_LIMIT + len(SEPARATOR) + TEXT_LIMIT + 2)
# How much of each field the editor's form reads (web/forms.py cuts other forms' fields at
# 10,000): far beyond the limits, so that what is over one is kept in its box and its real
# length said, never cut off (second reader: 190,000 characters pasted came back cut).
EDITOR_FIELD_READ = 1_000_000
PROBLEMS_SHOWN = 3
EXAMPLE = "CRC R314 | Smoke alarms in each sleeping room"
NO_BAR = f"write the code section, a bar and the text, like “{EXAMPLE}”"
TOO_LONG = "Keep {what} to {limit:,} characters; it has {count:,}."
TOO_MANY = "Keep {what} to {most} lines; it has {count}."
MORE = "; and {count} more lines to correct"


def field_name(code: str) -> str:
    """The textarea of a type's checklist (or of the generic one, ``GENERIC``)."""
    return f"checklist-{code}"


def lines_of(items: Iterable[Item]) -> str:
    return "\n".join(f"{i.code}{SEPARATOR}{i.text}" for i in items)


def checklist_fields(book: ChecklistBook, type_codes: Iterable[str]) -> dict[str, str]:
    """The form filled in from ``book``, for the next version (the date left for the user)."""
    fields = {field_name(code): lines_of(book.checklists.get(code, ()))
              for code in (GENERIC, *type_codes)}
    fields[LIBRARY] = lines_of(book.library)
    return fields


def read_lines(text: str, what: str, most: int, limit: int
               ) -> tuple[tuple[Item, ...], str | None]:
    """The items typed one a line as "CODE | text" (blank lines skipped), or the problem with
    the numbers of the lines to correct."""
    text = text.replace("\r\n", "\n")
    if len(text) > limit:
        return (), TOO_LONG.format(what=what, limit=limit, count=len(text))
    pairs, problems = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        code, bar, rest = line.partition("|")
        # As every reason and caption is read: what nobody can see (a control character
        # pasted from a PDF) never reaches an inspector's phone or a contractor's e-mail.
        code, rest = one_line(code), one_line(rest)
        problem = item_problem(code, rest) if bar else NO_BAR
        if problem:
            problems.append(f"line {number}: {problem}")
        pairs.append((code, rest))
    if problems:
        shown = "; ".join(problems[:PROBLEMS_SHOWN])
        more = MORE.format(count=len(problems) - PROBLEMS_SHOWN) \
            if len(problems) > PROBLEMS_SHOWN else ""
        return (), f"{shown[0].upper()}{shown[1:]}{more}."
    if len(pairs) > most:
        return (), TOO_MANY.format(what=what, most=most, count=len(pairs))
    return with_ids(pairs), None


def _listed(items: Iterable[Item]) -> list[dict[str, str]]:
    return [{"id": i.id, "code": i.code, "text": i.text} for i in items]


def read_checklist_form(form: Mapping[str, str], type_codes: Iterable[str], today: date,
                        taken: Collection[date]) -> Accepted[dict[str, Any]] | Rejected:
    """The body of a new version: every type's checklist (a type left empty uses the generic
    one), the generic checklist and the library; or the problems beside each box."""
    errors: dict[str, str] = {}
    effective = read_effective(form.get("effective", ""), today, taken)
    if isinstance(effective, Rejected):
        errors.update(effective.errors)
    checklists = {}
    for code in (GENERIC, *type_codes):
        name = field_name(code)
        items, problem = read_lines(form.get(name, ""), "a checklist", MAX_ITEMS,
                                    CHECKLIST_TEXT_LIMIT)
        if problem:
            errors[name] = problem
        elif items:
            checklists[code] = _listed(items)
    library, problem = read_lines(form.get(LIBRARY, ""), "the library", MAX_LIBRARY,
                                  LIBRARY_TEXT_LIMIT)
    if problem:
        errors[LIBRARY] = problem
    if errors:
        return Rejected(errors)
    return read_back({"effective": effective.value.isoformat(), "checklists": checklists,
                      "library": _listed(library)}, parse_checklists)
