"""What the phone line says: whole sentences with named placeholders, filled in spoken form."""
from datetime import date
from string import Formatter

from domain import phone_script as script


def test_every_sentence_names_its_placeholders_so_a_translation_can_reorder_them():
    sentences = {name: value for name, value in vars(script).items()
                 if name.isupper() and isinstance(value, str)}
    assert len(sentences) > 40
    for name, sentence in sentences.items():
        fields = [field for _, field, _, _ in Formatter().parse(sentence) if field is not None]
        assert all(field.isidentifier() for field in fields), name


def test_computed_pieces_are_spoken_digit_by_digit_and_dates_in_words():
    day = date(2026, 12, 2)
    assert script.welcome("City of West Hollywood") == (
        "Welcome to the City of West Hollywood inspection line.")
    assert script.permit_for("123 Kings Rd") == "The permit is for 1, 2, 3 Kings Road."
    assert script.entered_type("145", "Re-roof Underlayment") == (
        "You entered 1, 4, 5, Re-roof Underlayment.")
    assert script.cancelling("Footing", "BLD2026-00042", day) == (
        "You are cancelling the Footing inspection of permit B, L, D, 2, 0, 2, 6, 0, 0, 0, 4, 2 "
        "on Wednesday, December 2nd.")
    assert script.scheduled("1234567", day) == (
        "Your inspection is scheduled for Wednesday, December 2nd. Your confirmation number is "
        "1, 2, 3, 4, 5, 6, 7. Again, 1, 2, 3, 4, 5, 6, 7.")
    assert script.by_phone("Ana") == "Ana (phone line)"


def test_the_last_result_is_heard_with_its_date_when_it_has_one():
    assert script.last_result("110", "Footing", date(2026, 11, 30), "Corrections required") == (
        "The last inspection, 1, 1, 0, Footing on Monday, November 30th, was: Corrections "
        "required.")
    assert script.last_result("110", "Footing", None, "Approved") == (
        "The last inspection, 1, 1, 0, Footing, was: Approved.")


def test_pieces_heard_one_after_another_are_whole_sentences_joined():
    assert script.date_choices([date(2026, 12, 2), date(2026, 12, 3)]) == (
        "For Wednesday, December 2nd, press 1. For Thursday, December 3rd, press 2.")
    assert script.not_an_inspection("19") == "1, 9 is not an inspection of this permit."
    assert script.not_an_inspection("") == "Nothing is not an inspection of this permit."
    assert script.cannot_request_now("Roof Final", "Its prerequisites are not approved.") == (
        "Roof Final cannot be requested now. Its prerequisites are not approved.")
    assert script.cannot_request_now("Roof Final", "") == "Roof Final cannot be requested now."
    assert script.said("", script.ALL_DATES_FULL) == script.ALL_DATES_FULL
    assert script.said(script.DATE_FILLED, script.ALL_DATES_FULL) == (
        "That date just filled up. Every date we can book is full. Please call again tomorrow.")
