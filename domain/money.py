"""Money as Decimal quantized to cents."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(value: Decimal | int | str | float) -> Decimal:
    """Quantize to cents, half up (fee reference: rounding rule)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def format_usd(value: Decimal) -> str:
    return f"${cents(value):,.2f}"
