"""The fee schedule form: a version's numbers as fields, and the fields read back.

A new version copies the latest one's structure (valuation brackets, items, surcharges): only
the name and the numbers change, so the estimator and the application forms keep their fields.
"""
from __future__ import annotations

import copy
from collections.abc import Collection, Mapping
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from domain.fee_schedule import parse_schedule
from domain.outcomes import Accepted, Rejected
from domain.reinspection_fees import read_reinspection, reinspection_fields
from domain.rule_edits import field, read_back, read_effective, read_money, read_rate, read_whole

MOST_MONEY = Decimal("1000000")
MOST_PLAN_CHECK, MOST_SURCHARGE = Decimal(2), Decimal(1)
MOST_QUANTITY = 1000
NAME_LIMIT = 120
_money_of = partial(read_money, most=MOST_MONEY)
_plan_check_rate = partial(read_rate, most=MOST_PLAN_CHECK)
_surcharge_rate = partial(read_rate, most=MOST_SURCHARGE)
_quantity = partial(read_whole, least=1, most=MOST_QUANTITY)


def _money(value: object) -> str:
    return f"{Decimal(str(value)):.2f}"


def fee_fields(body: Mapping[str, Any]) -> dict[str, str]:
    """The form filled in from a version, for the next one (the date left for the user)."""
    fields = {"name": body["name"], "issuance_fee": _money(body["issuance_fee"])}
    for i, rate in enumerate(body["plan_check_rates"].values()):
        fields[f"plan-{i}"] = str(rate)
    for i, bracket in enumerate(body["valuation_table"]):
        fields[f"bracket-{i}-base"] = _money(bracket["base"])
        fields[f"bracket-{i}-rate"] = _money(bracket["rate"])
    for items in body["items"].values():
        for item in items:
            fields[f"item-{item['code']}-price"] = _money(item["price"])
            fields[f"item-{item['code']}-max"] = str(item["max_quantity"])
    for surcharge in body["surcharges"]:
        fields[f"surcharge-{surcharge['code']}-rate"] = str(surcharge["rate"])
    fields.update(reinspection_fields(body.get("reinspection")))
    return fields


def plan_check_label(name: str) -> str:
    return "Every other subtype with plan review" if name == "default" else name


def read_fee_form(form: Mapping[str, str], template: Mapping[str, Any], today: date,
                  taken: Collection[date]) -> Accepted[dict] | Rejected:
    """A new version's JSON form from what a supervisor typed, on ``template``'s structure
    (the latest version). Errors by field, each saying what to type."""
    errors: dict[str, str] = {}
    body = copy.deepcopy(dict(template))
    body.pop("note", None)  # the first file's note describes that file
    effective = read_effective(form.get("effective", ""), today, taken)
    if isinstance(effective, Rejected):
        errors.update(effective.errors)
    else:
        body["effective"] = effective.value.isoformat()
    name = " ".join(form.get("name", "").split())
    if not name or len(name) > NAME_LIMIT:
        errors["name"] = (f"Enter a name of at most {NAME_LIMIT} characters, like “Fiscal year "
                          f"{today.year}-{(today.year + 1) % 100:02d} fee schedule”.")
    body["name"] = name
    body["issuance_fee"] = str(field(form, "issuance_fee", _money_of, "Enter the issuance fee in "
                                     "dollars, like 35.00.", errors))
    for i, subtype in enumerate(list(body["plan_check_rates"])):
        body["plan_check_rates"][subtype] = str(field(
            form, f"plan-{i}", _plan_check_rate,
            f"Enter the plan check rate of {plan_check_label(subtype).lower()} as a decimal "
            f"from 0 to {MOST_PLAN_CHECK}, like 0.65 for 65% of the permit fee.", errors))
    previous = Decimal(0)
    for i, bracket in enumerate(body["valuation_table"]):
        base = field(form, f"bracket-{i}-base", _money_of, "Enter the base fee in dollars, like "
                     "69.25.", errors)
        if base is not None and base < previous:
            errors[f"bracket-{i}-base"] = (f"Enter a base fee of at least ${previous:,.2f}, the "
                                           "one before: the fee never drops as the valuation "
                                           "grows.")
        previous = base if base is not None else previous
        rate = field(form, f"bracket-{i}-rate", _money_of, f"Enter the fee per "
                     f"${Decimal(bracket['per']):,.0f} in dollars, like 14.00.", errors)
        bracket.update(base=str(base), rate=str(rate))
    for items in body["items"].values():
        for item in items:
            key = f"item-{item['code']}"
            item["price"] = str(field(form, f"{key}-price", _money_of, f"{item['label']}: "
                                      "enter the price in dollars, like 45.00.", errors))
            item["max_quantity"] = field(
                form, f"{key}-max", _quantity,
                f"{item['label']}: enter the most a permit may have as a whole number from 1 "
                f"to {MOST_QUANTITY:,}.", errors)
    for surcharge in body["surcharges"]:
        surcharge["rate"] = str(field(
            form, f"surcharge-{surcharge['code']}-rate",
            _surcharge_rate,
            f"{surcharge['label']}: enter the rate as a decimal from 0 to 1, like 0.05 for 5% "
            "of the permit fee.", errors))
    # Offered on every version, those saved before it had the rule too (null: no fee).
    body["reinspection"] = read_reinspection(form, errors)
    if errors:
        return Rejected(errors)
    return read_back(body, parse_schedule)
