"""An inspection's calendar event is titled with its type and permit, and described by its
confirmation number when it has one."""
from domain.calendar_events import event_description, event_title


def test_the_event_title_names_the_inspection_and_its_permit():
    assert event_title("101", "Footing", "BLD2026-00042") == (
        "Inspection 101 Footing · BLD2026-00042")


def test_the_event_description_gives_the_confirmation_number_or_just_says_inspection():
    assert event_description("1234567") == "Confirmation number 1234567"
    assert event_description(None) == "Inspection"
    assert event_description("") == "Inspection"
