"""The one reader of typed numbers: what it reads, what it refuses, and that it never raises."""
from __future__ import annotations

import string
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.numbers import (
    MAX_TEXT, NUMBER, RANGE, labelled, other_digits, read_amount, read_decimal, read_whole,
    whole_or_none, written,
)
from domain.addresses import parse_address
from domain.licenses import normalize_license_no
from domain.outcomes import Accepted, Rejected
from domain.payments import check_card
from domain.permits import PermitNumber
from domain.phone_line import choice_of, permit_from_keypad
from domain.search_query import parse_page

MOST = Decimal(500_000_000)
# Unicode's number categories: decimal digits of every script, numerals like "Ⅻ", "²", "½".
OTHER_DIGITS = st.characters(categories=["Nd", "Nl", "No"]).filter(
    lambda c: c not in string.digits)


@pytest.mark.parametrize("text, value", [
    ("18500", Decimal(18500)), ("18,500", Decimal(18500)), ("$18,500.50", Decimal("18500.50")),
    ("1,234,567.5", Decimal("1234567.50")), (" 250 ", Decimal(250)), ("0.50", Decimal("0.50")),
    ("007", Decimal(7)),
])
def test_digits_with_commas_between_thousands_and_cents_are_read(text, value):
    assert read_amount(text, most=MOST) == Accepted(value)


@pytest.mark.parametrize("text", ["١٠٠٠", "１０００", "1_000", "1,0,0,0", "1,5", "²", "1e3", "NaN",
                                  "Infinity", "0x10", "1 000", "10,00", "0,100", "1.", "."])
def test_what_could_be_misread_as_some_number_is_refused_with_a_message(text):
    outcome = read_amount(text, most=MOST)
    assert isinstance(outcome, Rejected)
    assert outcome.errors[NUMBER].startswith(("Type", "Put", "Enter"))


def test_five_thousand_digits_are_refused_as_too_large_not_a_crash():
    assert read_whole("1" + "0" * 5000, most=20) == Rejected({RANGE: "Enter a number from 0 "
                                                                     "to 20."})
    assert read_amount("1" + "0" * 5000, most=MOST).errors[RANGE].startswith("Enter a number")


def test_each_refusal_says_what_to_type():
    assert read_whole("١٠٠٠", most=10**6).errors[NUMBER] == ("Type the number with the digits 0 "
                                                             "to 9, like 1,500.")
    assert read_whole("1,5", most=10**6).errors[NUMBER] == ("Put commas only between groups of "
                                                            "three digits, like 1,000 or 18,500.")
    assert read_whole("2.5", most=10).errors[NUMBER] == "Enter a whole number."
    assert read_amount("1.505", most=10).errors[NUMBER] == ("Enter at most two digits after the "
                                                            "point (cents).")
    assert read_whole("-3", least=0, most=10).errors[RANGE] == "Enter a number from 0 to 10."
    assert read_whole("11", least=0, most=10).errors[RANGE] == "Enter a number from 0 to 10."
    assert read_whole("", most=10).errors[NUMBER] == "Enter a number."
    assert read_whole("$5", most=10).errors[NUMBER] == "Enter the number in digits, like 1,500."


@given(st.integers(min_value=0, max_value=10**12), st.booleans())
def test_every_whole_number_written_either_way_reads_back(value, grouped):
    text = written(value) if grouped else str(value)
    assert read_whole(text, most=10**12) == Accepted(value)


@given(st.decimals(min_value=0, max_value=MOST, places=2, allow_nan=False), st.booleans())
def test_every_amount_written_reads_back_to_the_cent(value, sign):
    text = ("$" if sign else "") + written(value, 2)
    assert read_amount(text, most=MOST) == Accepted(value)


@given(st.text(alphabet="0123456789,.$ -", max_size=30))
def test_every_accepted_text_round_trips(text):
    outcome = read_decimal(text, places=6, most=10**12, dollars=True)
    if isinstance(outcome, Accepted):
        places = max(0, -outcome.value.as_tuple().exponent)
        assert read_decimal(written(outcome.value, places), places=6, most=10**12) == outcome
        assert len(text.strip()) <= MAX_TEXT


@given(st.text(max_size=12), OTHER_DIGITS, st.text(max_size=12))
def test_any_text_with_another_scripts_digit_is_refused(before, digit, after):
    assert isinstance(read_decimal(before + digit + after, places=2, most=MOST), Rejected)


