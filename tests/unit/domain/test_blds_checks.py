"""The validator's rules are the specification's: either-or pairs, types, unique fields and
permits, fields it does not have, and no personal contact data."""
from __future__ import annotations

from decimal import Decimal

import pytest

from domain.blds_checks import ERROR, NOTE, WARNING, FileCheck, dataset_of, summary
from domain.blds_spec import INSPECTIONS, PERMITS, STATUS_CHANGES, TYPES
from domain.blds_values import JsonObject

PERMIT = {
    "PermitNum": "BLD2026-00042", "Description": "Re-roof", "AppliedDate": "2026-10-02",
    "IssuedDate": "2026-11-23", "CompletedDate": "", "StatusCurrent": "Issued",
    "OriginalAddress1": "1234 N Havenhurst Dr", "OriginalCity": "West Hollywood",
    "OriginalState": "CA", "OriginalZip": "90069",
}
INSPECTION = {"PermitNum": "BLD2026-00042", "InspType": "110 Footings", "InspTypeMapped":
              "Footings & Forms", "Result": "Approved", "ResultMapped": "Passed",
              "ScheduledDate": "2026-11-25"}


def errors(record, dataset=PERMITS) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in FileCheck(dataset).record(1, record)
            if p.level == ERROR]


def test_a_completed_permit_without_statuscurrent_is_valid_as_the_either_or_pair_allows():
    finaled = {**{k: v for k, v in PERMIT.items() if k != "StatusCurrent"},
               "CompletedDate": "2026-12-01"}
    assert errors(finaled) == []
    header = FileCheck(PERMITS).header(list(finaled))
    assert header == [], "the header needs CompletedDate or StatusCurrent, not both"
    assert errors({**finaled, "CompletedDate": ""}) == [
        ("CompletedDate/StatusCurrent", "one of the two must have a value")]
    assert [p.field for p in FileCheck(PERMITS).header(
        [k for k in finaled if k != "CompletedDate"])] == ["CompletedDate/StatusCurrent"]


def test_required_fields_and_pairs_are_named_each_time_they_are_missing():
    assert errors({**PERMIT, "Description": " "}) == [("Description", "required, but empty")]
    assert errors({**PERMIT, "Description": None}) == [("Description", "required, but empty")]
    assert errors({**PERMIT, "AppliedDate": "", "IssuedDate": ""}) == [
        ("AppliedDate/IssuedDate", "one of the two must have a value")]
    missing = {k: v for k, v in PERMIT.items() if k != "OriginalZip"}
    assert errors(missing) == [("OriginalZip", "required field missing")]
    assert FileCheck(PERMITS).record(1, missing, frozenset(missing)) == [], (
        "a CSV without the column: its header's problem, reported once")
    assert [p.field for p in FileCheck(INSPECTIONS).header(
        ["PermitNum", "InspType", "Result"])] == [
        "InspTypeMapped", "ResultMapped", "ScheduledDate/InspectedDate"]


def test_a_column_named_twice_is_an_error_of_the_header():
    [problem] = FileCheck(PERMITS).header([*PERMIT, "Description"])
    assert (problem.row, problem.field, problem.level) == (0, "Description", ERROR)
    assert "appears 2 times" in problem.message


