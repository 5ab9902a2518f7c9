"""``permitline export-blds DIR`` and ``permitline validate-blds FILE``: the open data files
written to a directory, and any BLDS file checked against the standard's rules."""
from __future__ import annotations

import asyncio
import csv
import itertools
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from db import blds_export, rule_book
from db.engines import bind_tables, engine_for
from domain.blds import DATASETS, Problem, check_fields, check_record, dataset_of
from web.public.open_data import chunks, publisher_of
from web.settings import Settings

SHOWN = 200  # problems printed; the count is always complete


def export_blds(settings: Settings, directory: str) -> None:
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)

    async def run():
        bind_tables(engine_for(settings.database_url))
        await rule_book.load()  # the BLDS mapping of every inspection type ever defined
        for dataset in DATASETS:
            for fmt in ("csv", "json"):
                path = target / f"blds-{dataset}.{fmt}"
                batches = blds_export.batches(dataset, publisher_of(settings),
                                              ZoneInfo(settings.time_zone))
                started = time.perf_counter()
                with path.open("w", encoding="utf-8", newline="") as out:
                    async for chunk in chunks(dataset, fmt, batches):
                        out.write(chunk)
                print(f"{path} ({path.stat().st_size:,} bytes, "
                      f"{time.perf_counter() - started:.1f} s)", flush=True)

    asyncio.run(run())


def records(path: Path) -> tuple[list[str] | None, Iterator[dict]]:
    """The file's header and its records: a CSV's header row, or None for JSON (an array of
    objects; each record stands for itself). JSON written one record per line, as
    ``export-blds`` writes it, is read line by line: a million permits in flat memory."""
    if path.suffix.lower() != ".json":
        handle = path.open(encoding="utf-8-sig", newline="")
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), reader
    return None, _json_records(path)


def _json_records(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8-sig") as handle:
        lines = (line.strip().rstrip(",") for line in handle)
        try:
            opened = False
            for line in lines:
                if line in ("", "]"):
                    continue
                if line == "[" and not opened:
                    opened = True
                    continue
                if not opened:
                    raise ValueError
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError
                yield record
            return
        except ValueError:
            pass  # not one record per line: read it whole
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError("a BLDS JSON file is an array of objects")
    yield from data


def _named(path: Path) -> str | None:
    """The dataset a file's name says (blds-inspections.json), for a file with no records."""
    return next((name for name in sorted(DATASETS, key=len, reverse=True)
                 if name in path.stem), None)


def problems_in(path: Path, dataset: str | None = None) -> tuple[str | None, int, list[Problem]]:
    """The dataset the file is (given, or found from its fields or its name), its record
    count, and every problem found."""
    header, rows = records(path)
    rows = iter(rows)
    first = next(rows, None)
    fields = header if header is not None else list(first or {})
    dataset = dataset or dataset_of(fields) or (None if first else _named(path))
    if dataset is None:
        return None, 0, [Problem(0, "fields", "not a BLDS permits, inspections or status "
                                               "changes file (give --dataset)")]
    problems = check_fields(dataset, header) if header is not None else []
    known = frozenset(header) if header is not None else None
    count = 0
    for count, record in enumerate(itertools.chain([first] if first else [], rows), start=1):
        if None in record:  # csv.DictReader's bucket for values beyond the header
            problems.append(Problem(count, "row", "more values than fields"))
            record = {k: v for k, v in record.items() if k is not None}
        problems.extend(check_record(dataset, count, record, known))
    return dataset, count, problems


def validate_blds(file: str, dataset: str | None = None) -> None:
    path = Path(file)
    try:
        found, count, problems = problems_in(path, dataset)
    except (OSError, ValueError, UnicodeDecodeError, csv.Error) as error:
        sys.exit(f"{path}: cannot be read: {error}")
    for problem in problems[:SHOWN]:
        print(f"{path}: {problem}")
    if len(problems) > SHOWN:
        print(f"{path}: … and {len(problems) - SHOWN:,} more")
    if problems:
        sys.exit(f"{path}: {len(problems):,} problems in {count:,} {found or 'BLDS'} records.")
    print(f"{path}: valid BLDS {found}, {count:,} records.")
