"""Inspections booked, moved and cancelled by staff for a caller or a walk-in (issue 16 §3):
the same rules as the web, and a supervisor's override of the lead time or cut-off, with why."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from domain.inspection_changes import change_refused
from domain.inspection_types import SCHEDULED
from domain.outcomes import Accepted, Rejected
from domain.scheduling import SchedulingPolicy, may_still_change
from domain.typed_text import one_line

OVERRIDE_REASON_LIMIT = 300  # a sentence or two: the audit log's reason, not a memo
NOT_SUPERVISOR = "Only a supervisor may override the lead time or the cut-off."
NEED_REASON = "Say why the lead time or the cut-off is overridden: the audit log keeps it."
REASON_TOO_LONG = f"Keep the reason to {OVERRIDE_REASON_LIMIT} characters."
CLOSED_AT_COUNTER = ("Changes to this inspection closed at {cutoff} on its day: the inspector's "
                     "route is set.")
# The audit event's rule: which of the policy's limits the override set aside.
LEAD_TIME = "lead time and request cut-off"
CHANGE_CUTOFF = "change cut-off on the inspection day"


def check_override(asked: bool, typed: str, supervisor: bool) -> Accepted[str | None] | Rejected:
    """The override's reason when one is asked (None when not): only a supervisor's, and
    never without a reason (it is what the audit log says of the exception)."""
    if not asked:
        return Accepted(None)
    if not supervisor:
        return Rejected({"override_reason": NOT_SUPERVISOR})
    reason = one_line(typed)
    if not reason:
        return Rejected({"override_reason": NEED_REASON})
    if len(reason) > OVERRIDE_REASON_LIMIT:
        return Rejected({"override_reason": REASON_TOO_LONG})
    return Accepted(reason)


def overridden(policy: SchedulingPolicy) -> SchedulingPolicy:
    """The policy with its lead time and cut-offs set aside: bookable from today (a business
    day) through the horizon, changeable until the inspection day ends. The days' capacity
    still counts: a full day is raised on the board first, where it is seen."""
    return replace(policy, lead_business_days=0, request_cutoff=time.max, cancel_cutoff=time.max)


def booking_overrode(day: date, usual_dates: tuple[date, ...]) -> str | None:
    """The rule an override set aside for a booking on ``day``; None when the usual rules
    offered the day anyway (then nothing was overridden, and the log says nothing of it)."""
    return None if day in usual_dates else LEAD_TIME


def change_overrode(day: date | None, now: datetime, policy: SchedulingPolicy) -> str | None:
    """The rule an override set aside to move or cancel an inspection on ``day`` at ``now``
    under the usual ``policy``; None when its changes were still open."""
    return None if may_still_change(day, now, policy) else CHANGE_CUTOFF


def counter_refusal(inspection: str, status: str, day: date | None, now: datetime,
                    policy: SchedulingPolicy) -> str | None:
    """Why staff may not move or cancel the inspection under the usual rules (the web's
    refusal, said to staff rather than to a caller); None when they may."""
    refused = change_refused(inspection, status, day, now, policy)
    if refused is None or status != SCHEDULED:
        return refused
    return CLOSED_AT_COUNTER.format(cutoff=f"{policy.cancel_cutoff:%-I:%M %p}")


def same_caller(stored: tuple[str, str, str], form: dict[str, str]) -> bool:
    """Whether a request posted again is the one an inspection was just booked with (a
    double tap lands on it), not another caller's for the same inspection and day (which
    is refused as the web refuses it, keeping what was typed)."""
    name, phone, notes = stored

    def words(text: str) -> str:
        return one_line(text).casefold()

    def digits(text: str) -> str:
        return "".join(c for c in text if c.isascii() and c.isdigit())[-10:]
    return (words(form.get("contact_name", "")) == words(name)
            and digits(form.get("contact_phone", "")) == digits(phone)
            and words(form.get("notes", "")) == words(notes))
