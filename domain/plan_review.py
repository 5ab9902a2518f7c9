"""Plan review's decisions: what a reviewer may do to an application, and what each needs."""
from __future__ import annotations

from dataclasses import dataclass

from domain.outcomes import Accepted, Rejected
from domain.permits import Status

MAX_COMMENT = 4000
CORRECTIONS, RESPONSE, APPROVAL = "corrections", "response", "approval"


@dataclass(frozen=True)
class Decision:
    target: Status
    kind: str | None  # the comment it leaves, if any
    body: str


# A reviewer starts the review, approves the plans (the fees are then due; paying them issues
# the permit), or sends them back with the corrections to make. Sent back, the application is
# Applied again until the applicant answers and resubmits.
ACTIONS = {"start": (Status.IN_REVIEW, None), "approve": (Status.APPROVED, APPROVAL),
           "corrections": (Status.APPLIED, CORRECTIONS)}


def _text(value: str) -> str:
    return "\n".join(line.rstrip() for line in value.strip().splitlines())


def check_decision(action: str, comment: str) -> Accepted[Decision] | Rejected:
    if action not in ACTIONS:
        return Rejected({"decision": "Choose what to do with the application."})
    target, kind = ACTIONS[action]
    body = _text(comment)
    if action == "corrections" and not body:
        return Rejected({"comment": "List the corrections the applicant must make, one by one."})
    if len(body) > MAX_COMMENT:
        return Rejected({"comment": f"Keep the comments under {MAX_COMMENT:,} characters."})
    return Accepted(Decision(target, kind if body or kind == CORRECTIONS else None, body))


def check_response(text: str) -> Accepted[str] | Rejected:
    """The applicant's answer to the corrections, sent with the resubmission."""
    body = _text(text)
    if not body:
        return Rejected({"response": "Say how you made each correction."})
    if len(body) > MAX_COMMENT:
        return Rejected({"response": f"Keep your answer under {MAX_COMMENT:,} characters."})
    return Accepted(body)


def waiting_for_answer(status: str, last_kind: str | None) -> bool:
    """Sent back with corrections and not yet resubmitted."""
    return status == Status.APPLIED.value and last_kind == CORRECTIONS
