"""What a supervisor's decision on a kept result says: to the inspector who entered it (on
the route and by e-mail), and when it cannot be carried out (issue 14 §6)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.action_messages import clause
from domain.notifications import NoticeContext
from domain.result_timing import written

RECORDED = "Recorded. "
SET_ASIDE = "Set aside. "
# The decision as the audit log says it.
DECISION_IN_LOG = {True: "recorded", False: "set aside"}


@dataclass(frozen=True)
class KeptResult:
    """A result kept for a supervisor, as its notices name it."""
    permit_number: str
    type_code: str
    type_name: str
    day: date | None
    result: str
    reason: str


def named(kept: KeptResult) -> str:
    """"the 145 Re-roof Underlayment result (Approved) for permit BLD2026-00042 of Wednesday 2
    December 2026": enough to tell one kept result from another on a long queue."""
    on = f" of {written(kept.day)}" if kept.day else ""
    return (f"the {kept.type_code} {kept.type_name} result ({kept.result}) for permit "
            f"{kept.permit_number}{on}")


def cannot_record(kept: KeptResult, why: str) -> str:
    """A refusal of "Record it" names the kept result it is about; ``why`` is a sentence."""
    return (f"T{named(kept)[1:]} cannot be recorded: {clause(why)} Set it aside with a note "
            "instead.")


def refusal_shown(reason: str, refusal: str | None) -> str:
    """Why "Record it" is not offered on the queue, below the reason the result was kept:
    the reason is not said twice when it is also why it cannot be recorded."""
    if refusal is None:
        return ""
    if refusal == reason:
        return "So it cannot be recorded: set it aside with a note."
    return f"It cannot be recorded now: {clause(refusal)}"


def already_decided(kept: KeptResult, by: str) -> str:
    return f"T{named(kept)[1:]} was already decided by {by}."


def resolution(recorded: bool, note: str) -> str:
    """How a decision is kept (result_conflict.resolution): its word, then the note."""
    return (RECORDED if recorded else SET_ASIDE) + note


def was_recorded(resolution_text: str) -> bool:
    return resolution_text.startswith(RECORDED)


def note_of(resolution_text: str) -> str:
    for word in (RECORDED, SET_ASIDE):
        if resolution_text.startswith(word):
            return resolution_text[len(word):]
    return resolution_text


def decision_notice(kept: KeptResult, recorded: bool, supervisor: str, note: str,
                    context: NoticeContext) -> tuple[str, str]:
    """The e-mail to the inspector: what was decided and by whom. The supervisor's note is
    quoted as typed; no typed text goes into the subject."""
    outcome = "recorded" if recorded else "set aside"
    subject = (f"Your {kept.type_code} {kept.type_name} result for {kept.permit_number} was "
               f"{outcome}")
    lines = [f"{supervisor} reviewed {named(kept)}, which was kept for a supervisor: "
             f"{kept.reason}"]
    if recorded:
        lines.append("It is now recorded on the permit: you are credited as the inspector, "
                     f"with the time you entered it, and {supervisor} as the supervisor who "
                     "approved it.")
    else:
        lines.append("It was set aside: it is not on the permit's record. If the inspection "
                     "still has to be resulted, it is on the route of its day.")
    if note:
        lines.append(f"{supervisor}'s note, as typed:\n> " + "\n> ".join(note.splitlines()))
    lines.append(f"Your route: {context.base_url}/inspector")
    lines.append(f"You receive this because you entered this result on {context.city_name}'s "
                 "permit portal.")
    return subject, "\n\n".join(lines) + "\n"


# The supervisors' queue's lead, and where a page of it stands (issue 16 §1).
QUEUE_ONE = "1 result is waiting for a supervisor."
QUEUE_MANY = "{count:,} results are waiting for a supervisor, oldest first."
QUEUE_NONE = "No result is waiting for a supervisor."
QUEUE_SHOWN = "Results {first:,}–{last:,} of {total:,}"


def queue_lead(total: int) -> str:
    if total == 0:
        return QUEUE_NONE
    return QUEUE_ONE if total == 1 else QUEUE_MANY.format(count=total)


def queue_shown(first: int, last: int, total: int) -> str:
    return QUEUE_SHOWN.format(first=first, last=last, total=total)
