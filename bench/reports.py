"""Issue 7's report benchmark: the queries behind one /reports page on the 1,000,000-permit
database (a page of rows, the monthly counts, the totals of count, valuation and fees).

usage: python -m bench.reports [--permits 1000000] [--runs 20]
In-process on the app's read connection (SQLite); p50 and p95 of the whole page's queries per
case. Writes bench/results/reports.json.
"""
from __future__ import annotations

import asyncio
import time
from datetime import date

from bench.recording import options, record
from bench.run_all import database_url, ensure_database
from bench.sign_in_load import percentile
from db.permits import reports
from db.reader import SQLiteReader
from domain.reports import parse_report

TODAY = date(2024, 12, 31)  # the demo's ten years end in 2024
CASES = {
    "a month issued": {"start": "2024-11-01", "end": "2024-11-30"},
    "twelve months issued (the default)": {},
    "twelve months finaled": {"kind": "finaled"},
    "twelve months, electrical only": {"type": "ELE"},
    "twelve months on one street": {"street": "Sunset Blvd"},
    "ten years issued": {"start": "2015-01-01", "end": "2024-12-31"},
    "ten years, electrical only": {"start": "2015-01-01", "end": "2024-12-31", "type": "ELE"},
}


async def one_page(reader, params: dict) -> float:
    report, _ = parse_report(params, TODAY)
    started = time.perf_counter()
    await reports.page(reader, report)
    await reports.per_month(reader, report)
    await reports.totals(reader, report)
    return (time.perf_counter() - started) * 1000


async def run(url: str, runs: int) -> dict:
    reader = SQLiteReader(url.split("sqlite:///", 1)[1], budget_s=30)
    out = {}
    for name, params in CASES.items():
        timings = [await one_page(reader, params) for _ in range(runs)]
        out[name] = {"p50_ms": round(percentile(timings, 50), 1),
                     "p95_ms": round(percentile(timings, 95), 1)}
        print(f"{name}: p50 {out[name]['p50_ms']} ms, p95 {out[name]['p95_ms']} ms", flush=True)
    await reader.close()
    return out


def main() -> None:
    args = options(__doc__, permits=1_000_000, runs=20)
    url = database_url("sqlite", args.permits)
    ensure_database("sqlite", url, args.permits)
    cases = asyncio.run(run(url, args.runs))
    record("reports", {"permits": args.permits, "runs": args.runs, "cases": cases})


if __name__ == "__main__":
    main()
