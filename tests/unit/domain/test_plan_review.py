"""What a plan reviewer may decide, and what each decision needs."""
from __future__ import annotations

from domain.outcomes import Accepted, Rejected
from domain.permits import Status
from domain.plan_review import (
    CORRECTIONS, RESPONSE, check_decision, check_response, corrections_email, decision_refused,
    no_such_application, review_actions, waiting_for_answer,
)


def test_corrections_need_their_list_and_other_decisions_may_go_without_comment():
    assert check_decision("corrections", " \n ") == Rejected(
        {"comment": "List the corrections the applicant must make, one by one."})
    sent = check_decision("corrections", "  A2: egress window  \n S1: footing  ")
    assert isinstance(sent, Accepted)
    assert (sent.value.target, sent.value.kind, sent.value.body) == (
        Status.APPLIED, CORRECTIONS, "A2: egress window\n S1: footing")
    assert check_decision("approve", "").value.kind is None, "no empty comment is kept"
    assert check_decision("approve", "Approved as corrected.").value.kind == "approval"
    assert check_decision("start", "").value.target is Status.IN_REVIEW
    assert isinstance(check_decision("issue", ""), Rejected)
    assert isinstance(check_decision("corrections", "x" * 4001), Rejected)


def test_an_answer_is_needed_and_only_an_application_sent_back_waits_for_one():
    assert isinstance(check_response("  "), Rejected)
    assert check_response(" Done: see A2. ").value == "Done: see A2."
    assert waiting_for_answer("Applied", CORRECTIONS)
    assert not waiting_for_answer("Applied", None), "a new application waits for staff"
    assert not waiting_for_answer("In Review", CORRECTIONS)


def test_a_reviewer_is_offered_only_what_the_application_can_take_now():
    addition = "Residential Addition"
    assert review_actions("Applied", addition, None) == ("start",)
    assert review_actions("Applied", addition, RESPONSE) == ("start",)
    assert review_actions("Applied", addition, CORRECTIONS) == (), "waiting for the applicant"
    assert review_actions("In Review", addition, RESPONSE) == ("approve", "corrections")
    assert review_actions("Approved", addition, None) == ()
    assert review_actions("Applied", "Re-roof", None) == (), "issued on payment"


def test_a_decision_not_offered_says_why_and_that_nothing_changed():
    waiting = decision_refused("start", "Applied", "Residential Addition", CORRECTIONS)
    assert waiting.message.startswith("Nothing was changed.")
    assert "waiting for the applicant" in waiting.message
    assert "cannot be approved" in decision_refused(
        "approve", "Applied", "Residential Addition", None).message
    assert "no plan review" in decision_refused("start", "Applied", "Re-roof", None).message
    assert decision_refused("approve", "In Review", "Residential Addition", None) is None


def test_an_application_number_that_names_none_is_said_so():
    assert no_such_application("BLD2026-00042") == "There is no application BLD2026-00042."


def test_the_corrections_e_mail_lists_them_and_links_to_the_answer_page():
    subject, body = corrections_email("BLD2026-00042", "A2: egress window\nS1: footing",
                                      "West Hollywood", "https://permits.example")
    assert subject == "BLD2026-00042: corrections requested"
    assert body == ("The plan reviewer of West Hollywood asks for corrections to BLD2026-00042:"
                    "\n\nA2: egress window\nS1: footing\n\nMake them, then answer and resubmit "
                    "at https://permits.example/plan-review/BLD2026-00042\n")
