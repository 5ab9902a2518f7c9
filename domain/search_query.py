"""Understanding the one search box: permit numbers, addresses, APNs, licenses or words."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Mapping

from domain.addresses import AddressQuery, normalize_apn, parse_address
from domain.dates import date_or_none
from domain.numbers import whole_or_none
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType, Status
from domain.typed_permit_numbers import read_typed_number

MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MAX_QUERY_LENGTH = 200
MAX_PAGE = 400
PAGE_SIZE = 25
# Between the result pages' links; past the count cap the number of pages is not known.
PAGE_OF = "Page {page} of {pages:,}"
PAGE_ONLY = "Page {page}"

WORD = re.compile(r"[^\W_]+", re.UNICODE)


class QueryKind(str, Enum):
    EVERYTHING = "everything"
    PERMIT_NUMBER = "permit number"
    PERMIT_NUMBER_PREFIX = "permit number prefix"
    APN = "parcel number"
    ADDRESS = "address"
    DIGITS = "license or house number"
    WORDS = "words"


@dataclass(frozen=True)
class ParsedQuery:
    kind: QueryKind
    text: str = ""
    words: tuple[str, ...] = ()
    address: AddressQuery | None = None
    notice: str | None = None
    # A prefix that also names a whole permit (ELE2026-356 is ELE2026-00356): that permit
    # alone is the answer when it exists (domain.typed_permit_numbers).
    exact: str | None = None


def parse_query(raw: str) -> ParsedQuery:
    """Classify what was typed; never fails — unusable input becomes a notice."""
    text = " ".join(raw.split())
    notice = None
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        notice = f"Only the first {MAX_QUERY_LENGTH} characters were used."
    if not text:
        return ParsedQuery(QueryKind.EVERYTHING)
    typed = read_typed_number(text)
    if typed and typed.prefix is None:
        return ParsedQuery(QueryKind.PERMIT_NUMBER, typed.exact or "")
    if typed:
        return ParsedQuery(QueryKind.PERMIT_NUMBER_PREFIX, typed.prefix or "", exact=typed.exact)
    apn = normalize_apn(text)
    if apn:
        return ParsedQuery(QueryKind.APN, apn)
    if text.isascii() and text.isdigit() and len(text) <= 8:
        return ParsedQuery(QueryKind.DIGITS, text)
    address = parse_address(text)
    words = tuple(w.lower()[:MAX_WORD_LENGTH] for w in WORD.findall(text))
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
        notice = f"Only the first {MAX_WORDS} words were used."
    if address:
        return ParsedQuery(QueryKind.ADDRESS, text, words, address, notice)
    if not words:
        return ParsedQuery(
            QueryKind.WORDS, text, (),
            notice="Type letters or numbers: a permit number, an address, a parcel number, "
                   "a contractor or words from the description of work.",
        )
    return ParsedQuery(QueryKind.WORDS, text, words, notice=notice)


class DateField(str, Enum):
    APPLIED = "applied"
    ISSUED = "issued"


@dataclass(frozen=True)
class PermitSearch:
    query: ParsedQuery
    permit_type: PermitType | None = None
    status: Status | None = None
    date_field: DateField = DateField.APPLIED
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    form: dict[str, str] = field(default_factory=dict)

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


def _enum(value: str, enum: type[Enum], name: str, errors: dict[str, str]):
    if not value:
        return None
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum)
        errors[name] = f"“{value[:40]}” is not a {name.replace('_', ' ')}; choose one of {allowed}."
        return None


def _date(value: str, name: str, errors: dict[str, str]) -> date | None:
    if not value:
        return None
    day = date_or_none(value)
    if day is None:
        errors[name] = f"“{value[:40]}” is not a date; write it as YYYY-MM-DD, e.g. 2026-11-26."
    return day


def parse_page(text: str) -> int | None:
    """A page number from 1 to MAX_PAGE (domain.numbers: str.isdigit accepts "²")."""
    return whole_or_none(text, least=1, most=MAX_PAGE) if text else 1


def parse_search(params: Mapping[str, str]) -> Accepted[PermitSearch] | Rejected:
    """Validate the search form's query parameters; errors are keyed by field name."""
    errors: dict[str, str] = {}
    form = {k: params.get(k, "") for k in ("q", "type", "status", "dates", "from", "to", "page")}
    permit_type = _enum(form["type"], PermitType, "type", errors)
    status = _enum(form["status"], Status, "status", errors)
    date_field = _enum(form["dates"], DateField, "dates", errors) or DateField.APPLIED
    date_from = _date(form["from"], "from", errors)
    date_to = _date(form["to"], "to", errors)
    if date_from and date_to and date_from > date_to:
        errors["to"] = "The end date must be on or after the start date."
    page = parse_page(form["page"])
    if page is None:
        errors["page"] = f"The page must be a whole number from 1 to {MAX_PAGE}."
    if errors or page is None:
        return Rejected(errors)
    return Accepted(PermitSearch(
        parse_query(form["q"]), permit_type, status, date_field, date_from, date_to, page, form,
    ))


def page_status(page: int, pages: int, capped: bool) -> str:
    """Where the results are: "Page 2 of 9", or "Page 2" when the count is capped."""
    return PAGE_ONLY.format(page=page) if capped else PAGE_OF.format(page=page, pages=pages)
