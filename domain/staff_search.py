"""The staff search box (issue 16 §1): what was typed, which groups answer it, their words."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from domain.accounts import normalize_phone
from domain.email_addresses import check_email, normalize_email
from domain.numbers import id_or_none
from domain.search_query import MAX_WORDS, ParsedQuery, QueryKind, parse_query
from domain.typed_text import as_written

# The overview shows this many of each group; a group's own pages show PAGE_SIZE.
OVERVIEW_SIZE = 5
PAGE_SIZE = 25
# A confirmation number is seven digits (domain.phone_script.CONFIRMATION_PROMPT).
CONFIRMATION_DIGITS = 7
# People are matched by their name's start, from a first name and the start of a last name
# ("Rafael Z"): a first name alone starts thousands of the contacts on a million permits, and
# one word is searched in the permits' words (contractors' names) and the accounts already.
NAME_WORDS_LEAST = 2
NAME_LIMIT = 120  # the contacts' name column
# A phone number written as one: (323) 555-0142, 323-555-0142, 323.555.0142, +1 323 555 0142.
PHONE_WRITTEN = re.compile(r"^(\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}$", re.ASCII)

TYPE_SOMETHING = ("Type a permit or application number, an address, a parcel number, a name, "
                  "a company, a license number, a phone number or an e-mail address.")
# The search page's hint under its box.
HOW_TO = ("Numbers can be written with or without hyphens (BLD-2026-00865, BLD202600865). "
          "Find a person by e-mail, phone, or first name and the start of the last name "
          "(Maria Lo).")
NOTHING_FOUND = "Nothing matches “{q}”."
NOT_A_GROUP = "Choose permits, applications, accounts or inspections."


class Group(str, Enum):
    PERMITS = "permits"
    APPLICATIONS = "applications"
    ACCOUNTS = "accounts"
    INSPECTIONS = "inspections"

    @property
    def heading(self) -> str:
        return HEADINGS[self]

    @property
    def more(self) -> str:
        return MORE[self]


HEADINGS = {
    Group.PERMITS: "Permits",
    Group.APPLICATIONS: "Applications in plan review",
    Group.ACCOUNTS: "Accounts",
    Group.INSPECTIONS: "Inspections",
}
MORE = {
    Group.PERMITS: "All matching permits",
    Group.APPLICATIONS: "All matching applications",
    Group.ACCOUNTS: "All matching accounts",
    Group.INSPECTIONS: "All matching inspections",
}
# Why a group can be empty although the query is fine: inspections are looked up only by
# something that names few permits (a number, an address, a parcel, a person's phone or
# e-mail, a confirmation number), never by words that can match half the city.
# A person's inspections are those of their newest permits: a contractor's office is a
# contact of 45,000 permits (135,000 inspections) in the benchmark's million, and the one a
# caller asks about is recent; older ones are a search by permit number or address away.
PERSON_PERMITS = 50
PERSON_INSPECTIONS = "The inspections of this person's {count} newest permits."
INSPECTIONS_HOW = ("Inspections are found by permit number, address, parcel number, "
                   "confirmation number, phone number or e-mail address.")


@dataclass(frozen=True)
class StaffQuery:
    """What the box holds, read every way staff use it. ``permits`` is the public search's
    reading (numbers, addresses, parcels, licenses, words); ``email``, ``phone`` and
    ``name`` are the people's ways in."""
    text: str
    permits: ParsedQuery
    email: str | None = None
    phone: str | None = None
    name: str | None = None  # as typed, matched from the start of a person's name
    confirmation: str | None = None

    @property
    def empty(self) -> bool:
        return self.permits.kind is QueryKind.EVERYTHING

    @property
    def names_few_permits(self) -> bool:
        """Whether the query names a handful of permits (so their inspections can be listed)."""
        return bool(self.email or self.phone or self.confirmation or self.permits.exact
                    ) or self.permits.kind in (
            QueryKind.PERMIT_NUMBER, QueryKind.APN, QueryKind.ADDRESS)


def read_staff_query(raw: str) -> StaffQuery:
    """Every reading of the box at once; never fails (an unusable text finds nothing)."""
    raw = as_written(raw)  # no control or invisible character is searched or shown again
    permits = parse_query(raw)
    text = permits.text if permits.kind is QueryKind.WORDS else " ".join(raw.split())[:200]
    email = normalize_email(text) if "@" in text and check_email(text) is None else None
    # Ten digits alone are a parcel number (5529013003); written as a phone, a phone.
    phone = normalize_phone(text) if any(c.isdigit() for c in text) and (
        permits.kind is not QueryKind.APN or PHONE_WRITTEN.match(text)) else None
    digits = re.sub(r"[\s-]", "", text)  # "700 0123", "700-0123"
    confirmation = digits if (digits.isascii() and digits.isdigit()
                              and len(digits) == CONFIRMATION_DIGITS) else None
    name = None
    typed_words = text.split()[:MAX_WORDS]
    if (permits.kind is QueryKind.WORDS and len(typed_words) >= NAME_WORDS_LEAST
            and not (email or phone)):  # an address's or number's pieces are no name
        # As typed, hyphens and apostrophes too ("Mary-Jane O'N"): the database folds case
        # as it folds the names (db/permits/finding.py).
        name = " ".join(typed_words)[:NAME_LIMIT]
    return StaffQuery(text, permits, email, phone, name, confirmation)


@dataclass(frozen=True)
class StaffSearch:
    """One search as asked: the query, one group's pages or all groups, and where the page
    starts (after the row with this id, in the group's own order)."""
    query: StaffQuery
    group: Group | None = None
    after: int | None = None

    @property
    def size(self) -> int:
        return PAGE_SIZE if self.group else OVERVIEW_SIZE


def read_staff_search(params: Mapping[str, str]) -> StaffSearch | str:
    """The search as asked, or why the group is not one (a cursor that is not an id starts
    at the first page: it is only ever made by our own links)."""
    query = read_staff_query(params.get("q", ""))
    group_text = params.get("group", "").strip()
    group = None
    if group_text and not query.empty:  # nothing typed: the box alone, whatever the address
        try:
            group = Group(group_text)
        except ValueError:
            return NOT_A_GROUP
    after = id_or_none(params.get("after", "")) if group else None
    return StaffSearch(query, group, after)


def nothing_found(query: StaffQuery) -> str:
    return NOTHING_FOUND.format(q=query.text[:80])
