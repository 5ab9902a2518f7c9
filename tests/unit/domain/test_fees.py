"""Fee lines follow the fee reference: Table 1-A brackets, plan check, SMIP and CBSC."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from domain.fees import (
    UBC_1997_TABLE_1A, building_permit_fee, cbsc_fee, plan_check_fee, smip_fee, unit_fee,
)

valuations = st.decimals(min_value=0, max_value=50_000_000, places=2, allow_nan=False,
                         allow_infinity=False)


@pytest.mark.parametrize("valuation, fee", [
    (1, "23.50"), (500, "23.50"), (501, "26.55"), (2_000, "69.25"), (2_001, "83.25"),
    (25_000, "391.25"), (50_000, "643.75"), (100_000, "993.75"), (113_000, "1066.55"),
    (500_000, "3233.75"), (1_000_000, "5608.75"), (1_000_001, "5611.90"),
])
def test_building_permit_fee_matches_the_worked_brackets_of_table_1a(valuation, fee):
    assert building_permit_fee(valuation).amount == Decimal(fee)


def test_building_permit_fee_explains_its_formula_in_words():
    line = building_permit_fee(113_000)
    assert line.explanation == "$993.75 + 13 × $5.60 per $1,000 over $100,000"
    assert building_permit_fee(300).explanation == "$23.50 for the first $500"


def test_a_fraction_of_a_step_is_charged_as_a_whole_step():
    assert building_permit_fee(Decimal("100000.01")).amount == Decimal("999.35")


@pytest.mark.parametrize("index", range(len(UBC_1997_TABLE_1A) - 1))
def test_the_fee_at_each_brackets_upper_limit_equals_the_next_brackets_base(index):
    bracket, following = UBC_1997_TABLE_1A[index], UBC_1997_TABLE_1A[index + 1]
    assert building_permit_fee(bracket.upper).amount == following.base


@given(valuations, valuations)
def test_the_building_permit_fee_never_decreases_as_valuation_grows(a, b):
    low, high = sorted((a, b))
    assert building_permit_fee(low).amount <= building_permit_fee(high).amount


@given(valuations)
def test_the_building_permit_fee_is_continuous_where_brackets_meet(valuation):
    # Just above a bracket's upper limit the fee is the next base plus one step at most.
    for bracket, following in zip(UBC_1997_TABLE_1A, UBC_1997_TABLE_1A[1:]):
        if valuation > bracket.upper and valuation <= bracket.upper + following.step:
            assert building_permit_fee(valuation).amount == following.base + following.rate


@given(valuations)
def test_every_fee_is_in_whole_cents(valuation):
    for line in (building_permit_fee(valuation), smip_fee(valuation, True),
                 smip_fee(valuation, False), cbsc_fee(valuation)):
        assert line.amount == line.amount.quantize(Decimal("0.01"))


def test_plan_check_is_65_percent_of_the_permit_fee_rounded_half_up():
    line = plan_check_fee(Decimal("26.55"))
    assert line.amount == Decimal("17.26")
    assert line.explanation == "65% of the permit fee $26.55"


@pytest.mark.parametrize("valuation, residential, fee", [
    (100_000, True, "13.00"), (100_000, False, "28.00"), (1_000, True, "0.50"),
    (38_500, True, "5.01"), (123_456, False, "34.57"),
])
def test_smip_is_13_or_28_dollars_per_100000_with_a_50_cent_minimum(valuation, residential, fee):
    assert smip_fee(valuation, residential).amount == Decimal(fee)


def test_smip_says_when_the_minimum_applies():
    assert smip_fee(1_000, True).explanation.startswith("minimum $0.50")


@pytest.mark.parametrize("valuation, fee", [
    (0, 1), (1, 1), (25_000, 1), (25_001, 2), (50_000, 2), (50_001, 3), (75_000, 3),
    (75_001, 4), (100_000, 4),
])
def test_cbsc_is_one_dollar_per_25000_or_fraction_minimum_one(valuation, fee):
    assert cbsc_fee(valuation).amount == Decimal(fee)


@given(valuations)
def test_smip_never_falls_below_50_cents_and_cbsc_never_below_one_dollar(valuation):
    assert smip_fee(valuation, True).amount >= Decimal("0.50")
    assert cbsc_fee(valuation).amount >= 1


def test_a_unit_fee_multiplies_the_quantity_and_says_so():
    line = unit_fee("PLM-FIXTURE", "Plumbing fixtures", 3, Decimal("16.00"), "fixture")
    assert line.amount == Decimal("48.00")
    assert line.explanation == "3 × $16.00 per fixture"
