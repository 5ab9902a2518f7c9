"""What a page says after an action: one whole sentence per decision, status and outcome."""
from datetime import date

from domain.action_messages import (
    account_decided, account_not_waiting, assigned, conflict_decided, result_saved, review_decided
)
from domain.inspection_types import SCHEDULED
from domain.permits import Status
from domain.review_disciplines import Assignment


def test_a_decided_account_says_how_it_was_decided_and_a_pending_one_says_nothing():
    assert account_decided("ada@example.org", "verified") == (
        "The account of ada@example.org was approved; the applicant is being e-mailed.")
    assert account_decided("ada@example.org", "rejected") == (
        "The account of ada@example.org was rejected; the applicant is being e-mailed.")
    assert account_decided("ada@example.org", "pending") == ""


def test_a_decision_not_taken_says_why():
    assert account_not_waiting(7, None) == (
        "There is no account 7 waiting for a decision: nothing was decided.")
    assert account_not_waiting(7, "verified") == (
        "That account was already approved: nothing was changed.")
    assert account_not_waiting(7, "rejected") == (
        "That account was already rejected: nothing was changed.")


def test_an_assignment_and_a_plan_review_decision_say_where_things_stand():
    assert assigned("110", "Footing", "1 Main St", SCHEDULED, "Ada") == (
        "The 110 Footing inspection at 1 Main St is assigned to Ada.")
    assert assigned("110", "Footing", "1 Main St", SCHEDULED, None) == ""
    assert review_decided("BLD2026-00042", Status.APPROVED, False) == (
        "BLD2026-00042 is now Approved.")
    assert review_decided("BLD2026-00042", "In Review", False) == (
        "BLD2026-00042 is now In Review.")
    assert review_decided("BLD2026-00042", "Applied", True) == (
        "BLD2026-00042 was sent back: Corrections required. The applicant is being e-mailed "
        "every discipline's list.")
    building = Assignment(1, "building", None, "", 1, date(2027, 1, 7), "corrections", "A2")
    fire = Assignment(2, "fire", None, "", 1, date(2027, 1, 7), "", "")
    assert review_decided("BLD2026-00042", "In Review", False, "building", [building, fire]) == (
        "Building's decision on BLD2026-00042 is recorded: corrections required. The applicant "
        "hears when every discipline has decided (still reviewing: Fire).")


def test_a_kept_result_is_recorded_or_set_aside_and_an_inspector_reads_what_became_of_theirs():
    assert conflict_decided("110", "Footing", "BLD2026-00042", True, "Ada") == (
        "The 110 Footing result for BLD2026-00042 was recorded on the permit; Ada is being "
        "e-mailed.")
    assert conflict_decided("110", "Footing", "BLD2026-00042", False, "Ada") == (
        "The 110 Footing result for BLD2026-00042 was set aside; Ada is being e-mailed.")
    assert result_saved("110", "Footing", "1 Main St", SCHEDULED, None,
                        "The permit expired.", True) == (
        "Your 110 Footing result at 1 Main St was kept for a supervisor: the permit expired.")
    assert result_saved("110", "Footing", "1 Main St", SCHEDULED, None, None, True) == ""
