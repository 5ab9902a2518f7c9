"""The reinspection fee (issue 17 §4): the fee schedule's rule, read and edited, and whether
a failed inspection is charged the fee under the rule in force on its day.

The shape is the 1997 Uniform Building Code's §108.8 (its Table 1-A prices extra inspections
and reinspections at $47 an hour): a fee for calling an inspection before the work is ready,
"not ... the first time a job is rejected" for code violations. A schedule lists the results
charged and, of those, the ones charged only from the second failure of the same inspection
type on the permit. A version without the rule (saved before it existed) charges nothing.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from domain import numbers
from domain.dates import MONTHS
from domain.inspection_types import NEEDS_REINSPECTION, RESULTS
from domain.money import cents, format_usd
from domain.outcomes import Accepted

CODE = "REINSP"  # the fee line's code (FeeItem.code)
# The results that can need a reinspection, in the order the inspector's form lists them.
FAILURES: tuple[str, ...] = tuple(r for r in RESULTS if r in NEEDS_REINSPECTION)
MOST = Decimal("10000")  # far above an hour or two of an inspector's time
# How a schedule charges each result, as the editor offers it.
NONE, EVERY, SECOND = "none", "every", "second"
CHARGES = {NONE: "No fee", EVERY: "A fee for every failure",
           SECOND: "A fee from the second failure of the same inspection"}


@dataclass(frozen=True)
class ReinspectionRule:
    """``amount`` for a failed inspection of one of ``results`` that needs a reinspection;
    for the results in ``first_free``, only from the second failure of that inspection type
    on the permit."""
    amount: Decimal
    results: frozenset[str]
    first_free: frozenset[str] = frozenset()

    def charge_of(self, result: str) -> str:
        if result not in self.results:
            return NONE
        return SECOND if result in self.first_free else EVERY


@dataclass(frozen=True)
class FailedInspection:
    """A result being recorded, as the rule needs it. ``earlier_failures``: the permit's
    other inspections of the same type that did not pass."""
    type_code: str
    type_name: str
    result: str
    reinspection: bool  # the inspector ticked "Reinspection needed"
    day: date  # the inspection's day (the city's date it was entered on)
    earlier_failures: int


@dataclass(frozen=True)
class ReinspectionFee:
    code: str
    description: str
    amount: Decimal


def parse_reinspection(data: Mapping[str, Any]) -> ReinspectionRule | None:
    """The rule of a schedule's JSON form, None when it has none; ValueError names what is
    wrong (parse_schedule adds which schedule)."""
    found = data.get("reinspection")
    if found is None:
        return None
    if not isinstance(found, Mapping):
        raise ValueError(f"reinspection {found!r} is not an object")
    try:
        amount = Decimal(str(found["amount"]))
    except InvalidOperation as error:
        raise ValueError(f"reinspection amount {found['amount']!r}") from error
    results, first_free = frozenset(found["results"]), frozenset(found.get("first_free", ()))
    if not amount.is_finite() or amount < 0 or amount != cents(amount):
        raise ValueError(f"reinspection amount {found['amount']!r}")
    unknown = (results | first_free) - NEEDS_REINSPECTION
    if unknown:
        raise ValueError(f"reinspection results {sorted(unknown)!r} never need a reinspection")
    if not first_free <= results:
        raise ValueError("reinspection first_free lists results that are not charged")
    return ReinspectionRule(cents(amount), results, first_free)


def charged_on(day: date) -> str:
    """"1 December 2026": the day a fee's line names."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def charge_for(rule: ReinspectionRule | None, result: str, reinspection: bool) -> str:
    """How ``rule`` charges a result (NONE, EVERY or SECOND): only one the inspector asked a
    reinspection for, under a rule with an amount. NONE needs nothing more to be known (the
    database is asked for earlier failures only when SECOND)."""
    if rule is None or not reinspection or rule.amount <= 0:
        return NONE
    return rule.charge_of(result)


def reinspection_fee(rule: ReinspectionRule | None, failed: FailedInspection
                     ) -> ReinspectionFee | None:
    """The fee a recorded result assesses on its permit, None when none: only when the
    inspector asked for a reinspection and the rule charges the result (from its second
    failure of the type, for the results the rule lets off the first time)."""
    charge = charge_for(rule, failed.result, failed.reinspection)
    if charge == NONE or (charge == SECOND and failed.earlier_failures == 0):
        return None
    return ReinspectionFee(CODE, f"Reinspection fee: {failed.type_code} {failed.type_name}, "
                                 f"{failed.result} on {charged_on(failed.day)}", rule.amount)


def _either(results: list[str]) -> str:
    """"Partial, Not ready or No access"."""
    return results[0] if len(results) == 1 else f"{', '.join(results[:-1])} or {results[-1]}"


def rule_words(rule: ReinspectionRule | None) -> str:
    """The rule as the fee schedule's page says it."""
    if rule is None or not rule.results or rule.amount <= 0:
        return "None"
    every = [r for r in FAILURES if rule.charge_of(r) == EVERY]
    second = [r for r in FAILURES if rule.charge_of(r) == SECOND]
    parts = ([f"after {_either(every)}"] if every else []) + (
        [f"after {_either(second)}, from the second failure of the same inspection"]
        if second else [])
    return (f"{format_usd(rule.amount)} when the inspector asks for a reinspection "
            f"{'; '.join(parts)}.")


def field_name(result: str) -> str:
    """"reinspection-corrections-required": the editor's field of a result."""
    return "reinspection-" + result.lower().replace(" ", "-")


def reinspection_fields(found: Mapping[str, Any] | None) -> dict[str, str]:
    """The editor's fields filled in from a version's rule (a version without one: no fee)."""
    rule = parse_reinspection({"reinspection": found})
    fields = {"reinspection-amount": f"{rule.amount:.2f}" if rule else ""}
    for result in FAILURES:
        fields[field_name(result)] = rule.charge_of(result) if rule else NONE
    return fields


def read_reinspection(form: Mapping[str, str], errors: dict[str, str]
                      ) -> dict[str, Any] | None:
    """A new version's rule from the editor's fields (its JSON form), errors added by field;
    None when no result is charged and no amount typed (a schedule without the fee)."""
    charges = {}
    for result in FAILURES:
        charges[result] = form.get(field_name(result), NONE)
        if charges[result] not in CHARGES:
            errors[field_name(result)] = f"Choose whether a {result} result is charged."
    charged = [r for r in FAILURES if charges[r] in (EVERY, SECOND)]
    typed = form.get("reinspection-amount", "").strip()
    if not charged and not typed:
        return None
    amount = numbers.read_amount(typed, least=Decimal("0.01"), most=MOST)
    if not isinstance(amount, Accepted):
        errors["reinspection-amount"] = (
            f"Enter the reinspection fee in dollars, from 0.01 to {MOST:,.2f}, like 47.00"
            + (", or charge no result." if charged else ", or leave it empty."))
        return None
    return {"amount": f"{amount.value:.2f}", "results": charged,
            "first_free": [r for r in charged if charges[r] == SECOND]}

