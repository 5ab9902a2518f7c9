"""Money as Decimal quantized to cents."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(value: Decimal | int | str | float) -> Decimal:
    """Quantize to cents, half up (fee reference: rounding rule)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def format_usd(value: Decimal) -> str:
    """"$1,234.50"; a negative amount "-$84.60" (a refund in a ledger), never "$-84.60"."""
    amount = cents(value)
    return f"{'-' if amount < 0 else ''}${abs(amount):,.2f}"  # abs: no "$-0.00" either
