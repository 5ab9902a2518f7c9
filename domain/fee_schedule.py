"""Fee schedules as data with effective dates, and the assessment of one permit's fees.

The city's numbers live in a schedule, never in code: a new fiscal year is a new version with a
later ``effective`` date (saved by a supervisor, db/rules/rule_book.py; the first is
db/rules/fee_schedules/*.json). The estimator and real assessment both call
``assess`` with the schedule in force, so they agree to the cent.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.effective_dates import in_force
from domain.fees import (
    Bracket, FeeLine, building_permit_fee, cbsc_fee, plan_check_fee, smip_fee, unit_fee
)
from domain.money import cents, format_usd
from domain.numbers import RANGE, labelled, read_amount, read_whole
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType
from domain.reinspection_fees import ReinspectionRule, parse_reinspection
from domain.subtypes import Subtype


@dataclass(frozen=True)
class UnitItem:
    code: str
    label: str
    unit: str  # "unit", "circuit", "kW": what one of the quantity is
    price: Decimal
    max_quantity: int


@dataclass(frozen=True)
class Surcharge:
    code: str
    label: str
    rate: Decimal  # of the permit fee


# Public Resources Code §2705: residential occupancies (Group R) of 1 to 3 stories pay the
# residential SMIP rate, all other buildings the higher one. The subtypes whose building may be
# taller (multi-family, or work inside one) ask its stories; the others are homes of 1 to 3.
# Versions saved before a schedule said so (issue 14) read these.
SMIP_RESIDENTIAL_STORIES = 3
SMIP_STORIES_ASKED = ("New Multi-Family Building", "Residential Remodel", "Residential Addition",
                      "Re-roof", "Window and Door Replacement", "Seismic Retrofit")
MAX_STORIES = 150  # above the tallest building in California


@dataclass(frozen=True)
class SmipStories:
    """Which work asks the building's stories, and the most at the residential SMIP rate."""
    residential_most: int = SMIP_RESIDENTIAL_STORIES
    asked_for: frozenset[str] = frozenset(SMIP_STORIES_ASKED)


@dataclass(frozen=True)
class FeeSchedule:
    name: str
    effective: date
    valuation_table: tuple[Bracket, ...]
    valuation_based: frozenset[PermitType]
    plan_check_rates: dict[str, Decimal]  # per subtype; "default" for the others
    issuance_fee: Decimal
    items: dict[PermitType, tuple[UnitItem, ...]]
    surcharges: tuple[Surcharge, ...]
    smip_types: frozenset[PermitType]
    max_valuation: Decimal
    smip_stories: SmipStories = SmipStories()
    # None: no reinspection fee (the versions saved before issue 17 §4 have none).
    reinspection: ReinspectionRule | None = None

    def asks_stories(self, subtype: Subtype) -> bool:
        """Whether the SMIP rate of this work depends on the building's stories."""
        return (subtype.permit_type in self.smip_types and subtype.residential
                and subtype.name in self.smip_stories.asked_for)

    def smip_residential(self, subtype: Subtype, stories: int | None) -> bool:
        if not subtype.residential:
            return False
        most = self.smip_stories.residential_most
        return not self.asks_stories(subtype) or (stories is not None and stories <= most)

    def items_of(self, permit_type: PermitType) -> tuple[UnitItem, ...]:
        return self.items.get(permit_type, ())

    def plan_check_rate(self, subtype: Subtype) -> Decimal:
        """The plan check percentage of a subtype that needs plan review (0: none)."""
        if not subtype.plan_review:
            return Decimal(0)
        return self.plan_check_rates.get(subtype.name, self.plan_check_rates["default"])


@dataclass(frozen=True)
class FeeInput:
    subtype: Subtype
    valuation: Decimal
    quantities: dict[str, int] = field(default_factory=dict)
    stories: int | None = None  # of the building, where the schedule asks (SMIP)


@dataclass(frozen=True)
class Assessment:
    schedule: str
    lines: tuple[FeeLine, ...]

    @property
    def total(self) -> Decimal:
        """The sum of the rounded lines (fee reference: rounding)."""
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def schedule_on(schedules: tuple[FeeSchedule, ...], day: date) -> FeeSchedule:
    return in_force(schedules, day, "fee schedule")


def assess(schedule: FeeSchedule, fee_input: FeeInput) -> Assessment:
    subtype, valuation = fee_input.subtype, fee_input.valuation
    permit_type = subtype.permit_type
    lines: list[FeeLine] = []
    if permit_type in schedule.valuation_based:
        permit_fee = building_permit_fee(valuation, schedule.valuation_table)
        lines.append(permit_fee)
        base = permit_fee.amount
    else:
        lines.append(FeeLine("ISSUANCE", "Permit issuance fee", cents(schedule.issuance_fee),
                             f"flat {format_usd(schedule.issuance_fee)} per permit"))
        item_lines = [unit_fee(item.code, item.label, quantity, item.price, item.unit)
                      for item in schedule.items_of(permit_type)
                      if (quantity := fee_input.quantities.get(item.code, 0)) > 0]
        lines += item_lines
        base = sum((line.amount for line in item_lines), Decimal("0.00"))
    rate = schedule.plan_check_rate(subtype)
    if rate:
        lines.append(plan_check_fee(base, rate))
    for surcharge in schedule.surcharges:
        percent = f"{(surcharge.rate * 100).normalize():f}%"
        lines.append(FeeLine(surcharge.code, surcharge.label, cents(base * surcharge.rate),
                             f"{percent} of the permit fee {format_usd(base)}"))
    if valuation > 0:
        if permit_type in schedule.smip_types:
            lines.append(smip_fee(valuation, schedule.smip_residential(subtype, fee_input.stories),
                                  fee_input.stories if schedule.asks_stories(subtype) else None))
        lines.append(cbsc_fee(valuation))
    return Assessment(schedule.name, tuple(lines))


