"""Permit numbers read the way people write them (issue 16 §1)."""
import pytest
from hypothesis import given, strategies as st

from domain.permits import PermitNumber, PermitType
from domain.search_query import QueryKind, parse_query
from domain.typed_permit_numbers import TypedNumber, read_typed_number


@pytest.mark.parametrize("text,exact,prefix", [
    ("BLD2026-00865", "BLD2026-00865", None),
    ("BLD-2026-00865", "BLD2026-00865", None),
    ("BLD202600865", "BLD2026-00865", None),
    ("bld 2026 00865", "BLD2026-00865", None),
    ("BLD.2026/00865", "BLD2026-00865", None),
    ("BLD2026 – 00865", "BLD2026-00865", None),  # a phone keyboard's dash, spaced
    ("ELE2026-356", "ELE2026-00356", "ELE2026-356"),
    ("ele2026 356", "ELE2026-00356", "ELE2026-356"),
    ("ELE2019-00", None, "ELE2019-00"),  # sequence 0 names no permit
    ("MEC2026", None, "MEC2026"),
    ("MEC2026-", None, "MEC2026"),
    ("MEC-20", None, "MEC20"),
    ("PLM", None, "PLM"),
    ("BLD20260", None, "BLD2026-0"),
    ("BLD2026008", None, "BLD2026-008"),
])
def test_numbers_and_their_starts_are_read_in_every_usual_spelling(text, exact, prefix):
    assert read_typed_number(text) == TypedNumber(exact, prefix)


@pytest.mark.parametrize("text", [
    "BLD-26-865",        # a two-digit year
    "BLD2026-008650",    # six digits of sequence
    "BLD1234567890",     # ten digits
    "BLD٢٠٢٦-٠٠٨٦٥",     # other scripts' digits are not read as ours
    "BLD２０２６-００８６５",
    "BLD----2026",
    "XYZ2026-00865",
    "BLDG",
    "BLD2026-00865x",
])
def test_what_is_not_a_permit_number_is_not_read_as_one(text):
    assert read_typed_number(text) is None


separators = st.text(alphabet=" -–—./_", max_size=2)


@given(st.sampled_from(list(PermitType)), st.integers(1900, 2099), st.integers(1, 99999),
       separators, separators, st.booleans())
def test_any_number_written_with_any_separators_and_case_reads_back_as_itself(
        kind, year, sequence, first, second, lower):
    number = str(PermitNumber(kind, year, sequence))
    typed = f"{kind.value}{first}{year}{second}{sequence:05d}"
    assert read_typed_number(typed.lower() if lower else typed) == TypedNumber(number, None)


def test_the_search_box_takes_a_short_sequence_as_a_prefix_that_may_name_one_permit():
    parsed = parse_query("ELE2026-356")
    assert (parsed.kind, parsed.text, parsed.exact) == (
        QueryKind.PERMIT_NUMBER_PREFIX, "ELE2026-356", "ELE2026-00356")
    assert parse_query("BLD202600865").kind is QueryKind.PERMIT_NUMBER
