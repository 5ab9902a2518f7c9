"""Inspection checklists and the corrections library: a version of each type's items (each with
its code section), the standard comments inspectors add, and the result a checklist gives.

Checklists are rules with effective dates like the others (db/rules/rule_book.py); the first
version is db/rules/inspection_checklists. An item marked failed becomes a correction the
contractor receives, with the inspector's own words (domain/checklist_entries.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.inspection_types import APPROVED, CODE_DIGITS, CORRECTIONS

GENERIC = "generic"  # the checklist of a type without one of its own
CODE_LIMIT = 40  # "CRC R314", "CEC 210.8(A)", "T24 Part 1 10-103"
TEXT_LIMIT = 200
ID_LIMIT = 48
MAX_ITEMS = 16  # of one checklist: two fields each on the stop's form
MAX_LIBRARY = 80
PASSED, FAILED, NOT_APPLICABLE = "passed", "failed", "na"
STATES = {PASSED: "Passed", FAILED: "Failed", NOT_APPLICABLE: "N/A"}
WORDS_SUFFIX = "-words"  # the item's "your words" field: item-<id>-words
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_TYPE_CODE = re.compile(rf"\d{{{CODE_DIGITS}}}", re.ASCII)
# The code books, by the abbreviation a code section starts with, in the order the library
# lists them.
BOOKS = {
    "CRC": "California Residential Code", "CBC": "California Building Code",
    "CEBC": "California Existing Building Code", "CEC": "California Electrical Code",
    "CPC": "California Plumbing Code", "CMC": "California Mechanical Code",
    "CEnC": "California Energy Code", "CALGreen": "California Green Building Standards Code",
    "CFC": "California Fire Code", "T24": "Title 24, Part 1 (administration)",
    "HSC": "Health and Safety Code", "CCR": "California Code of Regulations",
}
OTHER_BOOK = "Other references"


@dataclass(frozen=True)
class Item:
    """One line of a checklist, or one standard comment of the library."""
    id: str  # unique in its list; names the item's fields on the stop's form
    code: str  # the code section, like "CRC R314"
    text: str


@dataclass(frozen=True)
class ChecklistBook:
    """The checklists of every inspection type (by code, and GENERIC) and the corrections
    library, in force from ``effective``."""
    effective: date
    checklists: Mapping[str, tuple[Item, ...]]
    library: tuple[Item, ...]

    def of(self, type_code: str) -> tuple[Item, ...]:
        """The type's own checklist, else the generic one."""
        return self.checklists.get(type_code) or self.checklists.get(GENERIC, ())


@dataclass(frozen=True)
class CheckedItem:
    """An item as the inspector marked it on a stop, kept with the inspection."""
    id: str
    code: str
    text: str
    state: str  # PASSED, FAILED or NOT_APPLICABLE
    words: str = ""  # the inspector's own, for the contractor


def slug(code: str) -> str:
    """An item's id from its code section: "CEC 210.8(A)" -> "cec-210-8-a"."""
    found = "-".join(re.findall(r"[a-z0-9]+", code.lower(), re.ASCII))[:ID_LIMIT - 8]
    found = found.strip("-") or "item"
    return f"{found}-item" if found.endswith(WORDS_SUFFIX) else found


def with_ids(pairs: Iterable[tuple[str, str]]) -> tuple[Item, ...]:
    """Items from (code, text), each id its code's slug, numbered from the second use on."""
    taken: set[str] = set()
    items = []
    for code, text in pairs:
        base = found = slug(code)
        number = 1
        while found in taken:  # "CRC R314" twice and a "CRC R314 2" stay three ids
            number += 1
            found = f"{base}-{number}"
        taken.add(found)
        items.append(Item(found, code, text))
    return tuple(items)


def item_problem(code: str, text: str) -> str | None:
    """What is wrong with one item's code section or text, in words for a supervisor."""
    if not code:
        return "the code section is missing"
    if len(code) > CODE_LIMIT:
        return f"keep the code section to {CODE_LIMIT} characters; it has {len(code)}"
    if "|" in code:
        return "a code section has no bar in it"
    if not text:
        return "the text is missing"
    if len(text) > TEXT_LIMIT:
        return f"keep the text to {TEXT_LIMIT} characters; it has {len(text)}"
    if any(c in code + text for c in "\r\n"):
        return "an item is one line"
    return None


