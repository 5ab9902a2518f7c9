"""Permit fee lines: the UBC Table 1-A valuation fee, plan check, SMIP, CBSC and unit fees."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from domain.money import cents, format_usd


@dataclass(frozen=True)
class FeeLine:
    code: str
    label: str
    amount: Decimal
    explanation: str  # the formula in words, shown next to the amount

    @property
    def text(self) -> str:
        return f"{self.label}: {self.explanation}"


@dataclass(frozen=True)
class Bracket:
    """Valuations above ``lower`` up to ``upper``: ``base`` plus ``rate`` per ``step`` or part."""

    lower: Decimal
    upper: Decimal | None  # None: no upper limit
    base: Decimal
    rate: Decimal
    step: Decimal


def _bracket(lower: int, upper: int | None, base: str, rate: str, step: int) -> Bracket:
    return Bracket(Decimal(lower), None if upper is None else Decimal(upper), Decimal(base),
                   Decimal(rate), Decimal(step))


# 1997 Uniform Building Code, Table 1-A (fee reference); a city may load its own table.
UBC_1997_TABLE_1A: tuple[Bracket, ...] = (
    _bracket(0, 500, "23.50", "0", 100),
    _bracket(500, 2_000, "23.50", "3.05", 100),
    _bracket(2_000, 25_000, "69.25", "14.00", 1_000),
    _bracket(25_000, 50_000, "391.25", "10.10", 1_000),
    _bracket(50_000, 100_000, "643.75", "7.00", 1_000),
    _bracket(100_000, 500_000, "993.75", "5.60", 1_000),
    _bracket(500_000, 1_000_000, "3233.75", "4.75", 1_000),
    _bracket(1_000_000, None, "5608.75", "3.15", 1_000),
)

PLAN_CHECK_RATE = Decimal("0.65")
SMIP_RESIDENTIAL_RATE = Decimal("0.00013")
SMIP_OTHER_RATE = Decimal("0.00028")
SMIP_MINIMUM = Decimal("0.50")
CBSC_STEP = Decimal(25_000)


def dollars(value: Decimal | int) -> str:
    """"$1,000" for whole dollars, "$1,000.50" otherwise."""
    value = Decimal(value)
    return f"${value:,.0f}" if value == value.to_integral_value() else format_usd(value)


def _steps(amount: Decimal, step: Decimal) -> int:
    """How many steps or fractions of a step ``amount`` spans ("or fraction thereof")."""
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING))


def building_permit_fee(valuation: Decimal | int,
                        table: tuple[Bracket, ...] = UBC_1997_TABLE_1A) -> FeeLine:
    valuation = Decimal(valuation)
    if valuation < 0:
        raise ValueError("A valuation cannot be negative.")
    bracket = next(b for b in table if b.upper is None or valuation <= b.upper)
    label = "Building permit fee"
    if bracket.rate == 0 or valuation <= bracket.lower:
        return FeeLine("BLDG-PERMIT", label, cents(bracket.base),
                       f"{format_usd(bracket.base)} for the first {dollars(bracket.upper)}")
    units = _steps(valuation - bracket.lower, bracket.step)
    amount = cents(bracket.base + units * bracket.rate)
    explanation = (f"{format_usd(bracket.base)} + {units} × {format_usd(bracket.rate)}"
                   f" per {dollars(bracket.step)} over {dollars(bracket.lower)}")
    return FeeLine("BLDG-PERMIT", label, amount, explanation)


def plan_check_fee(permit_fee: Decimal, rate: Decimal = PLAN_CHECK_RATE) -> FeeLine:
    percent = f"{(rate * 100).normalize():f}%"
    return FeeLine("PLAN-CHECK", "Plan check fee", cents(permit_fee * rate),
                   f"{percent} of the permit fee {format_usd(permit_fee)}")


def smip_fee(valuation: Decimal | int, residential: bool, stories: int | None = None) -> FeeLine:
    """Strong Motion Instrumentation fee (Public Resources Code §2705): the residential rate for
    Group R of 1 to 3 stories, the other rate for every other building (``stories``: the
    building's, when it was asked)."""
    rate = SMIP_RESIDENTIAL_RATE if residential else SMIP_OTHER_RATE
    computed = cents(Decimal(valuation) * rate)
    per_100k = dollars(rate * 100_000)
    height = f"{stories} {'story' if stories == 1 else 'stories'}" if stories else ""
    if residential:
        kind = f"residential, {height or '1–3 stories'}"
    else:
        kind = f"residential, {height}: the rate of all other buildings" if height else \
            "non-residential"
    explanation = f"{per_100k} per $100,000 of {dollars(valuation)} ({kind})"
    if computed < SMIP_MINIMUM:
        return FeeLine("SMIP", "SMIP (PRC §2705)", SMIP_MINIMUM,
                       f"minimum {format_usd(SMIP_MINIMUM)}; {explanation}")
    return FeeLine("SMIP", "SMIP (PRC §2705)", computed, explanation)


def cbsc_fee(valuation: Decimal | int) -> FeeLine:
    """Building Standards fee (Health & Safety Code §18931.6): $1 per $25,000 or fraction."""
    units = max(1, _steps(Decimal(valuation), CBSC_STEP))
    return FeeLine("CBSC", "CBSC (HSC §18931.6)", cents(units),
                   f"{units} × $1 per $25,000 of {dollars(valuation)} or fraction, minimum $1")


def unit_fee(code: str, label: str, quantity: int, unit_price: Decimal, unit: str) -> FeeLine:
    """An itemized fee: ``quantity`` units at ``unit_price`` (mechanical, electrical, plumbing)."""
    return FeeLine(code, label, cents(unit_price * quantity),
                   f"{quantity} × {format_usd(unit_price)} per {unit}")


def flat_fee(code: str, label: str, amount: Decimal) -> FeeLine:
    return FeeLine(code, label, cents(amount), f"flat {format_usd(amount)}")
