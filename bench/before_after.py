"""Issue 2's search and throughput benchmark on an earlier commit and on this tree, in one run.

The machine is shared and noisy, so figures from different days do not compare: this runs
both trees on the same 1M-permit databases, taking turns (before, now, before, now …), and
records each round and the median of each figure. The earlier commit is checked out in a git
worktree under var/bench/ and served by its own code.

usage: python -m bench.before_after --before cc77a2d [--rounds 2] [--seconds 10]
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys

from bench.recording import options, record
from bench.run_all import bench_engine, database_url, ensure_database
from bench.server import ROOT

# Run inside the earlier tree: its own bench_engine serves its own app.
ONE_RUN = ("import json, sys; from bench.run_all import bench_engine; "
           "print(json.dumps(bench_engine(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))")


def worktree(rev: str):
    """The earlier commit's tree (made once), sharing this tree's benchmark databases."""
    path = ROOT / "var" / "bench" / f"before-{rev}"
    if not path.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(path), rev], cwd=ROOT,
                       check=True, capture_output=True)
    (path / "var").mkdir(exist_ok=True)
    if not (path / "var" / "bench").exists():
        (path / "var" / "bench").symlink_to(ROOT / "var" / "bench")
    return path


def figures(result: dict) -> dict[str, float]:
    """The figures compared: server p95 per query kind, and the two throughput ratios."""
    out = {f"{kind} server p95 ms": r["server_ms"]["p95"] for kind, r in result["search"].items()}
    out.update({f"{kind} req/s": r["rps"] for kind, r in result["search"].items()})
    out["permit page / trivial"] = result["ratios"]["permit_page_to_trivial"]
    out["results fragment / trivial"] = result["ratios"]["fragment_to_trivial"]
    return out


def main() -> None:
    args = options(__doc__, before="cc77a2d", rounds=2, seconds=10, engines="sqlite,postgres",
                   permits=1_000_000)
    earlier = worktree(args.before)
    report = {"before": args.before, "rounds": args.rounds, "engines": {}}
    for engine in args.engines.split(","):
        ensure_database(engine, database_url(engine, args.permits), args.permits)
        runs: dict[str, list[dict]] = {"before": [], "now": []}
        for _ in range(args.rounds):
            done = subprocess.run([sys.executable, "-c", ONE_RUN, engine, str(args.permits),
                                   str(args.seconds)], cwd=earlier, check=True,
                                  capture_output=True, text=True)
            runs["before"].append(figures(json.loads(done.stdout.strip().splitlines()[-1])))
            runs["now"].append(figures(bench_engine(engine, args.permits, args.seconds)))
        medians = {side: {name: statistics.median(run[name] for run in rounds)
                          for name in rounds[0]} for side, rounds in runs.items()}
        report["engines"][engine] = {
            "runs": runs, "median": medians,
            "now_to_before": {name: medians["now"][name] / medians["before"][name]
                              for name in medians["now"] if medians["before"][name]}}
        for name, ratio in report["engines"][engine]["now_to_before"].items():
            print(f"{engine} {name}: before {medians['before'][name]:.3f}, "
                  f"now {medians['now'][name]:.3f} ({ratio:.2f}×)", flush=True)
    record("before_after", report)


if __name__ == "__main__":
    main()
