"""Cancelling or moving a scheduled inspection: whether its permit's contacts may still, why
not in the words they read, and the note a cancellation leaves for the city's records."""
from __future__ import annotations

from datetime import date, datetime

from domain.inspection_types import SCHEDULED
from domain.scheduling import SchedulingPolicy, may_still_change

ALREADY_DONE = "The {inspection} inspection is already {status}."
CHANGES_CLOSED = ("The {inspection} inspection can no longer be changed online: changes close "
                  "at {cutoff} on the inspection day. Call the inspection line.")
CANCELLED_BY = "Cancelled by {by}."


def change_refused(inspection: str, status: str, day: date | None, now: datetime,
                   policy: SchedulingPolicy) -> str | None:
    """Why the permit's contacts may not cancel or move the inspection now (it is no longer
    scheduled, or its day's cut-off has passed); None when they may."""
    if status != SCHEDULED:
        return ALREADY_DONE.format(inspection=inspection, status=status.lower())
    if may_still_change(day, now, policy):
        return None
    return CHANGES_CLOSED.format(inspection=inspection,
                                 cutoff=f"{policy.cancel_cutoff:%-I:%M %p}")


def cancelled_by(by: str) -> str:
    """The private note of a cancellation: who cancelled it (contacts do not read it)."""
    return CANCELLED_BY.format(by=by)
