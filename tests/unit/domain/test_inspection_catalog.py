"""Inspection types as versions: offered or not, codes kept forever, BLDS mapping required."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.catalog_edits import (
    catalog_fields, catalog_problems, catalog_rows, read_catalog_form, undone_by_upcoming
)
from domain.inspection_requests import type_choices
from domain.inspection_types import (
    InspectionCatalog, InspectionType, catalog_body, every_type, parse_catalog
)
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType

TODAY = date(2026, 12, 1)
KNOWN = FIRST_CATALOG.by_code


def without(code: str) -> InspectionCatalog:
    """The first catalog with ``code`` no longer offered, from 2027."""
    return InspectionCatalog(date(2027, 1, 1), tuple(
        replace(t, offered=False) if t.code == code else t for t in FIRST_CATALOG.types))


def test_the_catalog_reads_back_from_its_json_form():
    assert parse_catalog(catalog_body(FIRST_CATALOG)) == FIRST_CATALOG


@pytest.mark.parametrize("change, problem", [
    ({"code": "11"}, "The code is 3 digits"),
    ({"blds": ""}, "Choose the BLDS inspection type"),
    ({"blds": "Footings"}, "Choose the BLDS inspection type"),
    ({"name": " "}, "Enter a name"),
    ({"units": 0}, "Enter the units"),
    ({"final": "no"}, "is not true or false"),
    ({"permit_type": "XYZ"}, "'XYZ' is not a valid PermitType"),
])
def test_a_type_without_a_valid_code_name_blds_mapping_or_units_does_not_load(change, problem):
    body = catalog_body(FIRST_CATALOG)
    body["types"][0] = {**body["types"][0], **change}
    with pytest.raises(ValueError, match=problem):
        parse_catalog(body)


def test_a_code_names_one_inspection_in_a_version():
    body = catalog_body(FIRST_CATALOG)
    body["types"].append({**body["types"][1], "name": "Footings again"})
    with pytest.raises(ValueError, match="a code is used twice"):
        parse_catalog(body)


def test_a_type_no_longer_offered_cannot_be_requested_but_is_still_read_by_its_code():
    catalog = without("145")
    assert catalog.find(PermitType.BUILDING, "145") is None
    assert "145" not in {t.code for t in catalog.of(PermitType.BUILDING)}
    assert catalog.by_code["145"].name == "Re-roof Underlayment"
    codes = [c.type.code for c in type_choices(catalog, PermitType.BUILDING, "Re-roof", ())]
    assert "145" not in codes and codes[0] == "195"
    assert [c for c in type_choices(catalog, PermitType.BUILDING, "Re-roof", ())
            if c.type.code == "195"][0].offered, "the final no longer waits for 145"


def test_every_type_ever_defined_keeps_the_latest_definition():
    renamed = InspectionCatalog(date(2027, 1, 1), tuple(
        replace(t, name="Footings") if t.code == "110" else t for t in FIRST_CATALOG.types))
    merged = every_type([FIRST_CATALOG, renamed])
    assert merged["110"].name == "Footings" and len(merged) == len(FIRST_CATALOG.types)


def test_types_are_never_deleted_and_a_code_keeps_its_permit_type():
    shorter = InspectionCatalog(date(2027, 1, 1), FIRST_CATALOG.types[1:])
    assert "100 is missing. Mark a type as no longer offered" in catalog_problems(
        KNOWN, shorter)["types"]
    moved = InspectionCatalog(date(2027, 1, 1), tuple(
        replace(t, permit_type=PermitType.ELECTRICAL) if t.code == "100" else t
        for t in FIRST_CATALOG.types))
    assert "The permit type of code 100 stays Building" in catalog_problems(KNOWN, moved)["types"]
    no_final = InspectionCatalog(date(2027, 1, 1), tuple(
        replace(t, offered=False) if t.code == "299" else t for t in FIRST_CATALOG.types))
    assert catalog_problems(KNOWN, no_final) == {"types": (
        "Keep a final inspection offered for electrical permits: a permit is finaled by one.")}
    assert catalog_problems(KNOWN, without("145")) == {}


def test_one_missing_type_is_missing_and_several_are():
    codes = [t.code for t in FIRST_CATALOG.types]
    one = InspectionCatalog(date(2027, 1, 1), tuple(
        t for t in FIRST_CATALOG.types if t.code != codes[2]))
    several = InspectionCatalog(date(2027, 1, 1), tuple(
        t for t in FIRST_CATALOG.types if t.code not in {codes[2], codes[3]}))
    assert catalog_problems(KNOWN, one)["types"].startswith(
        f"Inspection types are never deleted: {codes[2]} is missing. Mark a type as no longer "
        "offered instead.")
    assert catalog_problems(KNOWN, several)["types"].startswith(
        f"Inspection types are never deleted: {codes[2]}, {codes[3]} are missing. Mark a type "
        "as no longer offered instead.")


def read(**changes):
    rows = catalog_rows(FIRST_CATALOG, KNOWN)
    form = {**catalog_fields(rows), "effective": "2027-01-04", **changes}
    return read_catalog_form(form, FIRST_CATALOG, KNOWN, TODAY, {date(2026, 7, 1)})


def test_the_form_filled_from_a_version_reads_back_as_that_version():
    outcome = read()
    assert isinstance(outcome, Accepted)
    assert parse_catalog(outcome.value) == replace(FIRST_CATALOG, effective=date(2027, 1, 4))


def test_a_new_type_is_added_and_an_unchecked_one_is_no_longer_offered():
    form = {k: v for k, v in catalog_fields(catalog_rows(FIRST_CATALOG, KNOWN)).items()
            if k != "offered-175"}
    outcome = read_catalog_form({**form, "effective": "2027-01-04", "permit_type-new": "PLM",
                                 "code-new": "350", "name-new": "Backflow Preventer",
                                 "blds-new": "Water", "units-new": "1"},
                                FIRST_CATALOG, KNOWN, TODAY, set())
    catalog = parse_catalog(outcome.value)
    assert catalog.find(PermitType.PLUMBING, "350") == InspectionType(
        PermitType.PLUMBING, "350", "Backflow Preventer", "Water")
    assert not catalog.by_code["175"].offered


def test_a_new_type_needs_a_code_never_used_and_every_row_its_blds_mapping():
    outcome = read(**{"code-new": "199", "name-new": "Final again", "permit_type-new": "BLD",
                      "blds-new": "Building Final", "blds-110": "", "units-115": "9",
                      "name-120": ""})
    assert isinstance(outcome, Rejected)
    assert outcome.errors == {
        "code-new": "New inspection: code 199 is already Building Final; a code names one "
                    "inspection forever. Choose another code.",
        "blds-110": "110: choose the BLDS inspection type it maps to.",
        "units-115": "115: enter the units it takes of a district's day as a whole number "
                     "from 1 to 8 (a final takes 2).",
        "name-120": "120: enter a name of 1 to 80 characters.",
    }
    partial = read(**{"name-new": "Moisture barrier"})
    assert set(partial.errors) == {"permit_type-new", "code-new", "blds-new"}
    assert read(effective="2026-11-30").errors.keys() == {"effective"}


def test_a_version_an_upcoming_one_would_undo_names_that_version_and_its_problems():
    assert undone_by_upcoming(date(2027, 1, 1), "Inspection types are never deleted.") == (
        "The upcoming version of Friday 1 January 2027 would undo this one: Inspection types "
        "are never deleted. Save that version again first, or withdraw it.")
