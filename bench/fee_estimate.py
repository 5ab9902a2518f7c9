"""Issue 4's benchmark: the fee-estimate fragment (what typing in the estimator fetches).

usage: python -m bench.fee_estimate [--seconds 15]
wrk with 16 connections sends HX-Request estimates for 400 sampled subtypes, valuations and
item counts to one uvicorn worker. Writes bench/results/fee_estimate.json.
"""
from __future__ import annotations

import random
from urllib.parse import urlencode

from bench.recording import options, record
from bench.server import serving
from bench.sign_in_load import URL, prepare
from bench.wrk import run_wrk
from db.rules.fee_schedules import fee_schedules
from domain.subtypes import SUBTYPES


def estimate_paths(count: int = 400, seed: int = 4) -> list[str]:
    rng = random.Random(seed)
    schedule = fee_schedules()[-1]
    paths = []
    for _ in range(count):
        subtype = rng.choice(SUBTYPES)
        params = {"type": subtype.permit_type.value, "subtype": subtype.name,
                  "valuation": f"{rng.randint(500, 2_000_000):,}"}
        for item in schedule.items_of(subtype.permit_type):
            if rng.random() < 0.5:
                params[item.code] = str(rng.randint(1, 5))
        if schedule.asks_stories(subtype):  # SMIP's rate depends on them (issue 14)
            params["stories"] = "2"
        paths.append("/fees/estimate?" + urlencode(params))
    return paths


def main() -> None:
    args = options(__doc__, seconds=15)
    prepare(0)
    paths = estimate_paths()
    with serving(URL) as (base, _):
        run_wrk(base, paths, seconds=3, htmx=True)  # warm up
        result = run_wrk(base, paths, connections=16, seconds=args.seconds, htmx=True)
    record("fee_estimate", {"connections": 16, "seconds": args.seconds, "paths": len(paths),
                            "result": result})
    print(f"fee-estimate fragment: client p95 {result['client_ms']['p95']:.2f} ms, server p95 "
          f"{result['server_ms']['p95']:.3f} ms, {result['rps']:.0f} req/s, "
          f"statuses {result['statuses']}")


if __name__ == "__main__":
    main()
