"""Staff's reason for a decision on an account, and who the history says made a change."""
from domain.accounts import decision_reason, decision_reason_problem


def test_a_reason_is_one_line_without_what_nobody_can_see():
    assert decision_reason("  The license is\r\n another\u200b company's.\x1b ") == (
        "The license is another company's.")
    assert decision_reason("\u200b\u2060\x07") == ""


def test_a_rejection_needs_a_reason_of_at_most_a_thousand_characters():
    assert decision_reason_problem(False, "") == (
        "Tell the applicant why, in a sentence they can act on.")
    assert decision_reason_problem(True, "") is None
    assert decision_reason_problem(False, "x" * 1000) is None
    assert decision_reason_problem(False, "x" * 1001) == "Keep the reason to 1,000 characters."


def test_the_history_says_who_changed_a_permit_and_how():
    from domain.permits import changed_by_staff, changed_online_by

    assert changed_by_staff("Dana") == "staff: Dana"
    assert changed_online_by("Ana") == "web: Ana"
