"""Reading the search box and the search form's parameters."""
from datetime import date

import pytest
from hypothesis import given, strategies as st

from domain.addresses import AddressQuery, normalize_apn, parse_address, street_key
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType, Status
from domain.search_query import (
    MAX_QUERY_LENGTH, MAX_WORDS, DateField, QueryKind, page_status, parse_query, parse_search
)


@pytest.mark.parametrize("text,kind,normalized", [
    ("BLD2026-00042", QueryKind.PERMIT_NUMBER, "BLD2026-00042"),
    ("  bld2026-00042", QueryKind.PERMIT_NUMBER, "BLD2026-00042"),
    ("ble", QueryKind.WORDS, "ble"),
    ("BLD", QueryKind.PERMIT_NUMBER_PREFIX, "BLD"),
    ("mec2025", QueryKind.PERMIT_NUMBER_PREFIX, "MEC2025"),
    ("ELE2025-000", QueryKind.PERMIT_NUMBER_PREFIX, "ELE2025-000"),
    ("5529-012-034", QueryKind.APN, "5529-012-034"),
    ("5529012034", QueryKind.APN, "5529-012-034"),
    ("1012345", QueryKind.DIGITS, "1012345"),
    ("", QueryKind.EVERYTHING, ""),
])
def test_the_box_recognizes_permit_numbers_prefixes_apns_and_digits(text, kind, normalized):
    parsed = parse_query(text)
    assert parsed.kind is kind
    assert parsed.text == normalized


@pytest.mark.parametrize("text", [
    "8500 Sunset Blvd", "8500 SUNSET BOULEVARD", "8500 sunset", "8500 Sunset Blvd.",
])
def test_an_address_matches_in_any_case_with_or_without_its_suffix(text):
    assert parse_query(text).address == AddressQuery(8500, "sunset")


@pytest.mark.parametrize("text,unit", [
    ("1234 N Havenhurst Dr #3", "3"), ("1234 havenhurst unit 3", "3"),
    ("1234 North Havenhurst Drive Apt 3b", "3B"), ("1234 Havenhurst", None),
])
def test_units_and_directionals_are_understood(text, unit):
    assert parse_address(text) == AddressQuery(1234, "havenhurst", unit)


def test_multi_word_street_names_keep_every_word():
    assert street_key("N. La Cienega Blvd") == "la cienega"
    assert parse_address("901 n la cienega") == AddressQuery(901, "la cienega")


def test_a_street_named_like_a_suffix_is_kept():
    assert street_key("Way") == "way"


def test_apns_need_ten_digits():
    assert normalize_apn("5529-012-03") is None


@pytest.mark.parametrize("text", ['"quoted"', "roof*", "-minus", "100%", "NEAR", "a' OR 1=1 --",
                                  "DROP TABLE permit;", "🏠 roof 🔨"])
def test_operators_and_sql_fragments_become_plain_words(text):
    parsed = parse_query(text)
    assert parsed.kind is QueryKind.WORDS
    assert all(w.isalnum() for w in parsed.words)


def test_emoji_alone_gives_a_notice_instead_of_a_search():
    parsed = parse_query("🏠🔨")
    assert parsed.words == () and "letters or numbers" in parsed.notice


def test_a_thousand_characters_are_cut_with_a_notice():
    parsed = parse_query("roof " * 200)
    assert len(parsed.words) == MAX_WORDS and parsed.notice
    assert len(parse_query("x" * 1000).text) == MAX_QUERY_LENGTH


@given(st.text(max_size=1200))
def test_any_text_parses_without_error_into_safe_words(text):
    parsed = parse_query(text)
    assert all(w.isalnum() and len(w) <= 40 for w in parsed.words)
    assert len(parsed.words) <= MAX_WORDS


def test_the_search_form_is_parsed_into_typed_filters():
    outcome = parse_search({"q": "roof", "type": "BLD", "status": "Issued", "dates": "issued",
                            "from": "2026-01-01", "to": "2026-06-30", "page": "3"})
    assert isinstance(outcome, Accepted)
    search = outcome.value
    assert (search.permit_type, search.status, search.date_field) == (
        PermitType.BUILDING, Status.ISSUED, DateField.ISSUED)
    assert (search.date_from, search.date_to, search.page, search.offset) == (
        date(2026, 1, 1), date(2026, 6, 30), 3, 50)


def test_malformed_parameters_are_rejected_field_by_field():
    outcome = parse_search({"type": "XYZ", "status": "Done", "from": "2026-13-01", "page": "x"})
    assert isinstance(outcome, Rejected)
    assert set(outcome.errors) == {"type", "status", "from", "page"}
    assert "YYYY-MM-DD" in outcome.errors["from"]


def test_a_date_range_that_ends_before_it_starts_is_rejected():
    outcome = parse_search({"from": "2026-02-01", "to": "2026-01-01"})
    assert isinstance(outcome, Rejected) and "to" in outcome.errors


@pytest.mark.parametrize("page", ["0", "401", "-1", "1.5"])
def test_pages_outside_the_range_are_rejected(page):
    assert isinstance(parse_search({"page": page}), Rejected)


@pytest.mark.parametrize("text", ["²:A", "²³", "١٢٣ main"])
def test_non_ascii_digits_are_words_not_numbers(text):
    assert parse_query(text).kind is QueryKind.WORDS


def test_the_pager_says_which_page_and_of_how_many_unless_the_count_is_capped():
    assert page_status(2, 1234, capped=False) == "Page 2 of 1,234"
    assert page_status(9, 9, capped=True) == "Page 9"
