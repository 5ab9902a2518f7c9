"""BLDS records in the standard's words and types: what Permitline writes validates."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.blds import (
    FIELDS, INSPECTIONS, PERMITS, STATUS_CHANGES, Publisher, edition, inspection_record,
    permit_record, status_change_record
)
from domain.blds_checks import ERROR, FileCheck

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
    """The record's errors and warnings (Permitline's own FeeExact is a note)."""
    return [(p.field, p.message) for p in FileCheck(dataset).record(1, record)
            if p.level == ERROR or p.field != "FeeExact"]


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
    assert record["CompletedDate"] == ""
    assert problems(PERMITS, record) == []
    expired = permit_record({**ROOF, "status": "Expired", "permit_class": "Commercial"}, CITY)
    assert expired["StatusCurrentMapped"] == "Permit Cancelled"
    assert expired["PermitClassMapped"] == "Non-Residential"


def test_an_inspection_carries_only_the_notes_written_for_everyone():
    row = {"permit_number": "BLD2026-00042", "type_code": "199", "type_name": "Building Final",
           "result": None, "status": "Cancelled", "scheduled_for": date(2026, 12, 2),
           "inspected_on": None, "public_notes": "", "requested_on": date(2026, 11, 30),
           "reinspection": False, "inspector": None, "private_notes": "Gate code 4471#"}
    record = inspection_record(row, FIRST_CATALOG.by_code)
    assert list(record) == list(FIELDS[INSPECTIONS])
    assert (record["Result"], record["ResultMapped"]) == ("Cancelled", "Cancelled")
    assert record["InspTypeMapped"] == "Building Final" and record["Final"] == "Yes"
    assert "Gate code" not in str(record)
    assert problems(INSPECTIONS, record) == []
    failed = inspection_record({**row, "result": "Corrections required", "status": "Completed",
                                "type_code": "145", "reinspection": True},
                               FIRST_CATALOG.by_code)
    assert (failed["ResultMapped"], failed["Final"], failed["ReInspection"]) == (
        "Rejected", "No", "Yes")


def test_a_cancelled_inspection_credits_no_inspector_and_no_system_words_as_notes():
    row = {"permit_number": "BLD2026-00042", "type_code": "145",
           "type_name": "Re-roof Underlayment", "result": "Cancelled", "status": "Cancelled",
           "scheduled_for": date(2026, 12, 2), "inspected_on": None,
           "public_notes": "Cancelled by the contractor.", "requested_on": date(2026, 11, 30),
           "reinspection": False, "inspector": "Rosa Delgado"}
    cancelled = inspection_record(row, FIRST_CATALOG.by_code)
    assert (cancelled["Inspector"], cancelled["InspectionNotes"]) == ("", "")
    on_site = inspection_record({**row, "inspected_on": date(2026, 12, 2),
                                 "public_notes": "Owner asked to cancel at the door."},
                                FIRST_CATALOG.by_code)
    assert on_site["Inspector"] == "", "a cancelled inspection was not inspected"
    assert on_site["InspectionNotes"] == "Owner asked to cancel at the door.", (
        "what the inspector wrote on site is theirs")
    done = inspection_record({**row, "result": "Approved", "status": "Completed",
                              "inspected_on": date(2026, 12, 2), "public_notes": ""},
                             FIRST_CATALOG.by_code)
    assert done["Inspector"] == "Rosa Delgado"


def test_a_status_the_permit_had_uses_the_status_change_lists_words():
    record = status_change_record({"permit_number": "BLD2026-00042", "to_status": "Approved",
                                   "changed_on": date(2026, 11, 20)})
    assert record == {"PermitNum": "BLD2026-00042", "StatusPrevious": "Approved",
                      "StatusPreviousDate": "2026-11-20", "StatusPreviousMapped": "In Review"}
    assert problems(STATUS_CHANGES, record) == []


def test_fees_are_whole_dollars_as_blds_types_them_with_the_exact_amount_beside():
    record = permit_record(ROOF, CITY)
    assert record["Fee"] == 396, "BLDS's Fee is an INTEGER: $395.50 to the nearest dollar"
    assert record["FeeExact"] == "395.50"
    assert permit_record({**ROOF, "fee": Decimal("245.00")}, CITY)["Fee"] == 245
    assert permit_record({**ROOF, "fee": Decimal("245.49")}, CITY)["Fee"] == 245
    none = permit_record({**ROOF, "fee": None}, CITY)
    assert (none["Fee"], none["FeeExact"]) == (None, ""), "no fee items: no fee, not 0"
    assert list(record)[-1] == "FeeExact", "Permitline's own column comes after BLDS's"


def test_numbers_are_numbers_and_an_unknown_one_is_none():
    record = permit_record(ROOF, CITY)
    assert (record["EstProjectCost"], record["Latitude"], record["Longitude"]) == (
        Decimal("25000.00"), 34.09, -118.385)
    bare = permit_record({**ROOF, "valuation": None, "latitude": None, "longitude": None}, CITY)
    assert (bare["EstProjectCost"], bare["Latitude"], bare["Longitude"]) == (None, None, None)
    assert problems(PERMITS, bare) == []


def test_reinspection_says_whether_one_is_needed_as_blds_defines_it():
    row = {"permit_number": "BLD2026-00042", "type_code": "110",
           "type_name": "Footings/Foundation", "result": "Corrections required",
           "status": "Completed", "scheduled_for": date(2026, 11, 25),
           "inspected_on": date(2026, 11, 25), "public_notes": "Add hold-downs.",
           "requested_on": date(2026, 11, 24), "reinspection": True, "inspector": "J. Inspector"}

    def reinspection(**changes) -> str:
        return inspection_record({**row, **changes}, FIRST_CATALOG.by_code)["ReInspection"]

    assert reinspection() == "Yes", "the inspector said a reinspection is needed"
    assert reinspection(reinspection=False) == "No", "corrections to be seen at the next visit"
    assert reinspection(result="Approved") == "No", (
        "an approval needs no reinspection, even when it was itself one")
    assert reinspection(result=None, status="Cancelled") == "No"


TYPES = FIRST_CATALOG.by_code
LA = "America/Los_Angeles"


def test_a_files_edition_changes_with_each_setting_that_shapes_its_records():
    kept = edition(PERMITS, "csv", CITY, LA, TYPES)
    assert edition(PERMITS, "csv", CITY, LA, TYPES) == kept
    for other in (Publisher(CITY.jurisdiction, "https://permits.weho.gov"),
                  Publisher("City of Springfield", CITY.base_url)):
        assert edition(PERMITS, "csv", other, LA, TYPES) != kept, other
    assert edition(PERMITS, "csv", CITY, "America/Denver", TYPES) != kept, "StatusDate's day"
    assert edition(PERMITS, "json", CITY, LA, TYPES) != kept
    assert edition(STATUS_CHANGES, "csv", CITY, LA, TYPES) != kept
    remapped = {**TYPES, "110": replace(TYPES["110"], blds="Foundation")}
    inspections = edition(INSPECTIONS, "csv", CITY, LA, TYPES)
    assert edition(INSPECTIONS, "csv", CITY, LA, remapped) != inspections, "InspTypeMapped"
    assert edition(PERMITS, "csv", CITY, LA, remapped) == kept, "no inspection in a permit"


def test_a_files_edition_is_the_same_in_another_process_so_a_restart_finds_its_copy():
    code = ("from domain.blds import Publisher, edition\n"
            "from db.rules.inspection_catalogs import FIRST_CATALOG\n"
            f"print(edition('inspections', 'csv', Publisher({CITY.jurisdiction!r}, "
            f"{CITY.base_url!r}), {LA!r}, FIRST_CATALOG.by_code))")
    root = Path(__file__).resolve().parents[3]
    names = {subprocess.run([sys.executable, "-c", code], cwd=root, check=True, text=True,
                            capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}
                            ).stdout.strip() for seed in ("1", "2")}
    assert names == {edition(INSPECTIONS, "csv", CITY, LA, TYPES)}