def test_a_permit_number_given_twice_is_an_error_naming_the_first_row():
    check = FileCheck(PERMITS)
    assert check.record(1, PERMIT) == []
    assert check.record(2, {**PERMIT, "PermitNum": "BLD2026-00043"}) == []
    [again] = check.record(3, {**PERMIT, "PermitNum": " BLD2026-00042"})
    assert (again.row, again.field) == (3, "PermitNum") and "row 1" in again.message
    inspections = FileCheck(INSPECTIONS)
    assert inspections.record(1, INSPECTION) == inspections.record(2, INSPECTION) == [], (
        "a permit has many inspections")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("IssuedDate", "2026-02-30", "“2026-02-30” is not a date written YYYY-MM-DD"),
    ("AppliedDate", "10/02/2026", "“10/02/2026” is not a date written YYYY-MM-DD"),
    ("AppliedDate", "٢٠٢٦-١٠-٠٢", "“٢٠٢٦-١٠-٠٢” is not a date written YYYY-MM-DD"),
    ("Fee", "245.00", "“245.00” is not a whole number written in digits (BLDS types it "
                      "INTEGER): write 245"),
    ("Fee", "1,245", "“1,245” is not a whole number written in digits (BLDS types it "
                     "INTEGER)"),
    ("Fee", "-5", "“-5” is below zero"),
    ("TotalSqFt", "１２００", "“１２００” is not a whole number written in digits (BLDS types it "
                            "INTEGER)"),
    ("TotalSqFt", "1" * 5000, "“1111111111111111111111111111111111111111…” is beyond "
                              "±9,007,199,254,740,991, more than readers keep exactly"),
    ("HousingUnits", Decimal("2.5"), "“2.5” is not a whole number written in digits (BLDS "
                                     "types it INTEGER)"),
    ("Fee", Decimal("245.0"), "“245.0” is not a whole number written in digits (BLDS types "
                              "it INTEGER): write 245"),
    ("EstProjectCost", ".5", "“.5” is not a number written with digits and a decimal point"),
    ("EstProjectCost", "$25,000", "“$25,000” is not a number written with digits and a "
                                  "decimal point"),
    ("EstProjectCost", Decimal("NaN"), "“NaN” is not a number written with digits and a "
                                       "decimal point"),
    ("EstProjectCost", True, "true is not a number written with digits and a decimal point"),
    ("Latitude", "91", "“91” is outside -90 to 90 degrees"),
    ("Longitude", Decimal("-180.5"), "“-180.5” is outside -180 to 180 degrees"),
    ("Latitude", "1e999999999999999999999", "“1e999999999999999999999” is beyond ±1.8e308, "
                                            "more than readers can hold"),
    ("StatusCurrentMapped", "Issued", "“Issued” is not one of BLDS's values"),
    ("PermitNum", 42, "“42”: must be text"),
    ("Description", ["x"], "a JSON array: must be text"),
    ("ExtraFields", "[1, 2]", "a JSON array: must be a JSON object"),
    ("ExtraFields", "{not json", "not JSON text"),
    ("ExtraFields", '{"a": 1, "a": 2}', "repeats the key “a”"),
    ("ExtraFields", "[" * 100_000, "nested too deeply to read"),
])
def test_every_typed_field_is_checked_against_its_blds_type(field, value, message):
    assert errors({**PERMIT, field: value}) == [(field, message)]


@pytest.mark.parametrize(("field", "value"), [
    ("Fee", "245"), ("Fee", Decimal("245")), ("Fee", 245), ("TotalSqFt", "9007199254740991"),
    ("EstProjectCost", "25000.00"), ("EstProjectCost", "0.5"),
    ("EstProjectCost", Decimal("1E+3")), ("Latitude", "-90"), ("Longitude", 180.0),
    ("ExtraFields", '{"Zoning": "R1"}'), ("ExtraFields", JsonObject(Zoning="R1")),
    ("Fee", ""), ("Latitude", None), ("TotalFinishedSqFt", "about 1,200"),
])
def test_values_of_the_right_type_or_empty_pass(field, value):
    assert errors({**PERMIT, field: value}) == []


def test_fields_blds_does_not_have_are_reported_and_personal_contact_ones_are_errors():
    check = FileCheck(PERMITS)
    found = {p.field: p for p in check.header([
        *PERMIT, "Ward", "OwnerName", "applicant_email", "Phone", "ContactInfo", "FeeExact",
        "InspType", "", "ContractorPhone", "ContractorEmail"])}
    assert (found["Ward"].level, found["Ward"].message) == (
        WARNING, "not a field of the BLDS permits dataset")
    assert found["InspType"].level == WARNING, "an inspections field, not a permits one"
    for personal in ("OwnerName", "applicant_email", "Phone", "ContactInfo"):
        assert found[personal].level == ERROR
        assert found[personal].message == ("looks like personal contact data, which open data "
                                           "must not carry")
    assert found["FeeExact"].level == NOTE and "Permitline's own" in found["FeeExact"].message
    assert found["(no name)"].level == ERROR
    assert "ContractorPhone" not in found and "ContractorEmail" not in found, (
        "BLDS's own fields for a contractor's business contact")
    assert check.record(1, {**PERMIT, "Ward": "3", "FeeExact": "395.50"}) == [], (
        "each field reported once, with the header")
    assert check.record(2, {**PERMIT, "PermitNum": "B2", "Ward": 3}) == [], (
        "a field BLDS does not have has no type to break")
    [leak] = check.record(3, {**PERMIT, "PermitNum": "B3", "Ward": "ward3@example.org"})
    assert (leak.field, leak.level) == ("Ward", ERROR)


