"""What a page says after a staff member's or an inspector's action: written from what the
database holds after it, never from the form or the address bar, so it is true whoever loads
the page and however often."""
from __future__ import annotations

from domain.inspection_results import outcome_text
from domain.inspection_types import SCHEDULED

VERIFICATION_DONE = {"verified": "approved", "rejected": "rejected"}


def account_decided(email: str, verification: str) -> str:
    """After a decision on an account; "" when it is still waiting (nothing was decided)."""
    done = VERIFICATION_DONE.get(verification)
    if done is None:
        return ""
    return f"The account of {email} was {done}; the applicant is being e-mailed."


def account_not_waiting(account_id: int, verification: str | None) -> str:
    """Why a decision on an account was not taken: there is none, or it was decided."""
    if verification is None:
        return f"There is no account {account_id} waiting for a decision: nothing was decided."
    done = VERIFICATION_DONE.get(verification, verification)
    return f"That account was already {done}: nothing was changed."


def assigned(type_code: str, type_name: str, address: str, status: str,
             inspector: str | None) -> str:
    """After staff assigned an inspection: who has it now; "" unless it still waits for one."""
    if status != SCHEDULED or not inspector:
        return ""
    return f"The {type_code} {type_name} inspection at {address} is assigned to {inspector}."


def review_decided(number: str, status: str, waiting_for_answer: bool) -> str:
    """After a plan reviewer's decision: where the application stands now."""
    if waiting_for_answer:
        return (f"{number} was sent back with corrections: the applicant is being e-mailed "
                "the list.")
    return f"{number} is now {status}."


def conflict_decided(type_code: str, type_name: str, permit_number: str, recorded: bool,
                     entered_by: str) -> str:
    """After a supervisor recorded or set aside a kept result."""
    done = "recorded on the permit" if recorded else "set aside"
    return (f"The {type_code} {type_name} result for {permit_number} was {done}; "
            f"{entered_by} is being e-mailed.")


def result_saved(type_code: str, type_name: str, address: str, status: str,
                 result: str | None, kept_reason: str | None, credited_to_them: bool) -> str:
    """After an inspector sent a result: kept for a supervisor (and why), or recorded and
    credited to them; "" when neither is so (nothing of theirs to report)."""
    if kept_reason is not None:
        return (f"Your {type_code} {type_name} result at {address} was kept for a supervisor: "
                f"{clause(kept_reason)}")
    if status == SCHEDULED or not credited_to_them:
        return ""
    return (f"Recorded: {type_code} {type_name} at {address}, "
            f"{outcome_text(status, result)}.")


def clause(sentence: str) -> str:
    """A sentence continued after a colon: its capital lowered, unless it opens an acronym
    ("PIN")."""
    if sentence[:2].isupper() or not sentence[:1].isupper():
        return sentence
    return sentence[:1].lower() + sentence[1:]
