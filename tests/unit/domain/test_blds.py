"""BLDS records in the standard's words, and the validator's rules."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.blds import (
    FIELDS, INSPECTIONS, PERMITS, STATUS_CHANGES, Publisher, check_fields, check_record,
    dataset_of, inspection_record, permit_record, status_change_record,
)
from domain.inspection_types import DEFAULT_CATALOG

CITY = Publisher("City of West Hollywood", "https://permits.weho.example")
ROOF = {
    "number": "BLD2026-00042", "description": "Re-roof", "applied_on": date(2026, 10, 2),
    "issued_on": date(2026, 11, 23), "finaled_on": None, "status": "Approved",
    "permit_class": "Residential", "status_date": date(2026, 11, 23), "work_class": "Existing",
    "permit_type": "BLD", "subtype": "Re-roof", "valuation": Decimal("25000.00"),
    "contractor_name": "Acme Roofing Inc", "contractor_license": "1012345",
    "expires_on": date(2027, 5, 20), "project": 3, "project_name": "Storefront",
    "house_number": 1234, "street": "N Havenhurst Dr", "unit": "3", "city": "West Hollywood",
    "state": "CA", "zip_code": "90069", "apn": "9999-002-003", "latitude": 34.09,
    "longitude": -118.385, "fee": Decimal("395.50"),
}


def problems(dataset, record):
    return [(p.field, p.message) for p in check_record(dataset, 1, record)]


def test_a_permit_is_written_with_blds_names_mapped_values_and_its_public_link():
    record = permit_record(ROOF, CITY)
    assert list(record) == list(FIELDS[PERMITS])
    assert record["StatusCurrentMapped"] == "Fees/Payment", "approved, waiting for its fees"
    assert record["OriginalAddress1"] == "1234 N Havenhurst Dr"
    assert record["OriginalAddress2"] == "Unit 3"
    assert record["Link"] == "https://permits.weho.example/permits/BLD2026-00042"
    assert record["PermitTypeMapped"] == "Roof" and record["ContractorStateLic"] == "CA"
    assert permit_record({**ROOF, "subtype": "Residential Remodel"}, CITY)[
        "PermitTypeMapped"] == "Building"
    assert record["Fee"] == "395.50" and record["CompletedDate"] == ""
    assert all(isinstance(value, str) for value in record.values())
    assert problems(PERMITS, record) == []
    expired = permit_record({**ROOF, "status": "Expired", "permit_class": "Commercial"}, CITY)
    assert expired["StatusCurrentMapped"] == "Permit Cancelled"
    assert expired["PermitClassMapped"] == "Non-Residential"


def test_an_inspection_carries_only_the_notes_written_for_everyone():
    row = {"permit_number": "BLD2026-00042", "type_code": "199", "type_name": "Building Final",
           "result": None, "status": "Cancelled", "scheduled_for": date(2026, 12, 2),
           "inspected_on": None, "public_notes": "", "requested_on": date(2026, 11, 30),
           "reinspection": False, "inspector": None, "private_notes": "Gate code 4471#"}
    record = inspection_record(row, DEFAULT_CATALOG.by_code)
    assert list(record) == list(FIELDS[INSPECTIONS])
    assert (record["Result"], record["ResultMapped"]) == ("Cancelled", "Cancelled")
    assert record["InspTypeMapped"] == "Building Final" and record["Final"] == "Yes"
    assert "Gate code" not in str(record)
    assert problems(INSPECTIONS, record) == []
    failed = inspection_record({**row, "result": "Corrections required", "status": "Completed",
                                "type_code": "145", "reinspection": True},
                               DEFAULT_CATALOG.by_code)
    assert (failed["ResultMapped"], failed["Final"], failed["ReInspection"]) == (
        "Rejected", "No", "Yes")


def test_a_status_the_permit_had_uses_the_status_change_lists_words():
    record = status_change_record({"permit_number": "BLD2026-00042", "to_status": "Approved",
                                   "changed_on": date(2026, 11, 20)})
    assert record == {"PermitNum": "BLD2026-00042", "StatusPrevious": "Approved",
                      "StatusPreviousDate": "2026-11-20", "StatusPreviousMapped": "In Review"}
    assert problems(STATUS_CHANGES, record) == []


def test_the_validator_names_each_broken_rule():
    good = permit_record(ROOF, CITY)
    assert problems(PERMITS, {**good, "Description": " "}) == [("Description", "required, but empty")]
    assert problems(PERMITS, {**good, "AppliedDate": "", "IssuedDate": ""}) == [
        ("AppliedDate/IssuedDate", "one of the two must have a value")]
    assert problems(PERMITS, {**good, "StatusCurrentMapped": "Issued"}) == [
        ("StatusCurrentMapped", "“Issued” is not one of BLDS's values")]
    assert problems(PERMITS, {**good, "IssuedDate": "2026-02-30"}) == [
        ("IssuedDate", "“2026-02-30” is not a date written YYYY-MM-DD")]
    assert problems(PERMITS, {**good, "AppliedDate": "10/02/2026"})[0][0] == "AppliedDate"
    assert problems(PERMITS, {**good, "EstProjectCost": 25000}) == [
        ("EstProjectCost", "BLDS values are text")]
    assert problems(PERMITS, {**good, "IssuedDate": 20261123, "PermitClassMapped": ["x"]}) == [
        ("IssuedDate", "BLDS values are text"), ("PermitClassMapped", "BLDS values are text")]
    missing = {k: v for k, v in good.items() if k != "OriginalZip"}
    assert problems(PERMITS, missing) == [("OriginalZip", "required field missing")]
    assert list(check_record(PERMITS, 1, missing, frozenset(missing))) == [], (
        "a CSV without the column: its header's problem, reported once")
    assert [p.field for p in check_fields(INSPECTIONS, ["PermitNum", "InspType", "Result"])] == [
        "InspTypeMapped", "ResultMapped", "ScheduledDate/InspectedDate"]


def test_a_file_is_recognised_by_its_fields():
    assert dataset_of(FIELDS[PERMITS]) == PERMITS
    assert dataset_of(["PermitNum", "InspType", "Result"]) == INSPECTIONS
    assert dataset_of(["PermitNum", "StatusPrevious"]) == STATUS_CHANGES
    assert dataset_of(["PermitNum"]) is None and dataset_of(["name", "age"]) is None
