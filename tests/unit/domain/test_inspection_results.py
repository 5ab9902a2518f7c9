"""A result is checked, and an approval keeps the permit alive or finals it."""
from datetime import date

from domain.inspection_results import check_result, effect_on_permit, status_after
from domain.inspection_types import DEFAULT_CATALOG
from domain.outcomes import Accepted, Rejected

TYPES = DEFAULT_CATALOG.by_code


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
