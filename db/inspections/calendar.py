"""Inspections as iCalendar events (RFC 5545): e-mail attachments and contractors' feeds."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlparse

from icalendar import Calendar, Event

from db.tables import Inspection
from domain.addresses import full_address
from domain.calendar_events import CALENDAR_NAME, event_description, event_title

PRODUCT = "-//Permitline//Inspections//EN"


@dataclass(frozen=True)
class CalendarEntry:
    inspection_id: int
    permit_number: str
    location: str  # street, city, state and ZIP (domain.addresses.full_address)
    type_code: str
    type_name: str
    day: date
    confirmation: str | None
    cancelled: bool = False
    sequence: int = 0  # raised when the date moves, so calendars replace the event
    geo: tuple[float, float] | None = None  # the parcel's latitude and longitude


# The columns an inspection's event is placed with: map apps need the city and ZIP too.
PLACE = (Inspection.permit.site_address, Inspection.permit.parcel.city,
         Inspection.permit.parcel.state, Inspection.permit.parcel.zip_code,
         Inspection.permit.parcel.latitude, Inspection.permit.parcel.longitude)


def place_of(row: dict) -> str:
    return full_address(row["permit.site_address"], row["permit.parcel.city"],
                        row["permit.parcel.state"], row["permit.parcel.zip_code"])


def geo_of(row: dict) -> tuple[float, float] | None:
    latitude, longitude = row["permit.parcel.latitude"], row["permit.parcel.longitude"]
    return None if latitude is None or longitude is None else (latitude, longitude)


def calendar_host(base_url: str) -> str:
    """The host part of event UIDs, the same in e-mailed events and in feeds."""
    return urlparse(base_url).netloc or "permitline"


def calendar_text(entries: Iterable[CalendarEntry], host: str, now: datetime,
                  name: str = CALENDAR_NAME) -> str:
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
        event.add("summary", event_title(entry.type_code, entry.type_name,
                                         entry.permit_number))
        event.add("location", entry.location)
        if entry.geo is not None:
            event.add("geo", entry.geo)
        event.add("description", event_description(entry.confirmation))
        event.add("sequence", entry.sequence)
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode()
