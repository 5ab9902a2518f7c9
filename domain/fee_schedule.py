"""Fee schedules as data with effective dates, and the assessment of one permit's fees.

The city's numbers live in a schedule, never in code: a new fiscal year is a new version with a
later ``effective`` date (saved by a supervisor, db/rule_book.py; the first is
db/fee_schedules/*.json). The estimator and real assessment both call
``assess`` with the schedule in force, so they agree to the cent.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from domain.effective_dates import in_force
from domain.fees import (
    Bracket, FeeLine, building_permit_fee, cbsc_fee, plan_check_fee, smip_fee, unit_fee,
)
from domain.money import cents, format_usd
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType
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
            lines.append(smip_fee(valuation, subtype.residential))
        lines.append(cbsc_fee(valuation))
    return Assessment(schedule.name, tuple(lines))


MAX_ITEMS = 200
_MONEY_TEXT = str.maketrans("", "", "$, ")


def read_fee_input(schedule: FeeSchedule, subtype: Subtype, valuation_text: str,
                   quantity_texts: dict[str, str]) -> Accepted[FeeInput] | Rejected:
    """What someone typed into an estimate or an application, checked; errors by field."""
    errors: dict[str, str] = {}
    valuation = Decimal(0)
    text = valuation_text.translate(_MONEY_TEXT)
    building = subtype.permit_type in schedule.valuation_based
    try:
        valuation = Decimal(text or "0")
        if not valuation.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        errors["valuation"] = "Enter the valuation as an amount in dollars, like 18,500."
    else:
        if valuation < 0:
            errors["valuation"] = "The valuation cannot be negative."
        elif valuation > schedule.max_valuation:
            errors["valuation"] = (f"Enter a valuation of at most "
                                   f"{format_usd(schedule.max_valuation)}; larger projects "
                                   "are assessed at the permit counter.")
        elif building and valuation < 1:
            errors["valuation"] = "Enter the valuation of the work: the cost of labor and " \
                                  "materials at fair market value."
        elif valuation != cents(valuation):
            errors["valuation"] = "Enter the valuation in dollars and cents."
    quantities: dict[str, int] = {}
    for item in schedule.items_of(subtype.permit_type):
        raw = quantity_texts.get(item.code, "").strip() or "0"
        if not raw.isascii() or not raw.isdigit() or int(raw) > item.max_quantity:
            errors[f"item-{item.code}"] = (f"{item.label}: enter a whole number from 0 to "
                                           f"{item.max_quantity}.")
        elif int(raw):
            quantities[item.code] = int(raw)
    if sum(quantities.values()) > MAX_ITEMS:
        errors["items"] = f"Enter at most {MAX_ITEMS} items in all; larger jobs are assessed " \
                          "at the permit counter."
    if errors:
        return Rejected(errors)
    return Accepted(FeeInput(subtype, cents(valuation), quantities))


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
            max_valuation=Decimal(data["max_valuation"]))
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise ValueError(f"fee schedule {data.get('name', '?')!r}: {error!r}") from error
