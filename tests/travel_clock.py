"""Tests at another moment: ``PERMITLINE_TEST_NOW=2027-12-31T22:30:00-08:00``.

The unit suite runs at several moments in CI (a 31 December, a 29 February, both daylight-saving
changes in the city's zone; `make test-dates`), so no test depends on the day it runs (DESIGN
§5). The e2e suite runs its test process, its server and its commands at the known data's
moment (tests/factories.KNOWN_NOW). The clock keeps ticking from there. Processes started
later agree with the first one: ``PERMITLINE_TEST_NOW_AT`` is the real time (epoch seconds) at
which it was that moment. ``python -m tests.travel_clock MODULE ARGS…`` runs a module (uvicorn,
web.commands.cli) at that moment; ``browser_environment()`` sets a browser's clock there too (libfaketime:
Playwright's own clock never reaches a service worker, which stamps results queued offline).
"""
from __future__ import annotations

import glob
import os
import runpy
import sys
import time
from datetime import datetime, timedelta

_travel = None


def moment() -> datetime | None:
    """Where the clock stands now, by the environment; None when it is not moved."""
    text = os.environ.get("PERMITLINE_TEST_NOW", "")
    if not text:
        return None
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        raise ValueError("PERMITLINE_TEST_NOW needs its UTC offset, e.g. -08:00")
    since = os.environ.get("PERMITLINE_TEST_NOW_AT")
    return at + timedelta(seconds=time.time() - float(since)) if since else at


def browser_environment() -> dict[str, str]:
    """Environment for a browser whose clock, page and service worker alike, reads the same
    moment as this process: a phone set to the city's time. Empty when the clock is not moved.

    libfaketime (Debian's faketime package, installed by ``make test-e2e``) shifts the wall
    and the monotonic clocks by the same number of seconds, so timers run at their real pace
    (shifting the wall clock alone slowed every navigation by 5 to 12 seconds)."""
    text, since = os.environ.get("PERMITLINE_TEST_NOW", ""), os.environ.get("PERMITLINE_TEST_NOW_AT")
    if not text or not since:
        return {}
    libraries = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))
    if not libraries:
        raise RuntimeError("libfaketime is missing: apt-get install -y faketime (make test-e2e)")
    shift = datetime.fromisoformat(text).timestamp() - float(since)
    return {"LD_PRELOAD": libraries[0], "FAKETIME": f"{round(shift):+d}"}


def travel() -> None:
    """Moves this process's clock (Python's datetime and time) to ``moment()``, ticking."""
    global _travel
    destination = moment()
    if destination is not None and _travel is None:
        import time_machine

        _travel = time_machine.travel(destination, tick=True)
        _travel.start()


def pytest_configure(config):
    travel()


def pytest_report_header(config):
    at = moment()
    return f"clock moved to {at.isoformat(timespec='seconds')}" if at else None


def pytest_unconfigure(config):
    global _travel
    if _travel is not None:
        _travel.stop()
        _travel = None


if __name__ == "__main__":
    travel()
    module, sys.argv = sys.argv[1], sys.argv[1:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
