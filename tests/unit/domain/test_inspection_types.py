"""The inspection catalog gives each type a 3-digit code, a name and a BLDS mapping."""
import re

import pytest

from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.inspection_types import (
    BLDS_INSP_TYPES, NEEDS_REINSPECTION, RESULT_MAPPED, RESULTS, SEQUENCES
)
from domain.permits import PermitType
from domain.subtypes import SUBTYPES
from tests.unit.domain.samples import sample

BLDS_INSP_TYPE_MAPPED = set(sample("blds_insp_type_mapped"))
BLDS_RESULT_MAPPED = {"Passed", "Rejected", "Partial", "Cancelled", "OK for Service"}
find_type, types_of, BY_CODE = FIRST_CATALOG.find, FIRST_CATALOG.of, FIRST_CATALOG.by_code


@pytest.mark.parametrize("permit_type", list(PermitType))
def test_every_permit_type_has_inspections_with_unique_three_digit_codes(permit_type):
    codes = [t.code for t in types_of(permit_type)]
    assert codes and len(codes) == len(set(codes))
    assert all(re.fullmatch(r"\d{3}", code) for code in codes)


@pytest.mark.parametrize("permit_type", list(PermitType))
def test_every_permit_type_has_a_final_inspection(permit_type):
    assert any(t.final for t in types_of(permit_type))


def test_a_code_typed_on_the_phone_names_exactly_one_inspection():
    assert len(BY_CODE) == len(FIRST_CATALOG.types)


def test_every_inspection_maps_to_an_exact_blds_inspection_type():
    assert {t.blds for t in FIRST_CATALOG.types} <= BLDS_INSP_TYPE_MAPPED
    assert BLDS_INSP_TYPES == BLDS_INSP_TYPE_MAPPED, "the editor offers exactly BLDS's list"


def test_the_residential_sequence_contractors_know_keeps_its_codes():
    assert find_type(PermitType.BUILDING, "110").name == "Footings/Foundation"
    assert find_type(PermitType.BUILDING, "115").name == "Framing"
    assert find_type(PermitType.PLUMBING, "305").name == "Underslab Plumbing"
    assert find_type(PermitType.MECHANICAL, "325").name == "Mechanical Rough"
    assert find_type(PermitType.BUILDING, "199").final


def test_a_code_of_another_trade_is_not_found_for_a_permit_type():
    assert find_type(PermitType.ELECTRICAL, "110") is None


@pytest.mark.parametrize("subtype", SUBTYPES, ids=lambda s: s.name)
def test_each_subtype_has_a_sequence_of_its_own_trade_ending_in_a_final(subtype):
    sequence = SEQUENCES[subtype.name]
    assert all(find_type(subtype.permit_type, code) for code in sequence)
    assert BY_CODE[sequence[-1]].final


def test_every_result_maps_to_a_blds_result_and_failures_need_a_reinspection():
    assert set(RESULT_MAPPED) == set(RESULTS)
    assert set(RESULT_MAPPED.values()) <= BLDS_RESULT_MAPPED
    assert {RESULT_MAPPED[r] for r in NEEDS_REINSPECTION} <= {"Rejected", "Partial"}
