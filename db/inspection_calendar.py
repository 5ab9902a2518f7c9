"""Inspections as iCalendar events (RFC 5545): e-mail attachments and contractors' feeds."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlparse

from icalendar import Calendar, Event

PRODUCT = "-//Permitline//Inspections//EN"


@dataclass(frozen=True)
class CalendarEntry:
    inspection_id: int
    permit_number: str
    site_address: str
    type_code: str
    type_name: str
    day: date
    confirmation: str | None
    cancelled: bool = False
    sequence: int = 0  # raised when the date moves, so calendars replace the event


def calendar_host(base_url: str) -> str:
    """The host part of event UIDs, the same in e-mailed events and in feeds."""
    return urlparse(base_url).netloc or "permitline"


def calendar_text(entries: Iterable[CalendarEntry], host: str, now: datetime,
                  name: str = "Inspections") -> str:
    """All-day events: the city schedules dates, not times. The UID stays the same for one
    inspection, so a moved or cancelled one replaces the event already in a calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", f"inspection-{entry.inspection_id}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", f"Inspection {entry.type_code} {entry.type_name} · "
                             f"{entry.permit_number}")
        event.add("location", entry.site_address)
        event.add("description", f"Confirmation number {entry.confirmation}"
                  if entry.confirmation else "Inspection")
        event.add("sequence", entry.sequence)
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode()