def test_a_json_record_reports_each_unexpected_key_the_first_time_it_appears():
    check = FileCheck(STATUS_CHANGES)
    record = {"PermitNum": "BLD2026-00042", "StatusPrevious": "Issued", "OwnerPhone": ""}
    assert [(p.row, p.field, p.level) for p in check.record(4, record)] == [
        (4, "OwnerPhone", ERROR)]
    assert check.record(5, record) == []


@pytest.mark.parametrize(("field", "value", "message"), [
    ("Description", "Call the owner at (323) 555-0142 for access",
     "holds a phone number, which open data must not carry"),
    ("Description", "Owner: +1 323.555.0142", "holds a phone number, which open data must "
                                             "not carry"),
    ("ProjectName", "Send plans to jane.doe@example.com", "holds an e-mail address, which "
                                                          "open data must not carry"),
    ("OriginalAddress2", "c/o maria@example.org", "holds an e-mail address, which open data "
                                                   "must not carry"),
])
def test_values_that_are_someones_phone_or_e_mail_are_errors(field, value, message):
    assert errors({**PERMIT, field: value}) == [(field, message)]


def test_numbers_that_only_look_like_phone_numbers_pass():
    assert errors({**PERMIT, "PIN": "4337-012-034", "Description": "Remodel 323 sq ft, "
                   "permit BLD2026-00042, valuation 25,000.00, on 2026-11-23",
                   "ContractorPhone": "(323) 555-0100", "ContractorEmail": "office@acme.example"
                   }) == []


def test_feeexact_is_an_amount_in_dollars_and_cents():
    check = FileCheck(PERMITS)
    check.header([*PERMIT, "FeeExact"])
    assert check.record(1, {**PERMIT, "FeeExact": "395.50"}) == []
    [bad] = check.record(2, {**PERMIT, "PermitNum": "B2", "FeeExact": "395.5"})
    assert (bad.field, bad.level) == ("FeeExact", ERROR)


def test_a_file_is_recognised_by_its_fields():
    assert dataset_of(TYPES[PERMITS]) == PERMITS
    assert dataset_of(["PermitNum", "InspType", "Result"]) == INSPECTIONS
    assert dataset_of(["PermitNum", "StatusPrevious"]) == STATUS_CHANGES
    assert dataset_of(["PermitNum"]) is None and dataset_of(["name", "age"]) is None


def test_a_problem_reads_with_its_row_or_line_and_level():
    check = FileCheck(PERMITS)
    [note] = check.header([*PERMIT, "FeeExact"])
    assert str(note).startswith("row 0: FeeExact: note: not a BLDS field")
    [error] = check.record(2, {**PERMIT, "Fee": "245.00"})
    assert str(error) == ("row 2: Fee: “245.00” is not a whole number written in digits (BLDS "
                          "types it INTEGER): write 245")


def test_the_last_line_counts_records_and_problems_in_words_one_or_many():
    assert summary(PERMITS, 1, {WARNING: 1}) == "valid BLDS permits file, 1 record, 1 warning."
    assert summary(INSPECTIONS, 0, {}) == "valid BLDS inspections file, 0 records."
    assert summary(STATUS_CHANGES, 1200, {ERROR: 1, NOTE: 2, WARNING: 0}) == (
        "1 error in 1,200 records of a BLDS status-changes file, 2 notes.")
    assert summary(None, 0, {ERROR: 2}) == "2 errors in 0 records of a BLDS file."
