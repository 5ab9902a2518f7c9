"""Recording an inspection's result, whether it may be recorded, and what it does to its
permit."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain.checklist_entries import checked_of, read_checklist, read_override
from domain.checklists import FAILED, CheckedItem, Item
from domain.inspection_types import (
    APPROVED, CANCELLED, COMPLETED, NEEDS_REINSPECTION, RESULTS, SCHEDULED, InspectionType
)
from domain.outcomes import Accepted, Rejected
from domain.permit_life import extended_by_approval
from domain.permits import Status
from domain.result_timing import entered_too_early, entry_time, not_yet

NOTES_LIMIT = 2000
# The comment on a permit's status history when approving its final inspection finals it.
FINALED_COMMENT = "Final inspection approved."
CONFLICT_NOTE_LIMIT = 500  # a supervisor's note on a result that arrived for a changed stop


@dataclass(frozen=True)
class ResultEntry:
    result: str
    public_notes: str  # read by the permit's contacts
    private_notes: str  # kept for city staff and inspectors
    reinspection: bool
    checklist: tuple[CheckedItem, ...] = ()  # the items marked; the failed are corrections
    override_reason: str = ""  # why the result is not the one the checklist gives


def entry_of(data: Mapping) -> ResultEntry:
    """A ResultEntry from its asdict() form (a result kept for a supervisor)."""
    return ResultEntry(**{**data, "checklist": checked_of(data.get("checklist", ()))})


@dataclass(frozen=True)
class PermitEffect:
    expires_on: date | None
    finals: bool  # the permit moves to Finaled


def check_result(form: dict[str, str], checklist: Sequence[Item] = ()
                 ) -> Accepted[ResultEntry] | Rejected:
    """The entry posted; ``checklist``: the items of the inspection type's checklist, whose
    marks give the result unless the inspector chooses another with a reason."""
    marked, errors = read_checklist(form, checklist)
    chosen = form.get("result", "").strip()
    result = chosen or marked.derived or ""
    reason, problems = read_override(form, result if result in RESULTS else "", marked.derived)
    errors.update(problems)
    if result not in RESULTS:
        errors["result"] = "Choose the result."
    # Browsers send a line break as CRLF but count it as one character against maxlength.
    public = form.get("public_notes", "").replace("\r\n", "\n").strip()
    private = form.get("private_notes", "").replace("\r\n", "\n").strip()
    for name, text in (("public_notes", public), ("private_notes", private)):
        if len(text) > NOTES_LIMIT:
            errors[name] = f"Keep notes to {NOTES_LIMIT} characters; these have {len(text)}."
    failed = any(i.state == FAILED for i in marked.checked)  # the corrections say what to do
    if result in NEEDS_REINSPECTION and not public and not failed:
        errors["public_notes"] = ("Tell the contractor what to correct or why the inspection "
                                  "could not be done.")
    if errors:
        return Rejected(errors)
    # "Reinspection needed" is the inspector's call, but only a result that did not pass
    # can need one.
    reinspection = result in NEEDS_REINSPECTION and form.get("reinspection") == "yes"
    return Accepted(ResultEntry(result, public, private, reinspection, marked.checked, reason))


@dataclass(frozen=True)
class Submission:
    entry: ResultEntry
    entered_at: datetime  # on the device, bounded by its receipt (domain.result_timing)


def check_submission(form: dict[str, str], received: datetime, checklist: Sequence[Item] = ()
                     ) -> Accepted[Submission] | Rejected:
    """A posted result and the time it was entered (``entered_at``, stamped by the page)."""
    checked = check_result(form, checklist)
    timed = entry_time(form.get("entered_at", ""), received)
    if isinstance(checked, Rejected) or isinstance(timed, Rejected):
        return Rejected({**getattr(timed, "errors", {}), **getattr(checked, "errors", {})})
    return Accepted(Submission(checked.value, timed.value))


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


@dataclass(frozen=True)
class InspectionState:
    """The inspection as the recording transaction found it, its row locked."""
    status: str
    revision: int
    day: date | None
    assigned_to: int | None


@dataclass(frozen=True)
class Arrival:
    """A result reaching its inspection: who entered it, the revision their page showed (None:
    nothing to compare, as when a supervisor records a kept result), the city's date it was
    entered on."""
    account_id: int | None
    staff: bool
    seen_revision: int | None
    entered_on: date


@dataclass(frozen=True)
class Kept:
    """The result no longer fits the inspection: kept for a supervisor (DESIGN §3)."""
    reason: str


def decide(inspection: InspectionState, arrival: Arrival, today: date) -> Kept | Rejected | None:
    """The one rule for recording a result, applied when it arrives, when a supervisor records
    a kept one, and to offer "Record it" only when that can succeed; None: record it. A result
    for an inspection whose day has not come is refused with that reason first, whatever
    became of the inspection: a conflict answer would tell the inspector it waits for a
    supervisor, who could not record it before that day either. A result for an inspection
    that changed since the route was loaded is then kept, never dropped (a result entered
    before a day the inspection was moved to is the move's doing); one entered before the
    inspection's day is refused with the reason (issue 14 §6)."""
    waits = not_yet(inspection.day, today)
    if waits:
        return Rejected({"result": waits})
    reason = conflict_reason(inspection.status, inspection.revision, arrival.seen_revision,
                             inspection.assigned_to, arrival.account_id, arrival.staff)
    if reason:
        return Kept(reason)
    early = entered_too_early(inspection.day, arrival.entered_on)
    return Rejected({"result": early}) if early else None


def outcome_text(status: str, result: str | None) -> str:
    """An inspection's status and result, each said once: "Completed: Approved", but
    "Cancelled" for a cancelled one, whose result is "Cancelled" too (issue 14 §6)."""
    if not result or result == status:
        return status
    return f"{status}: {result}"


def credited(status: str, inspector: str | None) -> str:
    """The inspector an inspection credits: the one who recorded its result; nobody for one
    that was not inspected (scheduled, or cancelled, whoever it was assigned to or whoever
    recorded "Cancelled")."""
    return (inspector or "") if status == COMPLETED else ""


def credit_text(status: str, inspector: str | None, approved_by: str = "") -> str:
    """Who inspected a completed inspection, and the supervisor who recorded it when it was
    kept for one; nothing for an inspection that was not inspected (cancelled, scheduled)."""
    name = credited(status, inspector)
    if not name:
        return ""
    if approved_by:
        return f"Inspected by {name}; recorded by {approved_by} after a supervisor's review"
    return f"Inspected by {name}"


# The one name each kind of note goes by: on the result form and wherever notes are shown.
CONTRACTOR_NOTES = "Notes for the contractor"
CITY_NOTES = "Notes for the city only"
WHY_CANCELLED = "Why it was cancelled"


def inspector_wrote(status: str, inspected: bool) -> bool:
    """Whether an inspection's notes are an inspector's. One cancelled without a result being
    entered (by its contractor, by staff, or with its permit: db/inspections/changes.py,
    db/lifecycle/expiry.py) holds the system's words on why, never an inspector's notes."""
    return status != CANCELLED or inspected


def notes_shown(status: str, inspected: bool, public_notes: str, private_notes: str
                ) -> tuple[tuple[str, str], ...]:
    """An inspection's notes, each under its one name; ``inspected``: a result was entered."""
    if inspector_wrote(status, inspected):
        pairs = ((CONTRACTOR_NOTES, public_notes), (CITY_NOTES, private_notes))
    else:
        pairs = ((WHY_CANCELLED, private_notes),)
    return tuple((label, text) for label, text in pairs if text)
