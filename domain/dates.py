"""Dates written out for people ("Tuesday 1 December 2026", GOV.UK and USWDS style) and read."""
from __future__ import annotations

from datetime import date

# English names without strftime: it consults the C locale on every call (3 µs a date).
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(value: date | None) -> str:
    """Dates written out, as GOV.UK and USWDS advise: "Tuesday 1 December 2026"."""
    if not value:
        return "—"
    return f"{DAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]} {value.year}"


def short_date(value: date | None) -> str:
    return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}" if value else "—"


def day_of_month(value: date) -> str:
    """A date this year or next, written out without its year: "Tuesday 1 December"."""
    return f"{DAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]}"


def date_or_none(text: str) -> date | None:
    """The date a form's date field sent (YYYY-MM-DD), or None when the text is not one."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
