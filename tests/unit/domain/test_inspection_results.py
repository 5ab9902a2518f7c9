"""A result is checked, may be recorded (or is kept, or refused), and an approval keeps the
permit alive or finals it."""
from dataclasses import replace
from datetime import date, datetime, timezone

from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.inspection_results import (
    Arrival, InspectionState, Kept, check_result, check_submission, credit_text, decide,
    effect_on_permit, notes_shown, outcome_text, status_after
)
from domain.outcomes import Accepted, Rejected

TYPES = FIRST_CATALOG.by_code


def test_a_result_needs_one_of_the_known_words():
    assert check_result({"result": "Passed"}).errors == {"result": "Choose the result."}


def test_a_failed_inspection_must_tell_the_contractor_why():
    refused = check_result({"result": "Corrections required", "public_notes": " "})
    assert isinstance(refused, Rejected) and "public_notes" in refused.errors
    accepted = check_result({"result": "Corrections required", "reinspection": "yes",
                             "public_notes": "Add hold-downs at the east wall",
                             "private_notes": "Owner disputes the plans"})
    assert accepted == Accepted(type(accepted.value)(
        "Corrections required", "Add hold-downs at the east wall", "Owner disputes the plans",
        True))


def test_an_approval_never_needs_a_reinspection_and_notes_have_a_limit():
    assert check_result({"result": "Approved", "reinspection": "yes"}).value.reinspection is False
    assert "private_notes" in check_result({"result": "Approved",
                                            "private_notes": "x" * 2001}).errors


def test_a_cancelled_result_cancels_and_others_complete():
    assert status_after("Cancelled") == "Cancelled"
    assert status_after("No access") == "Completed"


def test_an_approval_extends_the_permit_180_days_from_the_inspection_never_shortens_it():
    effect = effect_on_permit(TYPES["145"], "Approved", "Issued", date(2027, 1, 1),
                              date(2026, 12, 1))
    assert effect.expires_on == date(2027, 5, 30) and not effect.finals
    later = effect_on_permit(TYPES["145"], "Approved", "Issued", date(2027, 9, 1),
                             date(2026, 12, 1))
    assert later.expires_on == date(2027, 9, 1)


def test_only_an_approved_final_finals_an_issued_permit():
    assert effect_on_permit(TYPES["195"], "Approved", "Issued", None, date(2026, 12, 1)).finals
    assert not effect_on_permit(TYPES["195"], "Partial", "Issued", date(2027, 1, 1),
                                date(2026, 12, 1)).finals
    failed = effect_on_permit(TYPES["195"], "Corrections required", "Issued",
                              date(2027, 1, 1), date(2026, 12, 1))
    assert failed.expires_on == date(2027, 1, 1), "only an approval extends"


def test_line_breaks_count_once_as_the_browser_counted_them():
    typed = "Strap the heater.\r\n" * 110  # 1,980 characters in the textarea, 2,090 sent
    assert check_result({"result": "Partial", "public_notes": typed}).value.public_notes == (
        typed.replace("\r\n", "\n").strip())


# The one rule for recording a result (issue 14 §6), as it arrives and as a supervisor records it.
MONDAY, TUESDAY = date(2026, 12, 7), date(2026, 12, 8)
SCHEDULED_MONDAY = InspectionState("Scheduled", 3, MONDAY, 41)
ROSA = Arrival(41, staff=False, seen_revision=3, entered_on=MONDAY)


def test_a_result_on_its_day_by_its_inspector_is_recorded():
    assert decide(SCHEDULED_MONDAY, ROSA, MONDAY) is None
    assert decide(SCHEDULED_MONDAY, ROSA, TUESDAY) is None, "synced the next day"


def test_a_result_before_its_day_is_refused_with_the_reason():
    early = decide(SCHEDULED_MONDAY, ROSA, date(2026, 12, 4))
    assert isinstance(early, Rejected) and early.errors["result"].startswith(
        "This inspection is on Monday 7 December 2026")
    queued_the_day_before = decide(SCHEDULED_MONDAY, replace(ROSA, entered_on=date(2026, 12, 4)),
                                   MONDAY)
    assert isinstance(queued_the_day_before, Rejected)
    assert "entered on Friday 4 December 2026" in queued_the_day_before.errors["result"]


