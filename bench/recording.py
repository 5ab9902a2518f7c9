"""What every benchmark shares: its command line and how its result file is written."""
from __future__ import annotations

import argparse
import json
import os
import platform
from datetime import date

from bench.server import ROOT

RESULTS = ROOT / "bench" / "results"

# An option's value is parsed as its default's type; a None default (absent unless given)
# takes text, as --database-url does.
_PARSE = {int: int, str: str, type(None): str, date: date.fromisoformat}


def parser(doc: str, **defaults) -> argparse.ArgumentParser:
    """A parser described by doc's first line, with one ``--option-name`` per keyword
    (``database_url=None`` is ``--database-url``). For a caller that adds an option of its own."""
    made = argparse.ArgumentParser(description=doc.splitlines()[0])
    for name, default in defaults.items():
        if type(default) not in _PARSE:  # a bool or float would need its own handling
            raise TypeError(f"--{name}: no parsing for a {type(default).__name__} default")
        made.add_argument(f"--{name.replace('_', '-')}", type=_PARSE[type(default)],
                          default=default)
    return made


def options(doc: str, **defaults) -> argparse.Namespace:
    """The command line parsed by parser(doc, **defaults)."""
    return parser(doc, **defaults).parse_args()


def machine(*, architecture: bool = False, implementation: bool = False) -> str:
    """Like "2 cores, Python 3.11.7". The flags keep the wording earlier result files used:
    run_all's name the architecture ("x86_64"), sign_in_load's the implementation ("CPython")."""
    python = platform.python_implementation() if implementation else "Python"
    arch = f"{platform.machine()}, " if architecture else ""
    return f"{os.cpu_count()} cores, {arch}{python} {platform.python_version()}"


def record(name: str, result: dict) -> None:
    """Write bench/results/<name>.json: "when" (today) and "machine" first, then the result's
    keys. A result's own "when" or "machine" replaces the default in its place (run_all stamps
    the time of day, for instance)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamped = {"when": date.today().isoformat(), "machine": machine(), **result}
    (RESULTS / f"{name}.json").write_text(json.dumps(stamped, indent=2) + "\n")
