"""Recording an inspection's result, and what the result does to its permit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.inspection_types import (
    APPROVED, CANCELLED, COMPLETED, NEEDS_REINSPECTION, RESULTS, SCHEDULED, InspectionType,
)
from domain.outcomes import Accepted, Rejected
from domain.permit_life import extended_by_approval
from domain.permits import Status

NOTES_LIMIT = 2000


@dataclass(frozen=True)
class ResultEntry:
    result: str
    public_notes: str  # read by the permit's contacts
    private_notes: str  # kept for city staff and inspectors
    reinspection: bool


@dataclass(frozen=True)
class PermitEffect:
    expires_on: date | None
    finals: bool  # the permit moves to Finaled


def check_result(form: dict[str, str]) -> Accepted[ResultEntry] | Rejected:
    errors: dict[str, str] = {}
    result = form.get("result", "").strip()
    if result not in RESULTS:
        errors["result"] = "Choose the result."
    # Browsers send a line break as CRLF but count it as one character against maxlength.
    public = form.get("public_notes", "").replace("\r\n", "\n").strip()
    private = form.get("private_notes", "").replace("\r\n", "\n").strip()
    for name, text in (("public_notes", public), ("private_notes", private)):
        if len(text) > NOTES_LIMIT:
            errors[name] = f"Keep notes to {NOTES_LIMIT} characters; these have {len(text)}."
    if result in NEEDS_REINSPECTION and not public:
        errors["public_notes"] = ("Tell the contractor what to correct or why the inspection "
                                  "could not be done.")
    if errors:
        return Rejected(errors)
    # "Reinspection needed" is the inspector's call, but only a result that did not pass
    # can need one.
    reinspection = result in NEEDS_REINSPECTION and form.get("reinspection") == "yes"
    return Accepted(ResultEntry(result, public, private, reinspection))


def status_after(result: str) -> str:
    return CANCELLED if result == CANCELLED else COMPLETED


def effect_on_permit(kind: InspectionType | None, result: str, permit_status: str,
                     expires_on: date | None, inspected_on: date) -> PermitEffect:
    """An approval keeps the permit alive another 180 days (domain.permit_life); approving a
    final inspection finals an issued permit."""
    if result != APPROVED or permit_status != Status.ISSUED.value:
        return PermitEffect(expires_on, False)
    return PermitEffect(extended_by_approval(expires_on, inspected_on),
                        kind is not None and kind.final)


def conflict_reason(status: str, revision: int, seen_revision: int | None,
                    assigned_to: int | None, entered_by: int | None, staff: bool) -> str | None:
    """Why a result entered (perhaps offline, hours ago) no longer fits the inspection; None
    when it fits. Such a result is kept for a supervisor, never dropped (DESIGN §3)."""
    if status != SCHEDULED:
        return f"The inspection was already {status.lower()} when this result arrived."
    if seen_revision is not None and revision != seen_revision:
        return "The inspection was rescheduled or changed after the route was loaded."
    if not staff and assigned_to is not None and entered_by != assigned_to:
        return "The inspection was reassigned to another inspector."
    return None
