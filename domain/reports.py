"""The public reports of permits issued and permits finaled (the seed portal's "reports for
building permits that have been issued and finaled"): what was asked, checked, and the monthly
chart's geometry."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from typing import Mapping

from domain.addresses import street_key
from domain.dates import date_or_none
from domain.numbers import whole_or_none
from domain.permits import PermitType, Status
from domain.subtypes import SUBTYPES

PAGE_SIZE = 50
MAX_PAGE = 400
MAX_YEARS = 10
MAX_STREET = 80


class ReportKind(str, Enum):
    ISSUED = "issued"
    FINALED = "finaled"

    @property
    def title(self) -> str:
        return "Permits issued" if self is ReportKind.ISSUED else "Permits finaled"


@dataclass(frozen=True)
class Report:
    kind: ReportKind
    start: date
    end: date
    permit_type: PermitType | None = None
    subtype: str = ""
    status: Status | None = None
    street: str = ""  # as typed; compared by street_key
    page: int = 1
    contractor_license: str | None = None  # a contractor's report of their own permits

    @property
    def street_key(self) -> str:
        return street_key(self.street) if self.street else ""

    def with_page(self, page: int) -> Report:
        return replace(self, page=page)


def default_range(today: date) -> tuple[date, date]:
    """The last twelve months, from the first of the month eleven months ago to today."""
    month = today.month - 11
    year = today.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1), today


def _day(text: str, label: str, fallback: date, errors: dict, field: str) -> date:
    if not text:
        return fallback
    day = date_or_none(text)
    if day is None:
        errors[field] = f"Enter the {label} date as a date, for example 2026-01-31."
    return day or fallback


def _member(enum: type[Enum], text: str, field: str, what: str, errors: dict):
    """The list's choice, or None (with a message when something else was sent)."""
    member = next((m for m in enum if m.value == text), None) if text else None
    if text and member is None:
        errors[field] = f"Choose {what} from the list."
    return member


def parse_report(params: Mapping[str, str], today: date) -> tuple[Report, dict[str, str]]:
    """The report asked for, and a message per field that could not be used (the field then
    falls back to its default, so a report is always shown)."""
    errors: dict[str, str] = {}
    kind_text = params.get("kind", ReportKind.ISSUED.value)
    kind = ReportKind(kind_text) if kind_text in {k.value for k in ReportKind} else None
    if kind is None:
        errors["kind"] = "Choose permits issued or permits finaled."
        kind = ReportKind.ISSUED
    first, last = default_range(today)
    start = _day(params.get("start", "").strip(), "first", first, errors, "start")
    end = _day(params.get("end", "").strip(), "last", last, errors, "end")
    if start > end:
        errors["end"] = "The last date must be on or after the first date."
        start, end = first, last
    elif end - start > timedelta(days=366 * MAX_YEARS):
        errors["start"] = f"A report covers at most {MAX_YEARS} years."
        start = end - timedelta(days=366 * MAX_YEARS)
    permit_type = _member(PermitType, params.get("type", ""), "type", "a permit type", errors)
    subtype = params.get("subtype", "")
    if subtype and subtype not in {s.name for s in SUBTYPES}:
        errors["subtype"] = "Choose a kind of work from the list."
        subtype = ""
    status = _member(Status, params.get("status", ""), "status", "a status", errors)
    street = " ".join(params.get("street", "").split())
    if len(street) > MAX_STREET:
        errors["street"] = f"A street name has at most {MAX_STREET} characters."
        street = street[:MAX_STREET]
    if street and not street_key(street):
        errors["street"] = "Type a street name, for example Sunset Blvd."
        street = ""
    page = whole_or_none(params.get("page", "1") or "1", least=1, most=MAX_PAGE)
    if page is None:
        errors["page"] = f"The page must be a whole number from 1 to {MAX_PAGE}."
        page = 1
    return Report(kind, start, end, permit_type, subtype, status, street, page), errors


def months(start: date, end: date) -> list[str]:
    """Every month the range touches, as YYYY-MM."""
    out, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@dataclass(frozen=True)
class Bar:
    month: str  # YYYY-MM
    count: int
    x: float
    y: float
    width: float
    height: float
    label: str  # shown under the bar: the month's initial, with the year in January


CHART_WIDTH, CHART_HEIGHT, AXIS = 640, 200, 24
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def month_name(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


def month_bars(counts: Mapping[str, int], start: date, end: date) -> list[Bar]:
    """One bar per month of the range (empty months too), scaled to the tallest."""
    shown = months(start, end)
    tallest = max([counts.get(m, 0) for m in shown] + [1])
    slot = CHART_WIDTH / len(shown)
    bars = []
    for i, month in enumerate(shown):
        count = counts.get(month, 0)
        height = (CHART_HEIGHT - AXIS) * count / tallest
        label = month[:4] if month.endswith("-01") or i == 0 else ""
        bars.append(Bar(month, count, round(i * slot + slot * 0.1, 1),
                        round(CHART_HEIGHT - AXIS - height, 1), round(slot * 0.8, 1),
                        round(height, 1), label))
    return bars