MAX_ITEMS = 200


def _valuation(schedule: FeeSchedule, subtype: Subtype, text: str,
               errors: dict[str, str]) -> Decimal:
    outcome = read_amount(text.strip() or "0", most=schedule.max_valuation)
    if isinstance(outcome, Accepted):
        if subtype.permit_type in schedule.valuation_based and outcome.value < 1:
            errors["valuation"] = "Enter the valuation of the work: the cost of labor and " \
                                  "materials at fair market value."
        return outcome.value
    if RANGE not in outcome.errors:
        errors["valuation"] = labelled("Valuation", outcome)
    elif text.strip().startswith("-"):
        errors["valuation"] = "The valuation cannot be negative."
    else:
        errors["valuation"] = (f"Enter a valuation of at most {format_usd(schedule.max_valuation)}"
                               "; larger projects are assessed at the permit counter.")
    return Decimal(0)


def read_fee_input(schedule: FeeSchedule, subtype: Subtype, valuation_text: str,
                   quantity_texts: dict[str, str], stories_text: str = ""
                   ) -> Accepted[FeeInput] | Rejected:
    """What someone typed into an estimate or an application, checked; errors by field.
    Every number goes through domain.numbers, the one reader of typed numbers."""
    errors: dict[str, str] = {}
    valuation = _valuation(schedule, subtype, valuation_text, errors)
    quantities: dict[str, int] = {}
    for item in schedule.items_of(subtype.permit_type):
        quantity = read_whole(quantity_texts.get(item.code, "").strip() or "0",
                              most=item.max_quantity)
        if isinstance(quantity, Rejected):
            errors[f"item-{item.code}"] = (
                f"{item.label}: enter a whole number from 0 to {item.max_quantity}."
                if RANGE in quantity.errors else labelled(item.label, quantity))
        elif quantity.value:
            quantities[item.code] = quantity.value
    if sum(quantities.values()) > MAX_ITEMS:
        errors["items"] = f"Enter at most {MAX_ITEMS} items in all; larger jobs are assessed " \
                          "at the permit counter."
    stories = None
    if schedule.asks_stories(subtype) and valuation > 0:
        outcome = read_whole(stories_text, least=1, most=MAX_STORIES)
        if isinstance(outcome, Rejected):
            errors["stories"] = (f"Enter how many stories the building has above ground, as a "
                                 f"whole number from 1 to {MAX_STORIES}, like 2."
                                 if RANGE in outcome.errors or not stories_text.strip()
                                 else labelled("Stories", outcome))
        else:
            stories = outcome.value
    if errors:
        return Rejected(errors)
    return Accepted(FeeInput(subtype, cents(valuation), quantities, stories))


def _smip_stories(data: dict[str, Any]) -> SmipStories:
    found = data.get("smip_stories")
    if found is None:
        return SmipStories()
    return SmipStories(int(found["residential_most"]), frozenset(found["asked_for"]))


def parse_schedule(data: dict) -> FeeSchedule:
    """A schedule from its JSON form (a rule version's body); ValueError names what is wrong."""
    try:
        table = tuple(
            Bracket(Decimal(b["over"]), None if b.get("up_to") is None else Decimal(b["up_to"]),
                    Decimal(b["base"]), Decimal(b["rate"]), Decimal(b["per"]))
            for b in data["valuation_table"])
        items = {
            PermitType(code): tuple(UnitItem(i["code"], i["label"], i["unit"],
                                             Decimal(i["price"]), int(i["max_quantity"]))
                                    for i in entries)
            for code, entries in data["items"].items()}
        return FeeSchedule(
            name=data["name"], effective=date.fromisoformat(data["effective"]),
            valuation_table=table,
            valuation_based=frozenset(PermitType(t) for t in data["valuation_based"]),
            plan_check_rates={name: Decimal(rate)
                              for name, rate in data["plan_check_rates"].items()},
            issuance_fee=Decimal(data["issuance_fee"]), items=items,
            surcharges=tuple(Surcharge(s["code"], s["label"], Decimal(s["rate"]))
                             for s in data["surcharges"]),
            smip_types=frozenset(PermitType(t) for t in data["smip_types"]),
            max_valuation=Decimal(data["max_valuation"]), smip_stories=_smip_stories(data),
            reinspection=parse_reinspection(data))
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise ValueError(f"fee schedule {data.get('name', '?')!r}: {error!r}") from error
