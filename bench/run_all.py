"""Every benchmark, with results written to bench/results/.

Issue 2: search latency, throughput ratios, page weight, memory. Issue 3: sign-ins beside
public pages (bench.sign_in_load) and the CSLB import (bench.license_import). Issue 4: the
fee-estimate fragment (bench.fee_estimate). Issue 5: available dates and the inspection
request POST (bench.inspection_requests). Issue 6: inspector mode offline in Chromium
(bench.offline_sync). Issue 7: the BLDS export and the report queries on 1M permits
(bench.blds_export, bench.reports).

usage: python -m bench.run_all [--engines sqlite,postgres] [--permits 1000000] [--seconds 15]
Builds the benchmark databases on first use (var/bench/ and PostgreSQL database
permitline_bench), writes bench/results/*.json and prints a summary.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from bench.page_weight import page_weight
from bench.queries import sample_queries, search_paths
from bench.recording import machine, options, record
from bench.server import ROOT, peak_rss_mb, serving
from bench.wrk import run_wrk
from db.engines import fetch_rows

POSTGRES_ADMIN = os.environ.get("PERMITLINE_BENCH_POSTGRES_ADMIN",
                                "postgresql://postgres@127.0.0.1:5432/test")


def database_url(engine: str, permits: int) -> str:
    if engine == "sqlite":
        return f"sqlite:///{ROOT / 'var' / 'bench' / f'permits-{permits}.sqlite3'}"
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/permitline_bench_{permits}"


def ensure_database(engine: str, url: str, permits: int) -> None:
    if engine == "postgres":
        name = url.rsplit("/", 1)[1]
        exists = fetch_rows(POSTGRES_ADMIN, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        if not exists:
            fetch_rows(POSTGRES_ADMIN, f'CREATE DATABASE "{name}"')
    else:
        Path(url.split("sqlite:///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "web.commands.cli", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    have = fetch_rows(url, "SELECT count(*) FROM permit")[0][0]
    if have == 0:
        subprocess.run([sys.executable, "-m", "web.commands.cli", "demo", "--permits", str(permits)],
                       cwd=ROOT, env=env, check=True)
    elif have != permits:
        raise SystemExit(f"{url} holds {have} permits, not {permits}: remove it first")


def bench_engine(engine: str, permits: int, seconds: int) -> dict:
    url = database_url(engine, permits)
    ensure_database(engine, url, permits)
    queries = sample_queries(url)
    rng = random.Random(3)
    numbers = queries["number_exact"]
    result: dict = {"engine": engine, "permits": permits, "search": {}, "search_full_page": {}}
    with serving(url) as (base, pid):
        run_wrk(base, search_paths(queries["address"][:50]), seconds=2)  # warm caches
        for kind, qs in queries.items():
            result["search"][kind] = run_wrk(base, search_paths(qs), seconds=seconds, htmx=True)
            result["search_full_page"][kind] = run_wrk(base, search_paths(qs), seconds=seconds)
        mixed = search_paths(queries["address"] + queries["number_prefix"])
        rng.shuffle(mixed)
        result["throughput"] = {
            "trivial": run_wrk(base, ["/livez"], seconds=seconds),
            "permit_page": run_wrk(base, [f"/permits/{n}" for n in numbers], seconds=seconds),
            "results_fragment": run_wrk(base, mixed, seconds=seconds, htmx=True),
        }
        trivial = result["throughput"]["trivial"]["rps"]
        result["ratios"] = {
            "permit_page_to_trivial": result["throughput"]["permit_page"]["rps"] / trivial,
            "fragment_to_trivial": result["throughput"]["results_fragment"]["rps"] / trivial,
        }
        full = next(q for q in queries["address"] if "#" not in q)
        result["page_weight"] = page_weight(base, f"/permits/{numbers[0]}",
                                            search_paths([full.split()[1].lower()])[0])
        result["peak_rss_mb"] = peak_rss_mb(pid)
    return result


def bench_middleware(permits: int, seconds: int) -> dict:
    url = database_url("sqlite", permits)
    ensure_database("sqlite", url, permits)
    with serving(url) as (base, _):
        app = run_wrk(base, ["/livez"], seconds=seconds)
    with serving(bare=True) as (base, _):
        bare = run_wrk(base, ["/livez"], seconds=seconds)
    return {"app_livez": app, "bare_livez": bare, "ratio": app["rps"] / bare["rps"]}


def main() -> None:
    args = options(__doc__, engines="sqlite,postgres", permits=1_000_000, seconds=15)
    # These files keep the time of day (report.py shows it) and the architecture they had.
    meta = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": machine(architecture=True), "connections": 16,
            "seconds_per_run": args.seconds}
    middleware = {**meta, **bench_middleware(args.permits, args.seconds)}
    record("middleware", middleware)
    print(f"middleware stack / bare Starlette: {middleware['ratio']:.2f}")
    for engine in args.engines.split(","):
        result = {**meta, **bench_engine(engine, args.permits, args.seconds)}
        record(f"search-{engine}", result)
        print(summary(result))
    # Issue 3's figures: sign-ins beside public pages, and the CSLB import.
    for module in ("bench.sign_in_load", "bench.license_import", "bench.fee_estimate",
                   "bench.inspection_requests", "bench.offline_sync", "bench.blds_export",
                   "bench.reports"):
        subprocess.run([sys.executable, "-m", module], cwd=ROOT, check=True)


def summary(result: dict) -> str:
    lines = [f"## {result['engine']} ({result['permits']:,} permits)",
             "| query kind | server p50 | p95 | p99 | client p95 | req/s |", "|---|---|---|---|---|---|"]
    for kind, r in result["search"].items():
        s, c = r["server_ms"], r["client_ms"]
        lines.append(f"| {kind} | {s['p50']:.2f} | {s['p95']:.2f} | {s['p99']:.2f} |"
                     f" {c['p95']:.2f} | {r['rps']:.0f} |")
    t = result["throughput"]
    lines.append(f"trivial {t['trivial']['rps']:.0f} req/s; permit page "
                 f"{t['permit_page']['rps']:.0f} ({result['ratios']['permit_page_to_trivial']:.2f});"
                 f" fragment {t['results_fragment']['rps']:.0f} "
                 f"({result['ratios']['fragment_to_trivial']:.2f})")
    w = result["page_weight"]
    lines.append(f"first load {w['first_load_gzip_bytes']} B gz; fragment "
                 f"{w['fragment_gzip_bytes']} B gz; peak RSS {result['peak_rss_mb']:.0f} MB")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
