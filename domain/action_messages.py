"""What a page says after a staff member's or an inspector's action: written from what the
database holds after it, never from the form or the address bar, so it is true whoever loads
the page and however often."""
from __future__ import annotations

from collections.abc import Sequence

from domain.inspection_results import outcome_text
from domain.inspection_types import SCHEDULED
from domain.review_disciplines import DECISIONS

# One whole sentence per decision, per status and per outcome (message ids for gettext).
ACCOUNT_DECIDED = {
    "verified": "The account of {email} was approved; the applicant is being e-mailed.",
    "rejected": "The account of {email} was rejected; the applicant is being e-mailed.",
}
NO_ACCOUNT_WAITING = ("There is no account {account_id} waiting for a decision: nothing was "
                      "decided.")
ALREADY_DECIDED = {
    "verified": "That account was already approved: nothing was changed.",
    "rejected": "That account was already rejected: nothing was changed.",
    "pending": "That account was already pending: nothing was changed.",
}
ASSIGNED = "The {type_code} {type_name} inspection at {address} is assigned to {inspector}."
SENT_BACK = ("{number} was sent back: Corrections required. The applicant is being e-mailed "
             "every discipline's list.")
NOW_IN = {
    "Applied": "{number} is now Applied.",
    "In Review": "{number} is now In Review.",
    "Approved": "{number} is now Approved.",
    "Issued": "{number} is now Issued.",
    "Finaled": "{number} is now Finaled.",
    "Expired": "{number} is now Expired.",
    "Cancelled": "{number} is now Cancelled.",
    "Void": "{number} is now Void.",
}
CONFLICT_DECIDED = {
    True: ("The {type_code} {type_name} result for {permit_number} was recorded on the permit; "
           "{entered_by} is being e-mailed."),
    False: ("The {type_code} {type_name} result for {permit_number} was set aside; "
            "{entered_by} is being e-mailed."),
}
KEPT_FOR_SUPERVISOR = ("Your {type_code} {type_name} result at {address} was kept for a "
                       "supervisor: {reason}")
RESULT_RECORDED = "Recorded: {type_code} {type_name} at {address}, {outcome}."


def account_decided(email: str, verification: str) -> str:
    """After a decision on an account; "" when it is still waiting (nothing was decided)."""
    message = ACCOUNT_DECIDED.get(verification)
    return message.format(email=email) if message else ""


def account_not_waiting(account_id: int, verification: str | None) -> str:
    """Why a decision on an account was not taken: there is none, or it was decided."""
    if verification is None:
        return NO_ACCOUNT_WAITING.format(account_id=account_id)
    return ALREADY_DECIDED[verification]


def assigned(type_code: str, type_name: str, address: str, status: str,
             inspector: str | None) -> str:
    """After staff assigned an inspection: who has it now; "" unless it still waits for one."""
    if status != SCHEDULED or not inspector:
        return ""
    return ASSIGNED.format(type_code=type_code, type_name=type_name, address=address,
                           inspector=inspector)


DISCIPLINE_RECORDED = ("{discipline}'s decision on {number} is recorded: {decision}. The "
                       "applicant hears when every discipline has decided (still reviewing: "
                       "{still}).")


def review_decided(number: str, status: str, waiting_for_answer: bool, discipline: str = "",
                   current: Sequence = ()) -> str:
    """After a plan reviewer's decision: where the application stands now: sent back, a new
    status, or one discipline's decision waiting on the others'."""
    mine = next((a for a in current if a.discipline == discipline and not a.open), None)
    still = [a.title for a in current if a.open]
    if mine is not None and still:
        return DISCIPLINE_RECORDED.format(discipline=mine.title, number=number,
                                          decision=DECISIONS[mine.decision].lower(),
                                          still=", ".join(still))
    return (SENT_BACK if waiting_for_answer else NOW_IN[status]).format(number=number)


def conflict_decided(type_code: str, type_name: str, permit_number: str, recorded: bool,
                     entered_by: str) -> str:
    """After a supervisor recorded or set aside a kept result."""
    return CONFLICT_DECIDED[recorded].format(type_code=type_code, type_name=type_name,
                                             permit_number=permit_number, entered_by=entered_by)


def result_saved(type_code: str, type_name: str, address: str, status: str,
                 result: str | None, kept_reason: str | None, credited_to_them: bool) -> str:
    """After an inspector sent a result: kept for a supervisor (and why), or recorded and
    credited to them; "" when neither is so (nothing of theirs to report)."""
    if kept_reason is not None:
        return KEPT_FOR_SUPERVISOR.format(type_code=type_code, type_name=type_name,
                                          address=address, reason=clause(kept_reason))
    if status == SCHEDULED or not credited_to_them:
        return ""
    return RESULT_RECORDED.format(type_code=type_code, type_name=type_name, address=address,
                                  outcome=outcome_text(status, result))


def clause(sentence: str) -> str:
    """A sentence continued after a colon: its capital lowered, unless it opens an acronym
    ("PIN")."""
    if sentence[:2].isupper() or not sentence[:1].isupper():
        return sentence
    return sentence[:1].lower() + sentence[1:]
