"""``permitline export-blds DIR`` and ``permitline validate-blds FILE``: the open data files
written to a directory, and any BLDS file checked against the standard's rules."""
from __future__ import annotations

import asyncio
import csv
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from db import blds_export
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


def records(path: Path) -> tuple[list[str], Iterator[dict]]:
    """The file's fields and its records: CSV (with a header) or a JSON array of objects."""
    if path.suffix.lower() == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ValueError("a BLDS JSON file is an array of objects")
        fields = list(dict.fromkeys(name for record in data for name in record))
        return fields, iter(data)
    handle = path.open(encoding="utf-8-sig", newline="")
    reader = csv.DictReader(handle)
    return list(reader.fieldnames or []), reader


def problems_in(path: Path, dataset: str | None = None) -> tuple[str | None, int, list[Problem]]:
    """The dataset the file is (given, or found from its fields), its record count, and every
    problem found."""
    fields, rows = records(path)
    dataset = dataset or dataset_of(fields)
    if dataset is None:
        return None, 0, [Problem(0, "fields", "not a BLDS permits, inspections or status "
                                               "changes file")]
    problems = check_fields(dataset, fields)
    count = 0
    for count, record in enumerate(rows, start=1):
        if None in record:  # csv.DictReader's bucket for values beyond the header
            problems.append(Problem(count, "row", "more values than fields"))
            record = {k: v for k, v in record.items() if k is not None}
        problems.extend(check_record(dataset, count, record))
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
