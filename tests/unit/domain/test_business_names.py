"""Business names from the state's capitals shown the way the companies write them."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.business_names import CAPITALS, display_business_name


@pytest.mark.parametrize("name, shown", [
    ("PARK REMODELING LLC", "Park Remodeling LLC"),
    ("ACME ROOFING INC", "Acme Roofing Inc"),
    ("SMITH CONSTRUCTION CO.", "Smith Construction Co."),
    ("WESTSIDE BUILDERS, INC.", "Westside Builders, Inc."),
    ("HARBOR PARTNERS LP", "Harbor Partners LP"),
    ("JOHN SMITH III", "John Smith III"),
    ("SMITH JOHN DBA SMITH PLUMBING", "Smith John DBA Smith Plumbing"),
    ("J.R. BUILDERS", "J.R. Builders"),
    ("J R K ELECTRIC", "J R K Electric"),
    ("JMK ELECTRIC", "JMK Electric"),
    ("A&B ROOFING", "A&B Roofing"),
    ("O'BRIEN & MCKAY CO.", "O'Brien & McKay Co."),
    ("MCDONALD PLUMBING", "McDonald Plumbing"),
    ("D'ANGELO ELECTRIC", "D'Angelo Electric"),
    ("JOE'S PLUMBING", "Joe's Plumbing"),
    ("SMITH-JONES CONSTRUCTION", "Smith-Jones Construction"),
    ("A-1 ROOFING", "A-1 Roofing"),
    ("BANK OF THE WEST", "Bank of the West"),
    ("THE BEST 1ST CHOICE HVAC", "The Best 1st Choice HVAC"),
    ("JOSÉ GARCÍA CONSTRUCCIÓN", "José García Construcción"),
    ("acme roofing inc", "Acme Roofing Inc"),
])
def test_names_in_capitals_are_shown_as_the_company_writes_them(name, shown):
    assert display_business_name(name) == shown


@pytest.mark.parametrize("written, shown", [
    # What str.title() made of the license file's names, mended where they are shown.
    ("Park Remodeling Llc", "Park Remodeling LLC"),
    ("Joe'S Plumbing", "Joe's Plumbing"),
    ("Mcdonald Plumbing", "McDonald Plumbing"),
    ("Harbor Partners Llp Dba Harbor Homes", "Harbor Partners LLP DBA Harbor Homes"),
    # What a person typed in mixed case stays as typed.
    ("deVries Design-Build", "deVries Design-Build"),
    ("Call Us Plumbing", "Call Us Plumbing"),
    ("McKay & Sons, Inc.", "McKay & Sons, Inc."),
])
def test_names_typed_in_mixed_case_keep_their_case_except_what_title_case_broke(written,
                                                                                    shown):
    assert display_business_name(written) == shown


WORDS = st.lists(st.one_of(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10),
    st.sampled_from(sorted(CAPITALS | {"INC.", "CO.", "MC", "O'", "'S", "&", "-", "1ST", "A.B."})),
), min_size=1, max_size=6)


@given(WORDS.map(" ".join))
def test_only_the_case_of_a_name_changes(name):
    assert display_business_name(name).upper() == name


@given(st.text(max_size=40))
def test_showing_a_name_twice_changes_nothing_more(name):
    once = display_business_name(name)
    assert display_business_name(once) == once


@given(WORDS.map(" ".join))
def test_legal_forms_and_roman_numerals_stay_in_capitals(name):
    shown = display_business_name(name).split()
    for typed, word in zip(name.split(), shown):
        if typed in CAPITALS:
            assert word == typed
