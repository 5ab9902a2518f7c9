"""``permitline export-blds DIR`` and ``permitline validate-blds FILE``: the open data files
written to a directory, and any BLDS file checked against the standard's rules."""
from __future__ import annotations

import asyncio
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from db.database import connected
from db.permits import open_data as blds_export
from db.rules import rule_book
from domain.blds_checks import ERROR, FileCheck, Problem, dataset_of, summary
from domain.blds_files import Header, Record, Restart, csv_events, json_events
from domain.blds_spec import DATASETS
from domain.blds_values import printable
from web.city_clock import city_today
from web.open_data_files import chunks, publisher_of
from web.settings import Settings

SHOWN = 200  # problems printed; the count is always complete


def export_blds(settings: Settings, directory: str) -> None:
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    zone = ZoneInfo(settings.time_zone)
    # Today's inspection types (their BLDS mapping) are the city's date's, not the machine's.
    today = city_today(settings.time_zone)

    async def run():
        async with connected(settings.database_url) as database:
            await rule_book.load(database)  # the BLDS mapping of every inspection type ever defined
            for dataset in DATASETS:
                for fmt in ("csv", "json"):
                    path = target / f"blds-{dataset}.{fmt}"
                    batches = blds_export.batches(dataset, publisher_of(settings), zone, today)
                    started = time.perf_counter()
                    with path.open("w", encoding="utf-8", newline="") as out:
                        async for chunk in chunks(dataset, fmt, batches):
                            out.write(chunk)
                    print(f"{path} ({path.stat().st_size:,} bytes, "
                          f"{time.perf_counter() - started:.1f} s)", flush=True)

    asyncio.run(run())


@dataclass
class Report:
    """What ``validate-blds`` found in a file: its dataset, its record count, the first
    problems and how many there are of each level."""
    dataset: str | None = None
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def add(self, problems: Iterable[Problem], keep: int) -> None:
        for problem in problems:
            self.counts[problem.level] += 1
            if len(self.problems) < keep:
                self.problems.append(problem)


def _named(path: Path) -> str | None:
    """The dataset a file's name says (blds-inspections.json), for a file with no fields."""
    return next((name for name in sorted(DATASETS, key=len, reverse=True)
                 if name in path.stem), None)


def check_file(path: Path, dataset: str | None = None, keep: int = SHOWN) -> Report:
    """Every problem of a BLDS CSV or JSON file (the first ``keep`` kept, all counted). The
    dataset is the one given, or found from the file's fields, or from its name."""
    from_json = path.suffix.lower() == ".json"
    with path.open("rb") as handle:
        events = json_events(handle, path.read_bytes) if from_json else csv_events(handle)
        report, check, header = Report(), None, None
        for event in events:
            if isinstance(event, Restart):
                report, check, header = Report(), None, None
            elif isinstance(event, Problem):
                report.add([event], keep)
            else:
                if check is None:
                    report.dataset = dataset or dataset_of(_fields(event))
                    if report.dataset is None:
                        report.add([Problem(0, "fields", "not a BLDS permits, inspections or "
                                            "status changes file (give --dataset)")], keep)
                        return report
                    check = FileCheck(report.dataset, from_json)
                if isinstance(event, Header):
                    header = frozenset(event.names)
                    report.add(check.header(event.names), keep)
                else:
                    report.records += 1
                    report.add(check.record(event.row, event.fields, header), keep)
    report.dataset = report.dataset or dataset or _named(path)
    if report.dataset is None and not report.counts:
        report.add([Problem(0, "fields", "an empty file: give --dataset")], keep)
    return report


def _fields(event: Header | Record) -> list[str]:
    return event.names if isinstance(event, Header) else list(event.fields)


def validate_blds(file: str, dataset: str | None = None) -> None:
    """Prints every problem (the first SHOWN) and a summary; exits 1 on any error."""
    path = Path(file)
    name = printable(file)  # a name that is not UTF-8 (os.fsdecode's surrogates) prints too
    try:
        report = check_file(path, dataset)
    except OSError as error:
        sys.exit(f"{name}: cannot be read: {error.strerror or error}")
    for problem in report.problems:
        print(f"{name}: {problem}")
    total = sum(report.counts.values())
    if total > len(report.problems):
        print(f"{name}: … and {total - len(report.problems):,} more")
    last = f"{name}: {summary(report.dataset, report.records, report.counts)}"
    if report.counts[ERROR]:
        sys.exit(last)
    print(last)
