"""A scheduled inspection can be changed online until the cut-off on its day; after it, or
once it is no longer scheduled, its contacts read why not."""
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from domain.inspection_changes import (
    PAYMENT_REVERSED, PERMIT_ENDED, PERMIT_EXPIRED, cancelled_because, cancelled_by,
    change_refused
)
from domain.inspection_types import CANCELLED, COMPLETED, SCHEDULED
from domain.permits import Status
from domain.scheduling import SchedulingPolicy

LA = ZoneInfo("America/Los_Angeles")
POLICY = SchedulingPolicy(
    effective=date(2026, 1, 1), timezone="America/Los_Angeles", request_cutoff=time(15, 0),
    lead_business_days=1, horizon_days=14, default_capacity=10, cancel_cutoff=time(7, 0),
)
DAY = date(2026, 12, 1)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LA).astimezone(timezone.utc)


def test_a_scheduled_inspection_may_change_before_the_cutoff_on_its_day():
    assert change_refused("Footing", SCHEDULED, DAY, at(6, 59), POLICY) is None


def test_after_the_cutoff_the_contacts_are_told_when_changes_closed_and_whom_to_call():
    assert change_refused("Footing", SCHEDULED, DAY, at(7, 0), POLICY) == (
        "The Footing inspection can no longer be changed online: changes close at 7:00 AM on "
        "the inspection day. Call the inspection line.")


def test_an_inspection_no_longer_scheduled_says_what_it_already_is():
    assert change_refused("Footing", CANCELLED, DAY, at(6), POLICY) == (
        "The Footing inspection is already cancelled.")
    assert change_refused("Final", COMPLETED, None, at(6), POLICY) == (
        "The Final inspection is already completed.")


def test_a_cancellation_notes_who_cancelled_it():
    assert cancelled_by("Ana (phone line)") == "Cancelled by Ana (phone line)."


def test_an_inspection_cancelled_with_its_permit_says_why_in_one_whole_reason_per_cause():
    assert cancelled_because(PERMIT_EXPIRED) == "Cancelled: the permit expired."
    assert cancelled_because(PAYMENT_REVERSED["voided"]) == (
        "Cancelled: the payment that issued the permit was voided.")
    assert cancelled_because(PAYMENT_REVERSED["refunded"]) == (
        "Cancelled: the payment that issued the permit was refunded.")
    assert cancelled_because(PERMIT_ENDED[Status.CANCELLED]) == (
        "Cancelled: the permit was cancelled.")
    assert cancelled_because(PERMIT_ENDED[Status.VOID]) == "Cancelled: the permit was void."
