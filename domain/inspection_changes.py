"""Cancelling or moving a scheduled inspection: whether its permit's contacts may still, why
not in the words they read, and the note a cancellation leaves for the city's records."""
from __future__ import annotations

from datetime import date, datetime

from domain.inspection_types import SCHEDULED
from domain.permits import Status
from domain.scheduling import SchedulingPolicy, may_still_change

ALREADY_DONE = "The {inspection} inspection is already {status}."
CHANGES_CLOSED = ("The {inspection} inspection can no longer be changed online: changes close "
                  "at {cutoff} on the inspection day. Call the inspection line.")
CANCELLED_BY = "Cancelled by {by}."
# The private note on an inspection the permit's end cancelled, and the audit event's reason:
# one whole reason per cause (and per status), so each translates as a whole.
CANCELLED_BECAUSE = "Cancelled: {reason}."
PERMIT_EXPIRED = "the permit expired"
PAYMENT_REVERSED = {
    "voided": "the payment that issued the permit was voided",
    "refunded": "the payment that issued the permit was refunded",
}
PERMIT_ENDED = {
    Status.CANCELLED: "the permit was cancelled",
    Status.VOID: "the permit was void",
}


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


def cancelled_because(reason: str) -> str:
    """The private note of an inspection cancelled with its permit: why (PERMIT_EXPIRED, a
    PAYMENT_REVERSED or a PERMIT_ENDED reason)."""
    return CANCELLED_BECAUSE.format(reason=reason)
