"""What a plan reviewer may decide, and what each decision needs."""
from __future__ import annotations

from domain.outcomes import Accepted, Rejected
from domain.plan_review import (
    CORRECTIONS, RESPONSE, Decision, check_decision, check_response, corrections_email,
    decision_refused, no_such_application, received_email, review_actions, waiting_for_answer
)


def test_corrections_need_their_list_and_other_decisions_may_go_without_comment():
    assert check_decision("corrections", " \n ", "building") == Rejected(
        {"comment": "List the corrections the applicant must make, one by one."})
    sent = check_decision("corrections", "  A2: egress window  \n S1: footing  ", "building")
    assert isinstance(sent, Accepted)
    assert (sent.value.action, sent.value.discipline, sent.value.body) == (
        "corrections", "building", "A2: egress window\n S1: footing")
    assert check_decision("approve", "", "planning").value.body == ""
    assert check_decision("approve", "Approved as corrected.", "fire").value.discipline == "fire"
    assert check_decision("start", "").value == Decision("start", "", "")
    assert check_decision("approve", "") == Rejected(
        {"decision": "Choose the discipline whose review this decides."})
    assert isinstance(check_decision("issue", ""), Rejected)
    assert isinstance(check_decision("corrections", "x" * 4001, "building"), Rejected)


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
    assert subject == "BLD2026-00042: corrections required"
    assert body == ("Corrections required: the plan reviewers of West Hollywood need these "
                    "corrections to BLD2026-00042 before the plans can be approved.\n\n"
                    "A2: egress window\nS1: footing\n\nMake them, attach the corrected plans, "
                    "answer each one and resubmit at "
                    "https://permits.example/plan-review/BLD2026-00042\n")


def test_the_received_e_mail_says_what_happens_next():
    subject, body = received_email("BLD2026-00042", "Residential Remodel", "1 Main St",
                                   "Thursday 7 January 2027", "Building, Planning",
                                   "West Hollywood", "https://p.example")
    assert subject == "BLD2026-00042: application received"
    assert "plan review (Building, Planning)" in body and "Thursday 7 January 2027" in body
    assert body.endswith("https://p.example/permits/BLD2026-00042\n")
    _, counter = received_email("PLM2026-00001", "Water Heater", "1 Main St", None, "",
                                "West Hollywood", "https://p.example")
    assert "needs no plan review: the permit is issued when its fees are paid" in counter
