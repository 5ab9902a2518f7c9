"""A BLDS value is judged the same in a CSV cell and in a JSON file: an INTEGER is written in
digits only, a number in JSON is a number and not a string, and a NUL is reported however it was
written (issue 14 §8)."""
from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.blds_checks import ERROR, FileCheck
from domain.blds_files import Record, csv_events, json_events
from domain.blds_spec import PERMITS

PERMIT = {"PermitNum": "BLD2026-00042", "Description": "Re-roof", "IssuedDate": "2026-11-23",
          "StatusCurrent": "Issued", "OriginalAddress1": "1234 N Havenhurst Dr",
          "OriginalCity": "West Hollywood", "OriginalState": "CA", "OriginalZip": "90069"}


def json_errors(field: str, literal: str) -> list[str]:
    """The errors of a permit whose ``field`` is written ``literal`` in a JSON file, one record
    per line as the export writes it."""
    line = json.dumps(PERMIT)[:-1] + f', "{field}": {literal}}}'
    return _errors(json_events(io.BytesIO(f"[\n{line}\n]\n".encode()), lambda: b""), True)


def csv_errors(field: str, cell: str) -> list[str]:
    """The errors of the same permit with ``field``'s cell written ``cell`` in a CSV file."""
    names = [*PERMIT, field]
    buffer = io.StringIO()
    buffer.write(",".join(names) + "\r\n")
    buffer.write(",".join(json.dumps(v) if "," in v else v for v in PERMIT.values()))
    buffer.write("," + cell + "\r\n")
    return _errors(csv_events(io.BytesIO(buffer.getvalue().encode())), False)


def _errors(events, from_json: bool) -> list[str]:
    check = FileCheck(PERMITS, from_json)
    return [str(problem) for event in events if isinstance(event, Record)
            for problem in check.record(event.row, event.fields)
            if problem.level == ERROR]


WRITE_245 = ("is not a whole number written in digits (BLDS types it INTEGER): write 245")


@pytest.mark.parametrize(("written", "message"), [
    ("245.0", f"“245.0” {WRITE_245}"),
    ("2.45e2", f"“2.45e2” {WRITE_245}"),
    ("245.00", f"“245.00” {WRITE_245}"),
    ("1e400", "“1e400” is not a whole number written in digits (BLDS types it INTEGER)"),
    ("2.5", "“2.5” is not a whole number written in digits (BLDS types it INTEGER)"),
    ("12345678901234567890", "“12345678901234567890” is beyond ±9,007,199,254,740,991, more "
                             "than readers keep exactly"),
])
def test_an_integer_is_refused_alike_in_json_and_csv_unless_written_in_digits(written, message):
    assert json_errors("Fee", written) == [f"row 1: Fee: {message}"]
    assert csv_errors("Fee", written) == [f"row 1: Fee: {message}"]
    assert json_errors("Fee", "245") == csv_errors("Fee", "245") == []


def test_in_json_a_number_written_as_a_string_is_text_as_42_is_not_text():
    assert json_errors("Fee", '"245"') == [
        "row 1: Fee: “245” is text: in JSON an INTEGER is a number, written without quotes"]
    assert json_errors("Latitude", '"34.1"') == [
        "row 1: Latitude: “34.1” is text: in JSON a NUMERIC value is a number, written "
        "without quotes"]
    assert json_errors("Latitude", "34.1") == csv_errors("Latitude", "34.1") == []
    assert json_errors("PermitNum", "42") == ["row 1: PermitNum: “42”: must be text"]
    assert json_errors("IssuedDate", "20261123") == [
        "row 1: IssuedDate: “20261123” is not a date written YYYY-MM-DD"]


def test_a_number_beyond_what_readers_hold_is_refused_in_either_format():
    beyond = "row 1: EstProjectCost: “1e400” is beyond ±1.8e308, more than readers can hold"
    assert json_errors("EstProjectCost", "1e400") == csv_errors("EstProjectCost", "1e400") == [
        beyond]
    assert json_errors("EstProjectCost", "NaN") == [
        "row 1: EstProjectCost: “NaN” is not a number written with digits and a decimal point"]
    assert json_errors("EstProjectCost", "2.5e4") == csv_errors("EstProjectCost", "2.5e4") == []


