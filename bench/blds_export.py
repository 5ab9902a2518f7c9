"""Issue 7's open data benchmark: ``permitline export-blds`` on the 1,000,000-permit database.

usage: python -m bench.blds_export [--permits 1000000] [--database-url URL]
1. Runs the command as an administrator would, sampling its resident memory (VmRSS) every
   0.2 s: the time of each file and the peak RSS show whether the export streams (flat memory)
   rather than holding a dataset.
2. Downloads /open-data/permits.csv from one uvicorn worker (no kept copy yet) while another
   client asks for /livez every 50 ms: the other requests' latency during the download shows
   whether making the file holds the server.
Uses (and builds on first use, as bench.run_all does) the benchmark database
var/bench/permits-<N>.sqlite3. Writes bench/results/blds_export.json.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.recording import options, record
from bench.run_all import database_url, ensure_database
from bench.server import ROOT

SAMPLE_S = 0.2
LINE = re.compile(r"blds-(?P<file>[\w-]+\.\w+) \((?P<bytes>[\d,]+) bytes, (?P<seconds>[\d.]+) s\)")


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> None:
    args = options(__doc__, permits=1_000_000, database_url=None)
    url = args.database_url or database_url("sqlite", args.permits)
    if args.database_url is None:
        ensure_database("sqlite", url, args.permits)
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "web.commands.cli", "export-blds", directory], cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url}, stdout=subprocess.PIPE, text=True)
        samples: list[tuple[float, float]] = []
        while process.poll() is None:
            samples.append((time.perf_counter() - started, rss_mb(process.pid)))
            time.sleep(SAMPLE_S)
        output = process.stdout.read()
        total = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"export-blds failed:\n{output}")
    files = {m["file"]: {"seconds": float(m["seconds"]), "bytes": int(m["bytes"].replace(",", ""))}
             for m in map(LINE.search, output.splitlines()) if m}
    rss = [mb for _, mb in samples if mb]
    tenth = max(1, len(rss) // 10)
    result = {
        "database": url.split("/")[-1], "permits": args.permits,
        "total_seconds": round(total, 1), "files": files,
        "peak_rss_mb": round(max(rss), 1),
        "rss_mb_first_tenth_max": round(max(rss[:tenth]), 1),
        "rss_mb_last_tenth_max": round(max(rss[-tenth:]), 1),
    }
    result["http"] = download_beside_others(url)
    record("blds_export", result)
    permits = files.get("permits.csv", {})
    http = result["http"]
    print(f"{args.permits:,} permits: permits.csv in {permits.get('seconds')} s, all six files "
          f"in {result['total_seconds']} s; peak RSS {result['peak_rss_mb']} MB (first tenth "
          f"{result['rss_mb_first_tenth_max']} MB, last tenth {result['rss_mb_last_tenth_max']} MB)"
          f"; over HTTP {http['download_s']} s, /livez meanwhile p50 {http['livez_ms']['p50']} "
          f"ms, p99 {http['livez_ms']['p99']} ms, max {http['livez_ms']['max']} ms")


def download_beside_others(url: str) -> dict:
    import threading

    import httpx

    from bench.server import serving
    from bench.sign_in_load import percentile

    with tempfile.TemporaryDirectory() as kept, serving(
            url, env={"PERMITLINE_OPEN_DATA_DIR": kept}) as (base, _):
        done = threading.Event()
        took: dict = {}

        def download() -> None:
            started = time.perf_counter()
            size = 0
            with httpx.stream("GET", f"{base}/open-data/permits.csv", timeout=600) as response:
                for chunk in response.iter_bytes():
                    size += len(chunk)
            took.update(seconds=time.perf_counter() - started, bytes=size)
            done.set()

        thread = threading.Thread(target=download)
        thread.start()
        latencies = []
        with httpx.Client(base_url=base, timeout=30) as client:
            while not done.is_set():
                started = time.perf_counter()
                client.get("/livez")
                latencies.append((time.perf_counter() - started) * 1000)
                time.sleep(0.05)
        thread.join()
    return {"download_s": round(took["seconds"], 1), "bytes": took["bytes"],
            "livez_ms": {"p50": round(percentile(latencies, 50), 1),
                         "p99": round(percentile(latencies, 99), 1),
                         "max": round(max(latencies), 1), "samples": len(latencies)}}


if __name__ == "__main__":
    main()
