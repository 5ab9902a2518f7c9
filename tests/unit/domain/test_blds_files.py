"""Reading a BLDS file's bytes: whatever they are, records and problems with their line or row,
never an exception."""
from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.blds_checks import FileCheck, Problem
from domain.blds_files import Header, Record, Restart, csv_events, json_events
from domain.blds_spec import PERMITS


def read_csv(data: bytes) -> list:
    return list(csv_events(io.BytesIO(data)))


def read_json(data: bytes) -> list:
    return list(json_events(io.BytesIO(data), lambda: data))


def problems(events) -> list[str]:
    return [str(e) for e in events if isinstance(e, Problem)]


def records(events) -> list[dict]:
    kept: list[dict] = []
    for event in events:
        if isinstance(event, Restart):
            kept.clear()
        elif isinstance(event, Record):
            kept.append(event.fields)
    return kept


def test_a_csv_file_gives_its_header_then_its_records_in_order():
    events = read_csv(b"\xef\xbb\xbfPermitNum,Description\r\nB1,\"Re-roof,\r\nnorth side\"\r\n"
                      b"\r\nB2,Fence\r\n")
    assert events[0] == Header(["PermitNum", "Description"]), "the BOM is not part of a name"
    assert records(events) == [{"PermitNum": "B1", "Description": "Re-roof,\r\nnorth side"},
                               {"PermitNum": "B2", "Description": "Fence"}]
    assert problems(events) == []


def test_what_is_not_text_is_reported_with_its_line_and_the_rest_still_read():
    events = read_csv(b"PermitNum,Description\nB1,Caf\xe9\nB\x002,Fence\nB3,x\n")
    assert problems(events) == [
        "line 2: text: not UTF-8 text (byte 0xe9 at byte 7 of the line)",
        "line 3: text: holds a NUL byte: the file is damaged, or not text"]
    assert [r["PermitNum"] for r in records(events)] == ["B1", "B2", "B3"]
    assert problems(read_csv(b"\xff\xfeP\x00e\x00")) == [
        "line 1: text: UTF-16 text: save the file as UTF-8",
        "line 1: header: the file is empty: a BLDS CSV file starts with a row of field names"]


def test_a_value_beyond_csvs_limit_is_reported_and_the_next_records_read():
    events = read_csv(b"PermitNum,Description\nB1,\"" + b"x" * 200_000 + b"\nB2,Fence\n")
    assert [p for p in problems(events) if "cannot be read as CSV" in p][0].startswith(
        "line 2: text: cannot be read as CSV (field larger than field limit")
    huge = read_csv(b"PermitNum,Description\nB1," + b"y" * 200_000 + b"\nB2,Fence\n")
    assert records(huge) == [{"PermitNum": "B2", "Description": "Fence"}]


def test_a_record_with_too_many_or_too_few_values_is_named():
    events = read_csv(b"PermitNum,Description\nB1,Fence,extra\nB2\n")
    assert problems(events) == ["row 1: row: 3 values; the header has 2 fields",
                                "row 2: row: 1 value; the header has 2 fields"]
    assert problems(read_csv(b"PermitNum\nB1,Fence\n")) == [
        "row 1: row: 2 values; the header has 1 field"]


def test_export_style_json_is_read_line_by_line_with_each_problem_on_its_line():
    data = (b'[\n{"PermitNum": "B1", "Fee": 245, "Latitude": 34.09},\n'
            b'{"PermitNum": "B2", "PermitNum": "B3", "Fee": null},\n'
            b'{"PermitNum": "B4", "Fee": ' + b"9" * 5000 + b'}\n]\n')
    events = read_json(data)
    assert not any(isinstance(e, Restart) for e in events)
    assert problems(events) == [
        "line 3: PermitNum: given twice in this record (JSON keeps only the last); each field "
        "is one key"]
    found = records(events)
    assert [r["PermitNum"] for r in found] == ["B1", "B3", "B4"]
    assert found[1]["Fee"] is None and str(found[0]["Latitude"]) == "34.09"
    assert len(str(found[2]["Fee"])) == 5000, "no int-digit limit"


