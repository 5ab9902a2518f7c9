"""The city's fee schedules, one JSON file per effective date (domain.fee_schedule reads them)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from domain.fee_schedule import FeeSchedule, parse_schedule

DIRECTORY = Path(__file__).parent


@cache
def fee_schedules() -> tuple[FeeSchedule, ...]:
    """Every schedule, oldest first; loaded once per process."""
    schedules = tuple(parse_schedule(json.loads(path.read_text()))
                      for path in sorted(DIRECTORY.glob("*.json")))
    if not schedules:
        raise RuntimeError(f"no fee schedule in {DIRECTORY}")
    return tuple(sorted(schedules, key=lambda s: s.effective))