def test_a_result_for_an_inspection_of_a_later_day_is_refused_before_any_conflict():
    friday = date(2026, 12, 4)
    for changed in (replace(SCHEDULED_MONDAY, status="Cancelled"),
                    replace(SCHEDULED_MONDAY, status="Completed"),
                    replace(SCHEDULED_MONDAY, revision=4),
                    replace(SCHEDULED_MONDAY, assigned_to=7)):
        early = decide(changed, replace(ROSA, entered_on=friday), friday)
        assert isinstance(early, Rejected), changed
        assert early.errors["result"] == ("This inspection is on Monday 7 December 2026: its "
                                          "result can be recorded from that day.")
    moved = replace(SCHEDULED_MONDAY, revision=4, day=TUESDAY)
    assert isinstance(decide(moved, ROSA, MONDAY), Rejected), "moved to tomorrow: not yet"


def test_a_result_for_a_changed_inspection_is_kept_once_its_day_has_come():
    cancelled = replace(SCHEDULED_MONDAY, status="Cancelled")
    assert decide(cancelled, ROSA, MONDAY) == Kept(
        "The inspection was already cancelled when this result arrived.")
    moved = replace(SCHEDULED_MONDAY, revision=4, day=TUESDAY)
    assert decide(moved, ROSA, TUESDAY) == Kept(
        "The inspection was rescheduled or changed after the route was loaded.")
    assert isinstance(decide(replace(SCHEDULED_MONDAY, assigned_to=7), ROSA, MONDAY), Kept)


def test_a_supervisor_records_a_kept_result_only_when_the_same_rule_lets_it_through():
    supervisor = Arrival(41, staff=True, seen_revision=None, entered_on=MONDAY)
    assert decide(replace(SCHEDULED_MONDAY, revision=9, assigned_to=7), supervisor,
                  MONDAY) is None, "reassigned or changed: the supervisor's call"
    assert isinstance(decide(replace(SCHEDULED_MONDAY, status="Completed"), supervisor,
                             MONDAY), Kept), "already resulted: never twice"
    moved_later = decide(replace(SCHEDULED_MONDAY, day=TUESDAY), supervisor, TUESDAY)
    assert isinstance(moved_later, Rejected), "entered before the day it was moved to"


def test_a_posted_result_carries_the_time_it_was_entered():
    received = datetime(2026, 12, 7, 18, 0, tzinfo=timezone.utc)
    checked = check_submission({"result": "Approved",
                                "entered_at": "2026-12-07T17:42:00+00:00"}, received)
    assert checked.value.entered_at == datetime(2026, 12, 7, 17, 42, tzinfo=timezone.utc)
    both = check_submission({"result": "Passed", "entered_at": "soon"}, received)
    assert both.errors == {"result": "Choose the result."}, "the field's own error first"
    assert "could not be read" in check_submission(
        {"result": "Approved", "entered_at": "soon"}, received).errors["result"]


def test_a_status_and_its_result_read_once():
    assert outcome_text("Cancelled", "Cancelled") == "Cancelled"
    assert outcome_text("Completed", "Approved") == "Completed: Approved"
    assert outcome_text("Scheduled", None) == "Scheduled"


def test_only_an_inspection_that_was_inspected_credits_an_inspector():
    assert credit_text("Cancelled", "Rosa Delgado") == ""
    assert credit_text("Scheduled", "Rosa Delgado") == ""
    assert credit_text("Completed", "Rosa Delgado") == "Inspected by Rosa Delgado"
    assert credit_text("Completed", "Rosa Delgado", "Dana Whitcombe") == (
        "Inspected by Rosa Delgado; recorded by Dana Whitcombe after a supervisor's review")


def test_notes_go_by_one_name_and_a_cancellation_reason_is_never_an_inspectors_note():
    assert notes_shown("Completed", True, "Label the panel.", "Dog on site") == (
        ("Notes for the contractor", "Label the panel."),
        ("Notes for the city only", "Dog on site"))
    assert notes_shown("Cancelled", False, "", "Cancelled: the permit expired.") == (
        ("Why it was cancelled", "Cancelled: the permit expired."),)
    assert notes_shown("Cancelled", True, "No one came to the gate.", "") == (
        ("Notes for the contractor", "No one came to the gate."),), "entered by the inspector"
    assert notes_shown("Scheduled", False, "", "") == ()
