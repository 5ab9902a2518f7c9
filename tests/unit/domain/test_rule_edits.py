"""New versions of the rules: when they may take effect, and the forms' fields read back."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from domain.fee_edits import fee_fields, read_fee_form
from domain.fee_schedule import parse_schedule
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType
from domain.policy_edits import holiday_names, policy_fields, read_policy_form
from domain.rule_edits import (
    CHECKLISTS, FEES, INSPECTION_TYPES, SCHEDULING, changes, effective_problem, read_effective,
    read_money, read_rate, saved_changes, version_subject, who_saved, withdraw_problem
)
from domain.scheduling import closed_days, holidays_of, parse_policy

ROOT = Path(__file__).resolve().parents[3]
POLICY_BODY = json.loads((ROOT / "db/rules/scheduling_policies/2026-07-01.json").read_text())
FEE_BODY = json.loads((ROOT / "db/rules/fee_schedules/2026-07-01.json").read_text())
TODAY = date(2026, 12, 1)
PUBLIC = ["New Year's Day", "Independence Day", "Independence Day (observed)",
          "Susan B. Anthony Day", "Diwali", "Christmas Day"]


def test_a_new_version_takes_effect_after_today_and_one_in_force_never_changes():
    assert effective_problem(date(2026, 12, 2), TODAY, set()) is None
    assert effective_problem(date(2027, 1, 1), TODAY, {date(2027, 1, 1)}) is None, "replaced"
    for day in (TODAY, date(2026, 11, 30)):
        assert effective_problem(day, TODAY, set()).startswith(
            "Choose a date after today (Tuesday 1 December 2026)")
    assert "block the day on the inspection board" in effective_problem(TODAY, TODAY, set(),
                                                                          SCHEDULING)
    # Second reader: the board's advice was given for checklists and fees too.
    for kind in (FEES, INSPECTION_TYPES, CHECKLISTS):
        assert "inspection board" not in effective_problem(TODAY, TODAY, set(), kind)
    assert "already in force and cannot change" in effective_problem(TODAY, TODAY, {TODAY})
    assert effective_problem(date(2207, 1, 1), TODAY, set()) == (
        "Choose a date within the next five years.")


def test_only_a_version_not_yet_in_force_can_be_withdrawn():
    assert withdraw_problem(date(2026, 12, 2), TODAY) is None
    assert "already in force" in withdraw_problem(TODAY, TODAY)
    assert "already in force" in withdraw_problem(date(2026, 7, 1), TODAY)


@pytest.mark.parametrize("text", ["", "tomorrow", "2026-02-30", "12/24/2026"])
def test_an_effective_date_that_is_not_a_date_says_how_to_write_one(text):
    assert read_effective(text, TODAY, set()) == Rejected(
        {"effective": "Enter the date the version takes effect, like 2027-01-01."})


def test_money_is_dollars_and_cents_and_rates_are_decimals():
    assert read_money("45", Decimal(100)) == Decimal("45.00")
    assert read_money(" $1,234.5 ", Decimal(10_000)) == Decimal("1234.50")
    for bad in ("forty", "45.999", "-1", "NaN", "Infinity", "1e9", "", "200"):
        assert read_money(bad, Decimal(100)) is None, bad
    assert read_rate("0.65", Decimal(2)) == Decimal("0.65")
    for bad in ("65%", "2.5", "-0.1", "0.0000001", "sNaN"):
        assert read_rate(bad, Decimal(2)) is None, bad


def test_the_audit_trail_gets_what_changed_and_not_how_it_was_written():
    before = {"name": "A", "issuance_fee": "35.00",
              "items": {"MEC": [{"code": "MEC-AC", "price": "45.00"}]},
              "valuation_table": [{"over": "0", "rate": "0"}]}
    after = {**before, "issuance_fee": "40.00", "valuation_table": [{"over": "0", "rate": "0.00"}],
             "items": {"MEC": [{"code": "MEC-AC", "price": "50.00"}]}}
    assert changes(before, after) == ("issuance_fee: 35.00; items MEC MEC-AC price: 45.00",
                                      "issuance_fee: 40.00; items MEC MEC-AC price: 50.00")
    assert changes(before, before) == ("", "no change of values")
    assert changes(None, before)[0] == ""


def test_holidays_the_department_works_on_stay_open_and_closures_close():
    policy = parse_policy(POLICY_BODY)
    public = {date(2027, 2, 15): "Presidents' Day; Susan B. Anthony Day",
              date(2026, 2, 15): "Susan B. Anthony Day", date(2026, 12, 25): "Christmas Day"}
    listed = holidays_of(public, policy)
    assert [(h.day, h.open) for h in listed] == [
        (date(2026, 2, 15), True), (date(2026, 12, 25), False), (date(2027, 2, 15), False)]
    assert listed[2].names == ("Presidents' Day", "Susan B. Anthony Day")
    assert closed_days(public, policy) == {date(2026, 12, 25), date(2027, 2, 15),
                                           date(2026, 12, 24), date(2026, 12, 31)}


def policy_form(**changes) -> dict[str, str]:
    names = holiday_names(PUBLIC, POLICY_BODY["open_on_holidays"])
    return {**policy_fields(POLICY_BODY, names), "effective": "2027-01-04", **changes}


def read_policy(form):
    names = holiday_names(PUBLIC, POLICY_BODY["open_on_holidays"])
    return read_policy_form(form, POLICY_BODY, names, TODAY, {date(2026, 7, 1)})


def test_the_scheduling_form_filled_from_a_version_reads_back_as_that_version():
    outcome = read_policy(policy_form())
    assert isinstance(outcome, Accepted)
    assert outcome.value == {**POLICY_BODY, "effective": "2027-01-04",
                             "open_on_holidays": ["Diwali", "Susan B. Anthony Day"]}
    assert parse_policy(outcome.value).capacity_of("East") == 24


def test_a_holiday_worked_includes_its_observed_day_and_closures_are_read_a_line_each():
    names = holiday_names(PUBLIC, POLICY_BODY["open_on_holidays"])
    assert names == ("New Year's Day", "Independence Day", "Susan B. Anthony Day", "Diwali",
                     "Christmas Day")
    closures = "2027-01-08\n\n2026-12-24 "
    outcome = read_policy(policy_form(**{"open-independence-day": "yes", "closures": closures}))
    assert outcome.value["open_on_holidays"] == [
        "Diwali", "Independence Day", "Susan B. Anthony Day"]
    assert outcome.value["closures"] == ["2026-12-24", "2027-01-08"]
    # The name covers the observed day of any year: Veterans Day 2028 is a Saturday, observed
    # on Friday 10 November.
    policy = parse_policy({**POLICY_BODY, "open_on_holidays": ["Veterans Day"]})
    observed = {date(2028, 11, 10): "Veterans Day (observed)",
                date(2028, 11, 23): "Thanksgiving Day"}
    assert [(h.day, h.open) for h in holidays_of(observed, policy)] == [
        (date(2028, 11, 10), True), (date(2028, 11, 23), False)]


def test_huge_or_foreign_numbers_and_negative_zero_are_refused_not_a_crash():
    outcome = read_policy(policy_form(lead_business_days="9" * 5000,
                                      request_cutoff="15:0\u0665", default_capacity="\u0665"))
    assert set(outcome.errors) == {"lead_business_days", "request_cutoff", "default_capacity"}
    assert read_money("-0", Decimal("100")) is None and read_rate("-0.0", Decimal("1")) is None
    assert read_money("0", Decimal("100")) == Decimal("0.00")


def test_each_bad_scheduling_field_gets_its_own_message():
    outcome = read_policy(policy_form(
        effective="2026-07-01", request_cutoff="3pm", cancel_cutoff="25:00",
        lead_business_days="-1", horizon_days="0", default_capacity="501",
        **{"capacity-1": "lots", "closures": "2027-01-08\n8 Jan 2027"}))
    assert set(outcome.errors) == {"effective", "request_cutoff", "cancel_cutoff",
                                   "lead_business_days", "horizon_days", "default_capacity",
                                   "capacity-1", "closures"}
    assert outcome.errors["request_cutoff"] == (
        "Enter the request cut-off on the 24-hour clock, like 15:00.")
    assert outcome.errors["capacity-1"].startswith("Enter the capacity of Central as")
    assert outcome.errors["closures"] == (
        "Line 2: “8 Jan 2027” is not a date. Write one date a line, like 2026-12-24.")


def read_fees(**changes):
    return read_fee_form({**fee_fields(FEE_BODY), "effective": "2027-07-01", **changes},
                         FEE_BODY, TODAY, {date(2026, 7, 1)})


def test_the_fee_form_keeps_the_structure_and_changes_only_names_and_numbers():
    outcome = read_fees(name="Fiscal year 2027-28 fee schedule", issuance_fee="37.5",
                        **{"item-ELE-EV-price": "$80", "plan-1": "0.9",
                           "surcharge-TECH-rate": "0.04"})
    schedule = parse_schedule(outcome.value)
    assert (schedule.name, schedule.effective) == ("Fiscal year 2027-28 fee schedule",
                                                   date(2027, 7, 1))
    assert schedule.issuance_fee == Decimal("37.50")
    assert schedule.plan_check_rates["New Multi-Family Building"] == Decimal("0.9")
    [ev] = [i for i in schedule.items_of(PermitType.ELECTRICAL) if i.code == "ELE-EV"]
    assert ev.price == Decimal("80.00")
    assert [s.rate for s in schedule.surcharges] == [Decimal("0.04"), Decimal("0.03")]
    assert "note" not in outcome.value
    original = parse_schedule(FEE_BODY)
    assert replace(schedule, name=original.name, effective=original.effective,
                   issuance_fee=original.issuance_fee, plan_check_rates=original.plan_check_rates,
                   items=original.items, surcharges=original.surcharges) == original


def test_bad_money_is_refused_with_what_to_type_beside_each_field():
    outcome = read_fees(name=" ", issuance_fee="thirty", **{
        "item-MEC-AC-price": "45.999", "item-MEC-AC-max": "0", "bracket-2-base": "20.00",
        "bracket-2-rate": "-3", "plan-0": "65%", "surcharge-GPM-rate": "1.5"})
    assert outcome.errors == {
        "name": "Enter a name of at most 120 characters, like “Fiscal year 2026-27 fee "
                "schedule”.",
        "issuance_fee": "Enter the issuance fee in dollars, like 35.00.",
        "plan-0": "Enter the plan check rate of every other subtype with plan review as a "
                  "decimal from 0 to 2, like 0.65 for 65% of the permit fee.",
        "bracket-2-base": "Enter a base fee of at least $23.50, the one before: the fee never "
                          "drops as the valuation grows.",
        "bracket-2-rate": "Enter the fee per $1,000 in dollars, like 14.00.",
        "item-MEC-AC-price": "Air conditioner or heat pump: enter the price in dollars, like "
                             "45.00.",
        "item-MEC-AC-max": "Air conditioner or heat pump: enter the most a permit may have as a "
                           "whole number from 1 to 1,000.",
        "surcharge-GPM-rate": "General plan maintenance fee: enter the rate as a decimal from 0 "
                              "to 1, like 0.05 for 5% of the permit fee.",
    }


def test_the_audit_log_names_a_version_and_says_what_saving_or_withdrawing_it_did():
    assert version_subject("fees", date(2027, 1, 1)) == "rules: fees 2027-01-01"
    assert version_subject("fees", "2026-07-01") == "rules: fees 2026-07-01"
    assert saved_changes("base fee: 120.00", False) == "base fee: 120.00"
    assert saved_changes("base fee: 120.00", True) == (
        "replaces the version not yet in force; base fee: 120.00")
    assert who_saved("ada@example.org") == "saved by ada@example.org"
