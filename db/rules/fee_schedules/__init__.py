"""The city's fee schedules (db/rules/rule_book.py; the JSON files here are the first versions,
domain.fee_schedule reads them)."""
from __future__ import annotations

from db.rules import rule_book
from domain.fee_schedule import FeeSchedule
from domain.rule_edits import FEES


def fee_schedules() -> tuple[FeeSchedule, ...]:
    """Every schedule, oldest first, as the rule book holds them."""
    return rule_book.rules(FEES)