@pytest.mark.parametrize(("field", "literal"), [
    ("Description", r'"Re-roof\u0000north side"'),
    ("Ward", r'"3\u0000"'),
    ("ExtraFields", r'{"Zoning": {"code": "R1\u0000"}}'),
    ("ExtraFields", r'{"Zo\u0000ning": "R1"}'),
])
def test_a_nul_escaped_in_json_is_reported_as_a_raw_one_is(field, literal):
    [problem] = json_errors(field, literal)
    assert problem.startswith(f"row 1: {field}: ") and problem.endswith(
        "holds a NUL character (\\u0000), which databases refuse and programs take for the end "
        "of the text")
    assert "\x00" not in problem, "printed as its escape, never raw"


def test_a_field_name_with_a_nul_is_reported_and_printed_escaped():
    line = json.dumps({**PERMIT, "Permit\x00Num2": "x"})
    check = FileCheck(PERMITS, from_json=True)
    [record] = json_events(io.BytesIO(f"[\n{line}\n]\n".encode()), lambda: b"")
    [problem] = check.record(record.row, record.fields)
    assert str(problem) == ("row 1: Permit\\u0000Num2: a field name holding a NUL character "
                            "(\\u0000), which databases refuse and programs take for the end of "
                            "the text")


def test_half_a_utf16_pair_escaped_in_json_is_an_error_printed_as_its_escape():
    assert json_errors("Description", r'"Caf\ud800"') == [
        "row 1: Description: “Caf\\ud800” holds \\ud800, half of a UTF-16 pair and no "
        "character, which UTF-8 cannot write"]
    assert json_errors("Description", r'"Caf\ud83d\ude00"') == [], "a whole pair: 😀"


NUMBER_LITERALS = st.from_regex(
    r"-?(0|[1-9][0-9]{0,19})(\.[0-9]{1,4})?([eE][-+]?[0-9]{1,3})?", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(NUMBER_LITERALS, st.sampled_from(["Fee", "TotalSqFt", "EstProjectCost", "Longitude"]))
def test_any_json_number_gets_the_verdict_its_digits_get_in_a_csv_cell(literal, field):
    assert json_errors(field, literal) == csv_errors(field, literal)
    assert json_errors(field, json.dumps(literal)) != [], "a string is never a number in JSON"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**60), st.sampled_from(["", ".0", "e0", ".50"]))
def test_an_integer_passes_only_written_in_digits_and_within_readers_range(number, tail):
    verdict = json_errors("Fee", f"{number}{tail}")
    assert (verdict == []) == (tail == "" and number <= 2**53 - 1)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.text(max_size=20),
       st.sampled_from(["Description", "PermitNum", "Fee", "Ward", "ExtraFields"]))
def test_any_text_holding_an_escaped_nul_is_an_error_in_any_field(before, after, field):
    literal = json.dumps(before + "\x00" + after)
    if field == "ExtraFields":
        literal = json.dumps({"note": before + "\x00" + after})
    problems = json_errors(field, literal)
    assert any("holds a NUL character" in p for p in problems)
    assert not any("\x00" in p for p in problems)


LONE_HALVES = st.integers(0xD800, 0xDFFF).map(chr)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=8) | LONE_HALVES, max_size=6),
       st.sampled_from(["Description", "Fee", "Ward"]), st.booleans())
def test_any_escaped_json_text_gives_problems_that_print_as_utf8(parts, field, as_key):
    text = "".join(parts)
    record = {**PERMIT, text: "x"} if as_key else {**PERMIT, field: text}
    line = json.dumps(record)  # ensure_ascii: every lone half written as its escape
    check = FileCheck(PERMITS, from_json=True)
    printed = [str(problem) for event in json_events(
        io.BytesIO(f"[\n{line}\n]\n".encode()), lambda: b"")
        for problem in (check.record(event.row, event.fields) if isinstance(event, Record)
                        else [event])]
    for message in printed:
        message.encode("utf-8")  # raises on a lone half printed raw
    read_back = json.loads(json.dumps(text))  # a high half then a low one are one character
    assert any(c == "\x00" or "\ud800" <= c <= "\udfff" for c in read_back) == any(
        "NUL character" in message or "half of a UTF-16 pair" in message
        for message in printed)
