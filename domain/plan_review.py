"""Plan review's decisions: what a reviewer may do to an application, and what each needs."""
from __future__ import annotations

from dataclasses import dataclass

from domain.outcomes import Accepted, Rejected
from domain.permits import Status
from domain.subtypes import SUBTYPES

MAX_COMMENT = 4000
CORRECTIONS, RESPONSE, APPROVAL = "corrections", "response", "approval"


@dataclass(frozen=True)
class Decision:
    action: str  # start, approve or corrections
    discipline: str  # whose decision (approve and corrections)
    body: str


# A reviewer starts the review; then each discipline approves its part of the plans or asks
# for corrections. When the last discipline of a round has decided, the application is
# approved (the fees are then due; paying them issues the permit) if all approved, else sent
# back with every discipline's corrections in one letter: Applied again, "Corrections
# required", until the applicant answers and resubmits.
ACTIONS = {"start": None, "approve": APPROVAL, "corrections": CORRECTIONS}


REVIEWED = frozenset(s.name for s in SUBTYPES if s.plan_review)
VERBS = {"start": "started", "approve": "approved", "corrections": "sent back with corrections"}


def review_actions(status: str, subtype: str, last_kind: str | None) -> tuple[str, ...]:
    """What a reviewer may do to the application now: the buttons the review page shows, and
    the only decisions accepted, however posted (issue 14 §6). Work without plan review is
    issued on payment; an application sent back waits for the applicant's answer."""
    if subtype not in REVIEWED:
        return ()
    if status == Status.APPLIED.value and not waiting_for_answer(status, last_kind):
        return ("start",)
    if status == Status.IN_REVIEW.value:
        return ("approve", "corrections")
    return ()


def decision_refused(action: str, status: str, subtype: str, last_kind: str | None
                     ) -> Rejected | None:
    """Why ``action`` cannot be taken now (the application changed, or the decision was
    never offered); None when it can."""
    if action in review_actions(status, subtype, last_kind):
        return None
    if subtype not in REVIEWED:
        why = f"{subtype} work has no plan review: it is issued when its fees are paid."
    elif waiting_for_answer(status, last_kind):
        why = ("It is waiting for the applicant to answer the corrections: the review goes on "
               "when they resubmit.")
    else:
        why = f"An application that is {status} cannot be {VERBS.get(action, 'changed')}."
    return Rejected({"decision": f"Nothing was changed. {why}"})


def _text(value: str) -> str:
    return "\n".join(line.rstrip() for line in value.strip().splitlines())


def check_decision(action: str, comment: str, discipline: str = ""
                   ) -> Accepted[Decision] | Rejected:
    """Every problem at once: the choice, and comments too long or missing."""
    errors, body = {}, _text(comment)
    if action not in ACTIONS:
        errors["decision"] = "Choose what to do with the application."
    elif ACTIONS[action] and not discipline:
        errors["decision"] = "Choose the discipline whose review this decides."
    if len(body) > MAX_COMMENT:
        errors["comment"] = f"Keep the comments to {MAX_COMMENT:,} characters."
    elif action == "corrections" and not body:
        errors["comment"] = "List the corrections the applicant must make, one by one."
    elif action in ACTIONS and body and ACTIONS[action] is None:
        # Starting the review leaves no comment: one typed then is refused, never dropped.
        errors["comment"] = ("Starting the review sends no comment to the applicant: keep it "
                             "for the approval or the corrections, or clear the box.")
    if errors:
        return Rejected(errors)
    return Accepted(Decision(action, discipline if ACTIONS[action] else "", body))


def check_response(text: str) -> Accepted[str] | Rejected:
    """The applicant's answer to the corrections, sent with the resubmission."""
    body = _text(text)
    if not body:
        return Rejected({"response": "Say how you made each correction."})
    if len(body) > MAX_COMMENT:
        return Rejected({"response": f"Keep your answer to {MAX_COMMENT:,} characters."})
    return Accepted(body)


def waiting_for_answer(status: str, last_kind: str | None) -> bool:
    """Sent back with corrections and not yet resubmitted."""
    return status == Status.APPLIED.value and last_kind == CORRECTIONS


# What the applicant reads while the plans are back with them (issue 16 §2): not "Applied",
# which reads as waiting for the city.
CORRECTIONS_STATUS = "Corrections required"
CORRECTIONS_EXPLANATION = ("The plan reviewers need corrections before the plans can be "
                           "approved: answer each one and resubmit with the corrected plans. The "
                           "city's review clock is stopped until then.")
# The comments on the status history: a reviewer's decision, the applicant's resubmission.
DECIDED_COMMENT = "Plan review"
RESUBMITTED_COMMENT = "Resubmitted with corrections"
NO_SUCH_APPLICATION = "There is no application {number}."
NOT_WAITING_FOR_CORRECTIONS = "This application is not waiting for corrections."
CORRECTIONS_SUBJECT = "{number}: corrections required"
RECEIVED_SUBJECT = "{number}: application received"
RECEIVED_REVIEWED = ("{city} received your application {number} for {subtype} at {address}.\n\n"
                     "Its plans go to plan review ({disciplines}); the first review is due by "
                     "{due}. You will get an e-mail when the city approves the plans or asks "
                     "for corrections.\n\nFollow it at {link}\n")
RECEIVED_COUNTER = ("{city} received your application {number} for {subtype} at {address}.\n\n"
                    "{subtype} work needs no plan review: the permit is issued when its fees "
                    "are paid.\n\nPay and follow it at {link}\n")
CORRECTIONS_BODY = ("Corrections required: the plan reviewers of {city} need these corrections "
                    "to {number} before the plans can be approved.\n\n{corrections}\n\n"
                    "Make them, attach the corrected plans, answer each one and resubmit at "
                    "{address}\n")


def no_such_application(number: str) -> str:
    return NO_SUCH_APPLICATION.format(number=number)


def received_email(number: str, subtype: str, address: str, due: str | None,
                   disciplines: str, city: str, base_url: str) -> tuple[str, str]:
    """The e-mail an applicant gets when an application is received (issue 16 §2)."""
    words = dict(city=city, number=number, subtype=subtype, address=address, due=due,
                 disciplines=disciplines, link=f"{base_url}/permits/{number}")
    body = RECEIVED_REVIEWED if due else RECEIVED_COUNTER
    return RECEIVED_SUBJECT.format(number=number), body.format(**words)


def corrections_email(number: str, corrections: str, city: str, base_url: str
                      ) -> tuple[str, str]:
    """The subject and plain-text body of the corrections list e-mailed to the people acting
    for the permit."""
    return (CORRECTIONS_SUBJECT.format(number=number),
            CORRECTIONS_BODY.format(city=city, number=number, corrections=corrections,
                                    address=f"{base_url}/plan-review/{number}"))