@given(st.text(max_size=12), st.text(max_size=12))
def test_any_text_with_an_underscore_is_refused(before, after):
    assert isinstance(read_decimal(f"{before}_{after}", places=2, most=MOST), Rejected)


@given(st.lists(st.integers(min_value=0, max_value=9999), min_size=2, max_size=5),
       st.integers(min_value=1, max_value=4))
def test_commas_anywhere_but_between_thousands_are_refused(groups, wrong_at):
    texts = [str(groups[0])] + [f"{g:03d}" for g in groups[1:]]
    index = 1 + (wrong_at - 1) % (len(texts) - 1)
    texts[index] = texts[index][:2] if len(texts[index]) == 3 else texts[index] + "0"
    assert isinstance(read_whole(",".join(texts), most=10**15), Rejected)


@given(st.text(max_size=200), st.integers(min_value=0, max_value=6), st.booleans())
def test_no_text_ever_raises_and_what_is_read_is_in_range(text, places, dollars):
    outcome = read_decimal(text, places=places, least=1, most=1000, dollars=dollars)
    if isinstance(outcome, Accepted):
        assert 1 <= outcome.value <= 1000
        assert -outcome.value.as_tuple().exponent <= places
    else:
        assert set(outcome.errors) in ({NUMBER}, {RANGE}) and outcome.message


@given(st.binary(max_size=40))
def test_text_decoded_from_any_bytes_never_raises(data):
    read_amount(data.decode("utf-8", "replace"), most=MOST)
    read_amount(data.decode("latin-1"), most=MOST)


def test_a_refusal_names_its_field():
    assert labelled("Valuation", read_amount("1,5", most=MOST)) == (
        "Valuation: put commas only between groups of three digits, like 1,000 or 18,500, and "
        "a point before the decimals.")


def test_numbers_a_page_sends_itself_are_either_read_or_none():
    assert whole_or_none("42", most=10**18) == 42
    assert whole_or_none("4" * 30, most=10**18) is None
    assert whole_or_none("²", most=10**18) is None
    assert whole_or_none("", most=10) is None


@pytest.mark.parametrize("read", [
    lambda t: check_card("4242 4242 4242 4242", f"{t}/35", "123", date(2026, 12, 1)).errors,
    lambda t: check_card("4242 4242 4242 4242", "12/35", f"{t}23", date(2026, 12, 1)).errors,
    lambda t: PermitNumber.parse(f"BLD{t}026-00042") is None or {},
    lambda t: normalize_license_no(f"{t}012345") is None or {},
    lambda t: parse_address(f"{t}500 Sunset Blvd") is None or {},
    lambda t: choice_of(t, 3) is None or {},
    lambda t: permit_from_keypad(f"{t}53202600042") is None or {},
    lambda t: parse_page(t) is None or {},
])
@pytest.mark.parametrize("digit", ["²", "١", "２", "৮"])
def test_other_fields_of_digits_refuse_other_scripts_digits_too(read, digit):
    """Card expiry and code, permit and license numbers, house numbers, keypad choices and page
    numbers: "²" made int() raise (a 500) and "١" was read as 1."""
    assert read(digit)


@pytest.mark.parametrize("typed", ["٣٢٣٥٥٥٠١٤٢", "３２３-５５５-０１４２", "۳۲۳ ۵۵۵ ۰۱۴۲",
                                   "323-555-014²", "३२३५५५०१४२"])
def test_a_phone_number_in_other_digits_is_refused_saying_which_digits_to_type(typed):
    from domain.accounts import check_contact, normalize_phone

    assert other_digits(typed)
    assert normalize_phone(typed) is None
    refused = check_contact({"name": "Ana Ruiz", "email": "ana@example.com", "phone": typed})
    assert refused.errors["phone"] == ("Type the phone number with the digits 0 to 9, like "
                                       "323-555-0123.")


@pytest.mark.parametrize("typed", ["(323) 555-0142", "+1 323 555 0142", "323.555.0142",
                                   "1-323-555-0142"])
def test_a_phone_number_in_the_digits_0_to_9_is_read_however_it_is_spaced(typed):
    from domain.accounts import normalize_phone

    assert not other_digits(typed)
    assert normalize_phone(typed) == "323-555-0142"
