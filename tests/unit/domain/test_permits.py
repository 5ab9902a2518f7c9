"""The permit status lifecycle and permit numbers."""
import pytest

from domain.outcomes import Accepted, Rejected
from domain.permits import (
    STATUS_EXPLANATIONS, TRANSITIONS, PermitNumber, PermitType, Status, changed_online_by,
    no_such_permit, transition
)

HAPPY_PATH = [Status.APPLIED, Status.IN_REVIEW, Status.APPROVED, Status.ISSUED, Status.FINALED]


def test_the_review_path_from_applied_to_finaled_is_legal_step_by_step():
    for current, target in zip(HAPPY_PATH, HAPPY_PATH[1:]):
        assert transition(current, target) == Accepted(target)


def test_an_over_the_counter_permit_goes_from_applied_straight_to_issued():
    assert transition(Status.APPLIED, Status.ISSUED) == Accepted(Status.ISSUED)


@pytest.mark.parametrize("current,target", [
    (Status.APPLIED, Status.FINALED),
    (Status.IN_REVIEW, Status.ISSUED),
    (Status.FINALED, Status.ISSUED),
    (Status.CANCELLED, Status.ISSUED),
    (Status.VOID, Status.APPLIED),
    (Status.ISSUED, Status.APPLIED),
    (Status.EXPIRED, Status.FINALED),
])
def test_illegal_transitions_are_refused_with_a_message_naming_both_statuses(current, target):
    outcome = transition(current, target)
    assert isinstance(outcome, Rejected)
    assert current.value in outcome.message and target.value in outcome.message


def test_a_status_never_transitions_to_itself():
    for status in Status:
        assert isinstance(transition(status, status), Rejected)


def test_cancelled_and_void_are_terminal_and_every_status_has_an_explanation():
    assert TRANSITIONS[Status.CANCELLED] == frozenset() == TRANSITIONS[Status.VOID]
    assert set(STATUS_EXPLANATIONS) == set(Status)


def test_permit_numbers_round_trip_and_accept_lower_case():
    number = PermitNumber.parse(" bld2026-00042 ")
    assert number == PermitNumber(PermitType.BUILDING, 2026, 42)
    assert str(number) == "BLD2026-00042"


@pytest.mark.parametrize("text", ["BLD2026-0042", "XYZ2026-00042", "BLD26-00042", "", "BLD2026"])
def test_malformed_permit_numbers_do_not_parse(text):
    assert PermitNumber.parse(text) is None


def test_a_permit_number_that_names_no_permit_is_said_so():
    assert no_such_permit("BLD2026-00042") == "There is no permit BLD2026-00042."


def test_the_history_names_an_applicant_or_payer_who_changed_the_status_online():
    assert changed_online_by("ada@example.org") == "web: ada@example.org"
