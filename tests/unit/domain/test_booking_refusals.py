"""A requester told why the date they chose cannot take the inspection reads one whole
sentence, singular or plural by the places left (as ngettext will pick it)."""
from datetime import date

from domain.booking_refusals import (
    DAY_FILLED, TOO_SMALL_MANY, TOO_SMALL_ONE, day_filled, too_small
)
from domain.dates import day_of_month

TUESDAY = date(2026, 12, 1)


def test_a_date_is_written_out_without_its_year():
    assert day_of_month(TUESDAY) == "Tuesday 1 December"
    assert day_of_month(date(2027, 1, 4)) == "Monday 4 January"


def test_a_day_with_one_place_left_says_place():
    assert too_small(TUESDAY, 1, 2) == ("Tuesday 1 December has 1 place left, and this "
                                        "inspection needs 2. Choose another date.")


def test_a_day_with_several_places_left_says_places():
    assert too_small(TUESDAY, 2, 3) == ("Tuesday 1 December has 2 places left, and this "
                                        "inspection needs 3. Choose another date.")


def test_a_day_with_no_place_left_says_places():
    assert too_small(TUESDAY, 0, 1) == TOO_SMALL_MANY.format(
        day="Tuesday 1 December", remaining=0, units=1)


def test_the_singular_and_plural_are_whole_sentences_with_named_placeholders():
    # Translators get each sentence whole; only the number picks one of the two.
    for message in (TOO_SMALL_ONE, TOO_SMALL_MANY):
        assert "{day}" in message and "{remaining}" in message and "{units}" in message
    assert TOO_SMALL_ONE.replace(" place ", " places ") == TOO_SMALL_MANY


def test_a_day_that_filled_up_while_choosing_names_the_day():
    assert day_filled(TUESDAY) == ("Tuesday 1 December just filled up while you were choosing. "
                                   "Choose one of the next available dates.")
    assert DAY_FILLED.startswith("{day} ")
