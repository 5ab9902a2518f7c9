"""A supervisor's decision on a kept result: the inspector is told, a refusal names the
result it is about (issue 14 §6)."""
from datetime import date

from domain.notifications import NoticeContext
from domain.result_decisions import (
    KeptResult, already_decided, cannot_record, decision_notice, note_of, resolution,
    was_recorded,
)

KEPT = KeptResult("BLD2026-00042", "145", "Re-roof Underlayment", date(2026, 12, 2),
                  "Approved", "The inspection was reassigned to another inspector.")
CITY = NoticeContext("West Hollywood", "https://permits.example")


def test_a_refusal_names_the_permit_the_inspection_and_its_date():
    assert cannot_record(KEPT, "The inspection was already cancelled when this result "
                               "arrived.") == (
        "The 145 Re-roof Underlayment result (Approved) for permit BLD2026-00042 of Wednesday "
        "2 December 2026 cannot be recorded: the inspection was already cancelled when this "
        "result arrived. Set it aside with a note instead.")
    assert already_decided(KEPT, "Dana") == (
        "The 145 Re-roof Underlayment result (Approved) for permit BLD2026-00042 of Wednesday "
        "2 December 2026 was already decided by Dana.")


def test_the_inspector_is_told_a_recorded_result_credits_them():
    subject, body = decision_notice(KEPT, True, "Dana Whitcombe", "Rosa did go", CITY)
    assert subject == "Your 145 Re-roof Underlayment result for BLD2026-00042 was recorded"
    assert "Dana Whitcombe reviewed the 145 Re-roof Underlayment result (Approved)" in body
    assert "you are credited as the inspector, with the time you entered it" in body
    assert "Dana Whitcombe's note, as typed:\n> Rosa did go" in body
    assert "https://permits.example/inspector" in body


def test_a_set_aside_result_says_it_is_not_on_the_record_and_no_typed_text_is_in_the_subject():
    note = "Call me http://evil.example\nsecond line"
    subject, body = decision_notice(KEPT, False, "Dana Whitcombe", note, CITY)
    assert subject == "Your 145 Re-roof Underlayment result for BLD2026-00042 was set aside"
    assert "it is not on the permit's record" in body
    assert "> Call me http://evil.example\n> second line" in body, "quoted line by line"


def test_a_decision_is_kept_with_its_word_and_read_back():
    assert was_recorded(resolution(True, "ok")) and note_of(resolution(True, "ok")) == "ok"
    assert not was_recorded(resolution(False, "")) and note_of(resolution(False, "")) == ""