def test_json_in_another_layout_is_read_whole_and_counted_once():
    pretty = json.dumps([{"PermitNum": "B1"}, {"PermitNum": "B2"}], indent=2).encode()
    assert [r["PermitNum"] for r in records(read_json(pretty))] == ["B1", "B2"]
    mixed = b'[\n{"PermitNum": "B1"},\n{"PermitNum": "B2"\n},\n{"PermitNum": "B3"}\n]'
    events = read_json(mixed)
    assert Restart() in events and [r["PermitNum"] for r in records(events)] == [
        "B1", "B2", "B3"]
    assert problems(read_json(b'[\n{"PermitNum": "B1"},\n]')) == [
        "line 3: text: not JSON: Expecting value (column 1)"], "a comma before the end"
    assert problems(read_json(b'[\n{"PermitNum": "B1"}\n{"PermitNum": "B2"}\n]')) == [
        "line 3: text: not JSON: Expecting ',' delimiter (column 1)"]
    assert problems(read_json(b'[\n{"PermitNum": "B1"}\n')) != [], "cut short"


def test_json_that_is_not_an_array_of_objects_is_explained():
    assert problems(read_json(b"null")) == [
        "line 1: text: a BLDS JSON file is an array of objects, [{…}, {…}]"]
    assert problems(read_json(b"[null, 3, {}]")) == [
        "row 1: record: not a JSON object", "row 2: record: not a JSON object"]
    assert problems(read_json(b"")) == ["line 1: text: not JSON: Expecting value (column 1)"]
    assert problems(read_json(b"[NaN]")) == ["row 1: record: not a JSON object"]


def test_deeply_nested_json_is_a_message_with_its_line():
    deep = b"[\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n]"
    assert problems(read_json(deep)) == [
        "line 2: text: nested more than 200 levels deep: a BLDS file is an array of flat "
        "records"]
    record = b'[\n{"PermitNum": "B1", "ExtraFields": ' + b"[" * 100_000 + b"]" * 100_000 + \
        b"}\n]"
    assert problems(read_json(record)) == [
        "line 2: record: nested too deeply to read: a BLDS record is flat"]


def check_everything(events, from_json: bool) -> None:
    """What validate-blds does with the events: every record checked as a permit."""
    check = FileCheck(PERMITS, from_json)
    for event in events:
        if isinstance(event, Header):
            check.header(event.names)
        elif isinstance(event, Record):
            check.record(event.row, event.fields, None)
        elif isinstance(event, Restart):
            check = FileCheck(PERMITS, from_json)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_read_as_csv_or_json_give_a_report_never_an_exception(data):
    for events, from_json in ((read_csv(data), False), (read_json(data), True)):
        assert all(isinstance(e, (Header, Record, Problem, Restart)) for e in events)
        check_everything(events, from_json)


FIELD_NAMES = st.sampled_from(["PermitNum", "Description", "Fee", "Latitude", "AppliedDate",
                               "ExtraFields", "StatusCurrentMapped", "OwnerEmail", ""])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10)


@FUZZ
@given(st.lists(st.one_of(st.dictionaries(FIELD_NAMES, JSON_VALUES), JSON_VALUES), max_size=5),
       st.booleans())
def test_any_json_document_gives_a_report_never_an_exception(document, one_per_line):
    if one_per_line:
        data = ("[\n" + ",\n".join(json.dumps(r) for r in document) + "\n]\n").encode()
    else:
        data = json.dumps(document, indent=1).encode()
    events = read_json(data)
    check_everything(events, True)
    assert len(records(events)) == sum(isinstance(r, dict) for r in document)


@FUZZ
@given(st.lists(st.lists(st.text(), max_size=6), max_size=6))
def test_any_csv_rows_give_a_report_never_an_exception(rows):
    buffer = io.StringIO()
    import csv
    csv.writer(buffer).writerows(rows)
    check_everything(read_csv(buffer.getvalue().encode("utf-8", errors="surrogatepass")), False)
