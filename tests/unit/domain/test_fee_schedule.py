"""Assessing a permit's fees from a schedule: worked examples, properties and bad input."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import db.rules.fee_schedules
from db.rules.fee_schedules import fee_schedules
from domain.fee_schedule import FeeInput, assess, parse_schedule, read_fee_input, schedule_on
from domain.outcomes import Accepted, Rejected
from domain.subtypes import SUBTYPES

SCHEDULE = schedule_on(fee_schedules(), date(2026, 11, 27))
BY_NAME = {subtype.name: subtype for subtype in SUBTYPES}
REROOF, REMODEL = BY_NAME["Re-roof"], BY_NAME["Residential Remodel"]
HVAC, EV, HEATER = BY_NAME["HVAC Change-out"], BY_NAME["EV Charger"], BY_NAME["Water Heater"]
TENANT = BY_NAME["Commercial Tenant Improvement"]
MULTI_FAMILY = BY_NAME["New Multi-Family Building"]


def lines(fee_input: FeeInput) -> dict[str, Decimal]:
    return {line.code: line.amount for line in assess(SCHEDULE, fee_input).lines}


def test_a_re_roof_of_113000_follows_the_fee_reference_line_by_line():
    assessment = assess(SCHEDULE, FeeInput(REROOF, Decimal(113_000), stories=2))
    assert {line.code: str(line.amount) for line in assessment.lines} == {
        "BLDG-PERMIT": "1066.55",  # $993.75 + 13 × $5.60
        "TECH": "53.33",           # 5% of 1066.55 = 53.3275, half up
        "GPM": "32.00",            # 3% of 1066.55 = 31.9965
        "SMIP": "14.69",           # $13 per $100,000, residential
        "CBSC": "5.00",            # $1 per $25,000 or fraction: 4.52 → 5
    }
    assert assessment.total == Decimal("1171.57")
    explanations = [line.explanation for line in assessment.lines]
    assert explanations[0] == "$993.75 + 13 × $5.60 per $1,000 over $100,000"
    assert "5% of the permit fee $1,066.55" in explanations


def test_a_subtype_needing_plan_review_adds_plan_check_on_the_permit_fee():
    found = lines(FeeInput(REMODEL, Decimal(100_000)))
    assert found["BLDG-PERMIT"] == Decimal("993.75")
    assert found["PLAN-CHECK"] == Decimal("645.94")  # 65% of 993.75 = 645.9375
    assert "PLAN-CHECK" not in lines(FeeInput(REROOF, Decimal(100_000)))


def test_non_residential_building_pays_the_higher_smip_rate():
    assert lines(FeeInput(TENANT, Decimal(100_000)))["SMIP"] == Decimal("28.00")
    assert lines(FeeInput(REROOF, Decimal(100_000), stories=1))["SMIP"] == Decimal("13.00")
    assert lines(FeeInput(REROOF, Decimal(2_000), stories=1))["SMIP"] == Decimal("0.50")  # min


@pytest.mark.parametrize("stories, smip", [(1, "13.00"), (3, "13.00"), (4, "28.00"),
                                           (12, "28.00")])
def test_a_multi_family_building_over_three_stories_pays_the_rate_of_other_buildings(
        stories, smip):
    """PRC §2705: the residential rate is for Group R of 1 to 3 stories (issue 14)."""
    found = assess(SCHEDULE, FeeInput(MULTI_FAMILY, Decimal(100_000), stories=stories))
    [line] = [line for line in found.lines if line.code == "SMIP"]
    assert line.amount == Decimal(smip)
    assert f"{stories} stor" in line.explanation


def test_the_stories_are_asked_where_the_building_may_be_taller_than_three():
    asked = {s.name for s in SUBTYPES if SCHEDULE.asks_stories(s)}
    assert {"New Multi-Family Building", "Residential Remodel", "Re-roof"} <= asked
    assert not asked & {"New Single-Family Dwelling", "Commercial Tenant Improvement",
                        "HVAC Change-out", "Water Heater"}


def test_an_application_of_that_work_must_say_how_many_stories():
    missing = read_fee_input(SCHEDULE, MULTI_FAMILY, "2,000,000", {})
    assert "how many stories" in missing.errors["stories"]
    assert "Stories: type the number" in read_fee_input(
        SCHEDULE, MULTI_FAMILY, "2,000,000", {}, "٤").errors["stories"]
    assert read_fee_input(SCHEDULE, MULTI_FAMILY, "2,000,000", {}, "5").value.stories == 5
    single = read_fee_input(SCHEDULE, BY_NAME["New Single-Family Dwelling"], "400,000", {})
    assert single.value.stories is None
    assert lines(single.value)["SMIP"] == Decimal("52.00")  # $13 per $100,000: a home


def test_a_schedule_saved_before_it_named_the_stories_question_still_asks_it():
    body = json.loads((Path(db.rules.fee_schedules.__file__).parent / "2026-07-01.json").read_text())
    del body["smip_stories"]
    older = parse_schedule(body)
    assert older.asks_stories(MULTI_FAMILY) and older.smip_stories.residential_most == 3
    assert assess(older, FeeInput(MULTI_FAMILY, Decimal(100_000), stories=4)).total == assess(
        SCHEDULE, FeeInput(MULTI_FAMILY, Decimal(100_000), stories=4)).total


def test_itemized_permits_pay_issuance_plus_unit_fees_and_no_smip():
    found = lines(FeeInput(EV, Decimal(3_500), {"ELE-EV": 1, "ELE-CIRCUIT": 2}))
    assert found == {"ISSUANCE": Decimal("35.00"), "ELE-CIRCUIT": Decimal("17.00"),
                     "ELE-EV": Decimal("75.00"), "TECH": Decimal("4.60"),
                     "GPM": Decimal("2.76"), "CBSC": Decimal("1.00")}


def test_an_itemized_permit_without_a_valuation_pays_no_state_fees():
    found = lines(FeeInput(HEATER, Decimal(0), {"PLM-WATER-HEATER": 1}))
    assert "CBSC" not in found and "SMIP" not in found


def test_the_schedule_in_force_is_the_latest_effective_on_or_before_the_day():
    later = replace(SCHEDULE, name="next year", effective=date(2027, 7, 1))
    schedules = (SCHEDULE, later)
    assert schedule_on(schedules, date(2027, 6, 30)) is SCHEDULE
    assert schedule_on(schedules, date(2027, 7, 1)) is later
    with pytest.raises(LookupError):
        schedule_on(schedules, date(2026, 6, 30))


valuations = st.decimals(min_value=1, max_value=50_000_000, places=2, allow_nan=False,
                         allow_infinity=False)
subtypes = st.sampled_from(SUBTYPES)


@given(subtypes, valuations, st.dictionaries(
    st.sampled_from([i.code for items in SCHEDULE.items.values() for i in items]),
    st.integers(0, 20)))
def test_the_total_is_the_sum_of_the_rounded_lines(subtype, valuation, quantities):
    assessment = assess(SCHEDULE, FeeInput(subtype, valuation, quantities))
    assert assessment.total == sum(line.amount for line in assessment.lines)
    assert all(line.amount == line.amount.quantize(Decimal("0.01")) for line in assessment.lines)
    assert all(line.explanation for line in assessment.lines)


@given(subtypes, valuations, valuations)
def test_a_higher_valuation_never_costs_less(subtype, a, b):
    low, high = sorted((a, b))
    assert assess(SCHEDULE, FeeInput(subtype, low)).total <= assess(
        SCHEDULE, FeeInput(subtype, high)).total


@pytest.mark.parametrize("text, message", [
    ("abc", "Valuation: enter the number in digits, like $18,500.50."),
    ("-5", "cannot be negative"),
    ("NaN", "Valuation: enter the number in digits"),
    ("Infinity", "Valuation: enter the number in digits"),
    ("1e400", "Valuation: enter the number in digits"),
    ("600,000,000", "at most $500,000,000.00"),
    ("1" + "0" * 5000, "at most $500,000,000.00"),
    ("12.345", "at most two digits after the point (cents)"),
    ("0", "Enter the valuation of the work"),
    ("١٠٠٠", "Valuation: type the number with the digits 0 to 9"),
    ("１０００", "Valuation: type the number with the digits 0 to 9"),
    ("1_000", "Valuation: enter the number in digits"),
    ("1,0,0,0", "Valuation: put commas only between groups of three digits"),
    ("1,5", "Valuation: put commas only between groups of three digits"),
])
def test_bad_valuations_are_refused_with_a_message(text, message):
    outcome = read_fee_input(SCHEDULE, REROOF, text, {})
    assert isinstance(outcome, Rejected) and message in outcome.errors["valuation"]


def test_valuations_may_be_typed_with_dollar_signs_and_commas():
    outcome = read_fee_input(SCHEDULE, REROOF, "$18,500.00", {}, "2")
    assert outcome == Accepted(FeeInput(REROOF, Decimal("18500.00"), {}, 2))


@pytest.mark.parametrize("quantity, message", [
    ("-1", "from 0 to 20"), ("21", "from 0 to 20"), ("1" + "0" * 5000, "from 0 to 20"),
    ("2.5", "Air conditioner or heat pump: enter a whole number."),
    ("٣", "Air conditioner or heat pump: type the number with the digits 0 to 9"),
    ("1_0", "Air conditioner or heat pump: enter the number in digits"),
    ("many", "Air conditioner or heat pump: enter the number in digits"),
])
def test_bad_quantities_are_refused_beside_their_item(quantity, message):
    outcome = read_fee_input(SCHEDULE, HVAC, "", {"MEC-AC": quantity})
    assert message in outcome.errors["item-MEC-AC"]


def test_too_many_items_in_all_are_refused():
    outcome = read_fee_input(SCHEDULE, EV, "", {"ELE-CIRCUIT": "100", "ELE-SOLAR-KW": "100",
                                               "ELE-EV": "20"})
    assert "at most 200 items" in outcome.errors["items"]


def test_quantities_of_another_trade_are_ignored():
    outcome = read_fee_input(SCHEDULE, HVAC, "", {"ELE-EV": "3", "MEC-AC": "2"})
    assert outcome.value.quantities == {"MEC-AC": 2}


def test_the_plan_check_percentage_is_set_per_subtype():
    found = lines(FeeInput(TENANT, Decimal(100_000)))
    assert found["PLAN-CHECK"] == Decimal("844.69")  # 85% of 993.75 = 844.6875
    assert SCHEDULE.plan_check_rate(REMODEL) == Decimal("0.65")
    assert SCHEDULE.plan_check_rate(REROOF) == 0
