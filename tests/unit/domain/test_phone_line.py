"""The phone line's keypad entries, spoken words and count of attempts."""
from datetime import date

from domain.phone_line import (
    MAX_ATTEMPTS, CallState, choice_of, keypad_of, permit_from_keypad, spoken_address,
    spoken_date, spoken_digits,
)


def test_permit_numbers_are_typed_with_the_keypads_letters_and_spoken_digit_by_digit():
    assert keypad_of("BLD2026-00042") == "253202600042"
    assert str(permit_from_keypad("253202600042")) == "BLD2026-00042"
    assert str(permit_from_keypad("756202500007")) == "PLM2025-00007"
    assert permit_from_keypad("999202600042") is None and permit_from_keypad("25320") is None
    assert spoken_digits("1234567") == "1, 2, 3, 4, 5, 6, 7"
    assert spoken_address("1234 N Havenhurst Dr, Unit 3") == (
        "1, 2, 3, 4 North Havenhurst Drive unit 3")
    assert spoken_date(date(2026, 12, 1)) == "Tuesday, December 1st"
    assert spoken_date(date(2026, 12, 22)) == "Tuesday, December 22nd"
    assert spoken_date(date(2026, 12, 13)) == "Sunday, December 13th"
    assert choice_of("2", 3) == 1 and choice_of("4", 3) is None and choice_of("", 3) is None


def test_a_call_ends_after_three_bad_entries_to_one_question_and_counts_again_for_the_next():
    state = CallState()
    assert [state.failed() for _ in range(MAX_ATTEMPTS)] == [False, False, True]
    state.at("permit")
    assert state.attempts == 0 and not state.failed()


def test_call_state_survives_its_stored_form_and_ignores_unknown_keys():
    state = CallState(step="date", flow="request", permit="BLD2026-00042",
                      dates=["2026-12-01"])
    assert CallState.from_dict({**state.as_dict(), "stale": 1}) == state
