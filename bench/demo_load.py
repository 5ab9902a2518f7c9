"""Measure the demo-data bulk load on a fresh, migrated database and record it as JSON.

    .venv/bin/python bench/demo_load.py --permits 1000000
    .venv/bin/python bench/demo_load.py --permits 20000 --postgres postgresql://localhost/x
    /usr/bin/time -v .venv/bin/python bench/demo_load.py ...   # for the peak RSS of the process

SQLite files go under var/bench/; on PostgreSQL a scratch database is created on the given
server and dropped afterwards. Results merge into bench/results/demo_load.json by run name.
"""
from __future__ import annotations

import asyncio
import json
import os
import platform
import resource
import subprocess
import sys
import time
import uuid
from dataclasses import asdict
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.recording import RESULTS, parser  # noqa: E402
from db.demo.load import load_demo  # noqa: E402

# Not record()'s file: runs merge into it by name, with their own stamps and sorted keys.
DEMO_LOAD = RESULTS / "demo_load.json"


def migrate(url: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "piccolo.main", "migrations", "forwards", "db"],
                   cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "DATABASE_URL": url, "PICCOLO_CONF": "piccolo_conf"})
    return time.perf_counter() - started


async def _admin(url: str, sql: str):
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        return await connection.fetchval(sql)
    finally:
        await connection.close()


def run_sqlite(permits: int, seed: int, today: date) -> dict:
    path = ROOT / "var" / "bench" / f"demo-{permits}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    url = f"sqlite:///{path}"
    migrate_s = migrate(url)
    summary = load_demo(url, permits, seed=seed, today=today)
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return {"engine": "sqlite", "migrate_seconds": round(migrate_s, 2),
            "summary": asdict(summary), "database_bytes": size}


def run_postgres(server: str, permits: int, seed: int, today: date) -> dict:
    name = f"permitline_demo_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(server, f'CREATE DATABASE "{name}"'))
    url = urlunparse(urlparse(server)._replace(path=f"/{name}"))
    try:
        migrate_s = migrate(url)
        summary = load_demo(url, permits, seed=seed, today=today)
        size = asyncio.run(_admin(url, "SELECT pg_database_size(current_database())"))
    finally:
        asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return {"engine": "postgresql", "migrate_seconds": round(migrate_s, 2),
            "summary": asdict(summary), "database_bytes": size}


def main() -> None:
    command_line = parser(__doc__, permits=1_000_000, seed=1, today=date(2026, 11, 27))
    command_line.add_argument("--postgres", help="server URL; a scratch database is made on it")
    args = command_line.parse_args()
    started = time.perf_counter()
    if args.postgres:
        result = run_postgres(args.postgres, args.permits, args.seed, args.today)
    else:
        result = run_sqlite(args.permits, args.seed, args.today)
    summary = result["summary"]
    rows = sum(v for k, v in summary.items() if k != "seconds")
    result.update({
        "permits": args.permits, "seed": args.seed, "today": args.today.isoformat(),
        "total_rows": rows, "rows_per_second": round(rows / summary["seconds"]),
        "wall_seconds_with_migration": round(time.perf_counter() - started, 2),
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    })
    runs = json.loads(DEMO_LOAD.read_text()).get("runs", {}) if DEMO_LOAD.exists() else {}
    runs[f"{result['engine']}-{args.permits}"] = result
    RESULTS.mkdir(parents=True, exist_ok=True)
    method = ("bench/demo_load.py on a fresh migrated database; summary.seconds is load_demo "
              "alone (generation, inserts, FTS rebuild, sequences); peak_rss_mib is the "
              "process's ru_maxrss, the figure /usr/bin/time -v reports as maximum RSS")
    DEMO_LOAD.write_text(json.dumps({"method": method, "runs": runs}, indent=2, sort_keys=True)
                         + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
