"""The unit suite at another moment: ``PERMITLINE_TEST_NOW=2027-12-31T22:30:00-08:00``.

CI runs the suite at several moments (a 31 December, a 29 February, a daylight-saving change
in the city's zone; `make test-dates`), so no test depends on the day it runs (DESIGN §5).
The clock keeps ticking from there, in this process (the migration subprocess reads no time).
"""
from __future__ import annotations

import os
from datetime import datetime

_travel = None


def _moment() -> datetime | None:
    text = os.environ.get("PERMITLINE_TEST_NOW", "")
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("PERMITLINE_TEST_NOW needs its UTC offset, e.g. -08:00")
    return moment


def pytest_configure(config):
    global _travel
    moment = _moment()
    if moment is not None:
        import time_machine

        _travel = time_machine.travel(moment, tick=True)
        _travel.start()


def pytest_report_header(config):
    moment = _moment()
    return f"clock moved to {moment.isoformat()}" if moment else None


def pytest_unconfigure(config):
    if _travel is not None:
        _travel.stop()
