"""What an inspection's event says in a contact's calendar app (an e-mailed event or the
feed): its title and description, message ids with named placeholders for gettext."""
from __future__ import annotations

CALENDAR_NAME = "Inspections"
EVENT_TITLE = "Inspection {code} {name} · {permit}"
EVENT_DESCRIPTION = "Confirmation number {confirmation}"
NO_CONFIRMATION = "Inspection"  # the description of one booked before confirmation numbers


def event_title(code: str, name: str, permit: str) -> str:
    return EVENT_TITLE.format(code=code, name=name, permit=permit)


def event_description(confirmation: str | None) -> str:
    return (EVENT_DESCRIPTION.format(confirmation=confirmation) if confirmation
            else NO_CONFIRMATION)
