"""Issue 3's benchmark: `permitline import-cslb` on a 250,000-row synthetic License Master.

usage: python -m bench.license_import [--rows 250000] [--engines sqlite,postgres]
Times the command itself (as an administrator runs it) on a fresh database, then a re-import
of the same file (nothing changes) and of a file where 5% of the rows changed. Writes
bench/results/license_import.json.
"""
from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from bench.recording import options, record
from bench.server import ROOT
from db.demo.licenses import demo_license_rows, write_license_file
from db.engines import fetch_rows

WORK = ROOT / "var" / "bench"
POSTGRES_ADMIN = os.environ.get("PERMITLINE_BENCH_POSTGRES_ADMIN",
                                "postgresql://postgres@127.0.0.1:5432/test")


def fresh_database(engine: str) -> str:
    if engine == "sqlite":
        path = WORK / "licenses.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        name = "permitline_bench_licenses"
        fetch_rows(POSTGRES_ADMIN, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        fetch_rows(POSTGRES_ADMIN, f'CREATE DATABASE "{name}"')
        url = POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    subprocess.run([sys.executable, "-m", "web.commands.cli", "migrate"], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": url}, capture_output=True)
    return url


def timed_import(url: str, path: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "RSS %M", sys.executable, "-m", "web.commands.cli", "import-cslb",
         str(path)], cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, check=True,
        capture_output=True, text=True)
    seconds = time.perf_counter() - started
    summary = re.search(r"Read ([\d,]+) rows in [\d.]+ s: ([\d,]+) new, ([\d,]+) updated, "
                        r"([\d,]+) unchanged, ([\d,]+) skipped", done.stdout)
    read, new, updated, unchanged, skipped = (int(g.replace(",", "")) for g in summary.groups())
    rss = int(re.search(r"RSS (\d+)", done.stderr)[1]) / 1024
    return {"seconds": round(seconds, 2), "rows_per_second": round(read / seconds),
            "read": read, "new": new, "updated": updated, "unchanged": unchanged,
            "skipped": skipped, "peak_rss_mb": round(rss, 1)}


def main() -> None:
    args = options(__doc__, rows=250_000, engines="sqlite,postgres")
    WORK.mkdir(parents=True, exist_ok=True)
    today = date.today()
    original = WORK / f"license-master-{args.rows}.csv"
    write_license_file(str(original), demo_license_rows(args.rows, seed=11, today=today))
    changed = WORK / f"license-master-{args.rows}-changed.csv"
    rng = random.Random(5)
    write_license_file(str(changed), (
        {**row, "PrimaryStatus": "Contr Bond Susp"} if rng.random() < 0.05 else row
        for row in demo_license_rows(args.rows, seed=11, today=today)))
    results = {"rows": args.rows, "file_mb": round(original.stat().st_size / 1e6, 1), "engines": {}}
    for engine in args.engines.split(","):
        url = fresh_database(engine)
        runs = {"first import": timed_import(url, original),
                "same file again": timed_import(url, original),
                "5% of rows changed": timed_import(url, changed)}
        results["engines"][engine] = runs
        for label, run in runs.items():
            print(f"{engine} {label}: {run['seconds']} s ({run['rows_per_second']:,} rows/s), "
                  f"{run['new']:,} new, {run['updated']:,} updated, "
                  f"{run['unchanged']:,} unchanged, peak RSS {run['peak_rss_mb']} MB")
    record("license_import", results)


if __name__ == "__main__":
    main()
