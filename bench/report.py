"""Render bench/results/*.json as the results tables of docs/benchmarks.md.

usage: python -m bench.report > /tmp/results.md   (then paste under "Results")
"""
from __future__ import annotations

import json

from bench.recording import RESULTS

TARGETS = {"p95": 50.0, "p99": 150.0}


def engine_table(result: dict) -> list[str]:
    lines = [f"### {result['engine']} — {result['permits']:,} permits, 16 connections, "
             f"{result['seconds_per_run']} s a run ({result['when']})", "",
             "| query kind | server p50 ms | server p95 ms | server p99 ms | client p50 ms |"
             " client p95 ms | client p99 ms | req/s |", "|---|---|---|---|---|---|---|---|"]
    for kind, r in result["search"].items():
        s, c = r["server_ms"], r["client_ms"]
        lines.append(f"| {kind} | {s['p50']:.2f} | {s['p95']:.2f} | {s['p99']:.2f} | "
                     f"{c['p50']:.2f} | {c['p95']:.2f} | {c['p99']:.2f} | {r['rps']:,.0f} |")
    t, ratios, w = result["throughput"], result["ratios"], result["page_weight"]
    lines += ["", "| throughput | req/s | ratio to trivial |", "|---|---|---|",
              f"| trivial `/livez` | {t['trivial']['rps']:,.0f} | 1 |",
              f"| permit page | {t['permit_page']['rps']:,.0f} | "
              f"{ratios['permit_page_to_trivial']:.3f} |",
              f"| 25-row results fragment | {t['results_fragment']['rps']:,.0f} | "
              f"{ratios['fragment_to_trivial']:.3f} |", "",
              f"First load of `{w['first_load_path']}` (HTML+CSS+JS): "
              f"{w['first_load_gzip_bytes']:,} bytes gzipped ({w['first_load_raw_bytes']:,} raw). "
              f"25-row fragment: {w['fragment_gzip_bytes']:,} bytes gzipped "
              f"({w['fragment_raw_bytes']:,} raw). Server peak RSS: {result['peak_rss_mb']:.0f} MB.",
              ""]
    return lines


def main() -> None:
    middleware = json.loads((RESULTS / "middleware.json").read_text())
    lines = [f"Middleware stack: the app's `/livez` {middleware['app_livez']['rps']:,.0f} req/s "
             f"against a bare Starlette app's {middleware['bare_livez']['rps']:,.0f}: ratio "
             f"**{middleware['ratio']:.2f}**.", ""]
    for engine in ("sqlite", "postgres"):
        path = RESULTS / f"search-{engine}.json"
        if path.exists():
            lines += engine_table(json.loads(path.read_text()))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
