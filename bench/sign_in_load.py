"""Issue 3's benchmark: do 20 concurrent sign-ins slow down public pages?

usage: python -m bench.sign_in_load [--seconds 20] [--signers 20]
A public load (wrk, 4 connections, permit pages) runs three times against one uvicorn worker:
alone; beside 20 clients signing in over and over (the app: PBKDF2 in a worker thread); and
beside the same 20 clients against a variant that hashes on the event loop, as Piccolo's
BaseUser.login does. Writes bench/results/sign_in_load.json.
"""
from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx

from bench.recording import machine, options, record
from bench.server import ROOT, serving
from bench.wrk import run_wrk
from db.engines import fetch_rows

URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'sign-in.sqlite3'}"
PASSWORD = "bench-sign-in-password"
ENV = {"PERMITLINE_SECURE_COOKIES": "false"}


def prepare(signers: int) -> list[str]:
    """20,000 demo permits and ``signers`` accounts (created once)."""
    Path(URL.split("sqlite:///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": URL}
    subprocess.run([sys.executable, "-m", "web.commands.cli", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    subprocess.run([sys.executable, "-m", "web.commands.cli", "demo", "--permits", "20000",
                    "--if-empty"], cwd=ROOT, env=env, check=True, capture_output=True)
    emails = [f"bench{n}@example.com" for n in range(signers)]
    existing = {row[0] for row in fetch_rows(URL, "SELECT email FROM account")}
    missing = [email for email in emails if email not in existing]
    if missing:
        asyncio.run(_create(missing))
    return emails


async def _create(emails: list[str]) -> None:
    from db.accounts import accounts, passwords
    from db.database import connected
    from domain.accounts import Role

    password_hash = await passwords.hash_password(PASSWORD)
    now = datetime.now(timezone.utc)
    async with connected(URL) as database:
        for email in emails:
            await accounts.create_account(database, email=email, password_hash=password_hash,
                                          name="Bench", phone="323-555-0100",
                                          role=Role.CONTRACTOR, email_verified_at=now, now=now)


async def _signer(base: str, email: str, stop_at: float, latencies: list[float],
                  failures: list[int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        await client.get("/sign-in")
        token = client.cookies.get("csrf")
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            response = await client.post("/sign-in", data={
                "email": email, "password": PASSWORD, "csrf_token": token})
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status_code != 303:
                failures.append(response.status_code)


def _sign_in_load(base: str, emails: list[str], seconds: float) -> tuple[threading.Thread, dict]:
    outcome: dict = {"latencies": [], "failures": []}

    def run() -> None:
        stop_at = time.monotonic() + seconds
        asyncio.run(_all(base, emails, stop_at, outcome))

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


async def _all(base, emails, stop_at, outcome) -> None:
    await asyncio.gather(*(_signer(base, email, stop_at, outcome["latencies"],
                                   outcome["failures"]) for email in emails))


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(len(ordered) * p / 100) - 1))]


def run_case(label: str, factory: str, emails: list[str], paths: list[str],
             seconds: int) -> dict:
    with serving(URL, factory=factory, env=ENV) as (base, _):
        run_wrk(base, paths, connections=4, seconds=3)  # warm caches
        thread, signing = (None, None)
        if emails:
            thread, signing = _sign_in_load(base, emails, seconds + 2)
            time.sleep(1.5)  # every signer is in its loop before wrk starts
        public = run_wrk(base, paths, connections=4, seconds=seconds)
        if thread is not None:
            thread.join()
    result = {"case": label, "public": public}
    if signing is not None:
        latencies = signing["latencies"]
        result["sign_ins"] = {
            "count": len(latencies), "per_second": round(len(latencies) / (seconds + 2), 1),
            "failures": len(signing["failures"]),
            "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(percentile(latencies, 95), 1)}
    print(f"{label}: public p95 {public['client_ms']['p95']:.1f} ms "
          f"(server {public['server_ms']['p95']:.2f} ms), {public['rps']:.0f} req/s"
          + (f"; sign-ins {result['sign_ins']['count']} p95 {result['sign_ins']['p95_ms']} ms"
             if signing else ""))
    return result


def main() -> None:
    args = options(__doc__, seconds=20, signers=20)
    emails = prepare(args.signers)
    numbers = [row[0] for row in fetch_rows(URL, "SELECT number FROM permit ORDER BY id"
                                                 " LIMIT 400")]
    paths = [f"/permits/{number}" for number in numbers]
    cases = [
        run_case("public pages alone", "web.app", [], paths, args.seconds),
        run_case(f"{args.signers} concurrent sign-ins, hashing in a worker thread (the app)",
                 "web.app", emails, paths, args.seconds),
        run_case(f"{args.signers} concurrent sign-ins, hashing on the event loop "
                 "(Piccolo's BaseUser.login)", "bench.on_loop_hashing", emails, paths,
                 args.seconds),
    ]
    record("sign_in_load", {"machine": machine(implementation=True), "seconds": args.seconds,
                            "signers": args.signers, "public_connections": 4, "cases": cases})


if __name__ == "__main__":
    main()
