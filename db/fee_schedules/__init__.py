"""The city's fee schedules, one JSON file per effective date (domain.fee_schedule reads them)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from db.dated_rules import load_versions
from domain.fee_schedule import FeeSchedule, parse_schedule

DIRECTORY = Path(__file__).parent


@cache
def fee_schedules() -> tuple[FeeSchedule, ...]:
    """Every schedule, oldest first; loaded once per process."""
    return load_versions(DIRECTORY, parse_schedule, "fee schedule")