def _items(data: Any, what: str, most: int) -> tuple[Item, ...]:
    if not isinstance(data, list) or len(data) > most:
        raise ValueError(f"{what}: a list of at most {most} items")
    items = []
    for entry in data:
        try:
            item = Item(str(entry["id"]), str(entry["code"]), str(entry["text"]))
        except (KeyError, TypeError) as error:
            raise ValueError(f"{what}: {error!r}") from error
        if not _ID.fullmatch(item.id) or len(item.id) > ID_LIMIT or \
                item.id.endswith(WORDS_SUFFIX):
            raise ValueError(f"{what}: {item.id!r} is not an item id")
        if problem := item_problem(item.code, item.text):
            raise ValueError(f"{what} {item.id}: {problem}")
        items.append(item)
    if len({i.id for i in items}) != len(items):
        raise ValueError(f"{what}: an item id is used twice")
    return tuple(items)


def parse_checklists(data: Mapping[str, Any]) -> ChecklistBook:
    """A version from its JSON form; ValueError names what is wrong."""
    try:
        effective = date.fromisoformat(data["effective"])
        lists = data["checklists"]
        library = data["library"]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"checklists: {error!r}") from error
    if not isinstance(lists, Mapping):
        raise ValueError("checklists: by inspection type code")
    checklists = {}
    for code, items in lists.items():
        if code != GENERIC and not _TYPE_CODE.fullmatch(str(code)):
            raise ValueError(f"checklists: {code!r} is not an inspection type code")
        checklists[str(code)] = _items(items, f"checklist {code}", MAX_ITEMS)
    return ChecklistBook(effective, checklists, _items(library, "library", MAX_LIBRARY))


def checklists_body(book: ChecklistBook) -> dict[str, Any]:
    """The JSON form ``parse_checklists`` reads."""
    def listed(items: Iterable[Item]) -> list[dict[str, str]]:
        return [{"id": i.id, "code": i.code, "text": i.text} for i in items]

    return {"effective": book.effective.isoformat(),
            "checklists": {code: listed(items) for code, items in book.checklists.items()},
            "library": listed(book.library)}


def derived_result(states: Sequence[str | None]) -> str | None:
    """The result a checklist gives (``states``: each item's mark, None when unmarked): any
    failed item, corrections; every item passed or not applicable, at least one passed,
    approved; otherwise none, and the inspector picks."""
    if FAILED in states:
        return CORRECTIONS
    if states and None not in states and PASSED in states:
        return APPROVED
    return None


def correction_line(item: CheckedItem) -> str:
    """What the contractor reads of a failed item: "CRC R314 — Smoke alarms: … Missing in
    bedroom 2." """
    text = item.text if item.text.endswith((".", "!", "?")) else f"{item.text}."
    return f"{item.code} — {text} {item.words}".strip()


def corrections(checked: Iterable[CheckedItem]) -> tuple[str, ...]:
    """The correction list: the failed items, in the checklist's order."""
    return tuple(correction_line(i) for i in checked if i.state == FAILED)


def book_of(code: str) -> str:
    """The code book a section belongs to, by its first word ("CRC R314": the CRC)."""
    first = code.split(maxsplit=1)[0] if code.split() else ""
    return f"{BOOKS[first]} ({first})" if first in BOOKS else OTHER_BOOK


def library_groups(library: Iterable[Item]) -> tuple[tuple[str, tuple[Item, ...]], ...]:
    """The library by code book, in the books' order, each book's comments by code section."""
    groups: dict[str, list[Item]] = {}
    for item in library:
        groups.setdefault(book_of(item.code), []).append(item)
    order = [f"{name} ({key})" for key, name in BOOKS.items()] + [OTHER_BOOK]
    return tuple((book, tuple(sorted(groups[book], key=lambda i: _section_key(i.code))))
                 for book in order if book in groups)


def _section_key(code: str) -> tuple:
    """"CRC R302.5.1" after "CRC R302.1" and before "CRC R314": numbers compared as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|[^\d\s.()]+", code.lower()))


def search(library: Iterable[Item], query: str) -> tuple[Item, ...]:
    """The comments holding every word of ``query`` in their code section or text, ignoring
    case ("smoke", "r314", "210.8 gfci"); every comment for an empty query. The stop's page
    filters the same way on the phone (static/js/corrections_library.js)."""
    words = query.lower().split()
    return tuple(i for i in library
                 if all(w in f"{i.code} {i.text}".lower() for w in words))
