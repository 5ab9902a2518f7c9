"""Amounts as people read them: a refund in a ledger is -$84.60, never $-84.60."""
from __future__ import annotations

from decimal import Decimal

import pytest

from domain.money import format_usd


@pytest.mark.parametrize("amount, written", [
    ("84.6", "$84.60"), ("-84.60", "-$84.60"), ("1234567.891", "$1,234,567.89"),
    ("-1234.5", "-$1,234.50"), ("0", "$0.00"), ("-0.001", "$0.00"),
])
def test_amounts_are_written_with_the_sign_before_the_dollar(amount, written):
    assert format_usd(Decimal(amount)) == written
