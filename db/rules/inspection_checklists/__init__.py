"""The inspection checklists and corrections library (db/rules/rule_book.py; the JSON file here
is the first version, domain.checklists reads it)."""
from __future__ import annotations

from datetime import date

from db.rules import rule_book
from domain.checklists import ChecklistBook, Item
from domain.rule_edits import CHECKLISTS


def checklists_on(day: date) -> ChecklistBook:
    """The checklists and library in force on ``day`` (the city's date); before the first
    version, the first: an inspection on a day before checklists (older data, imports) still
    opens and takes its result."""
    try:
        return rule_book.in_force(CHECKLISTS, day).rules
    except LookupError:
        return rule_book.versions(CHECKLISTS)[0].rules


def checklist_of(type_code: str, day: date) -> tuple[Item, ...]:
    """The checklist of an inspection of ``type_code`` on ``day``: the one a stop's form shows
    and its result is checked against."""
    return checklists_on(day).of(type_code)
