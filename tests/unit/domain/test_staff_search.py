"""Reading the staff search box: every way staff use it, and what it never is."""
import pytest

from domain.search_query import QueryKind
from domain.staff_search import Group, StaffSearch, read_staff_query, read_staff_search


@pytest.mark.parametrize("text,email,phone,name", [
    ("Ana.Lopez@Example.com", "ana.lopez@example.com", None, None),
    ("(323) 555-0142", None, "323-555-0142", None),
    ("1 323 555 0142", None, "323-555-0142", None),
    ("Maria Lo", None, None, "Maria Lo"),
    ("Maria", None, None, None),  # a first name alone starts thousands of names
    ("roof", None, None, None),
])
def test_people_are_read_by_e_mail_phone_or_two_words_of_a_name(text, email, phone, name):
    query = read_staff_query(text)
    assert (query.email, query.phone, query.name) == (email, phone, name)


def test_only_seven_digits_are_a_confirmation_number_and_they_name_few_permits():
    assert read_staff_query("7654321").confirmation == "7654321"
    assert read_staff_query("7654321").names_few_permits
    assert read_staff_query("765432").confirmation is None
    assert read_staff_query("٧٦٥٤٣٢١").confirmation is None  # other scripts' digits


def test_words_and_prefixes_name_too_many_permits_to_list_their_inspections():
    assert not read_staff_query("water heater").names_few_permits
    assert not read_staff_query("BLD2026").names_few_permits
    assert read_staff_query("BLD-2026-00042").names_few_permits
    assert read_staff_query("8500 Sunset Blvd").names_few_permits


def test_a_group_is_one_of_four_and_a_cursor_only_pages_a_group():
    assert read_staff_search({"q": "x", "group": "nope"}) == (
        "Choose permits, applications, accounts or inspections.")
    asked = read_staff_search({"q": "x", "group": "permits", "after": "12"})
    assert isinstance(asked, StaffSearch) and (asked.group, asked.after) == (Group.PERMITS, 12)
    assert read_staff_search({"q": "x", "after": "12"}).after is None
    for bad in ("-1", "0", "x", "1" * 40, "１２"):
        assert read_staff_search({"q": "x", "group": "permits", "after": bad}).after is None


def test_nothing_typed_is_an_empty_search():
    assert read_staff_query("   ").empty
    assert read_staff_query("   ").permits.kind is QueryKind.EVERYTHING
