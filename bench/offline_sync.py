"""Issue 6's benchmark: inspector mode offline, in Debian's Chromium against the real app.

usage: python -m bench.offline_sync [--results 200] [--stops 30] [--database-url URL]
1. Sync: an inspector's phone goes offline and queues ``--results`` result entries through
   the service worker (each answered 202 "saved on this device"); the phone comes back online
   and the time from the `online` event until the result queue is empty is measured (the worker
   sends one entry at a time, as DESIGN §3 requires). The database is checked afterwards:
   every result recorded once, one idempotency record each.
2. Ready offline: another inspector with a ``--stops`` route opens Today on a fresh phone (the
   worker installs and precaches first: "cold") and again later ("warm"); the time from the
   click (or reload) until the route and every stop page are saved is measured.
3. Bytes cached on the device: Cache Storage per cache, the result queue's entries, and the browser's
   own storage estimate.
One uvicorn worker; the database is built afresh each run (SQLite under var/bench/, or the
PostgreSQL database given). Writes bench/results/offline_sync[_postgres].json.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bench.inspection_requests import fresh_database
from bench.recording import options, record
from bench.server import ROOT, serving
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'offline.sqlite3'}"
PASSWORD = "bench-offline-password"
ENV = {"PERMITLINE_SECURE_COOKIES": "false"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
POLL_S = 0.02

QUEUE = """async ({stops, account}) => {
  const started = performance.now();
  for (const stop of stops) {
    const response = await fetch(`/inspector/inspections/${stop.id}/result`, {
      method: "POST",
      headers: {"Idempotency-Key": crypto.randomUUID(), "HX-Request": "true",
                "Outbox-Label": encodeURIComponent(stop.address), "Outbox-Account": account},
      body: new URLSearchParams({result: "Approved", public_notes: `Checked at ${stop.address}`}),
    });
    if (response.status !== 202) throw new Error(`not queued: ${response.status}`);
  }
  const entries = await PermitlineResultQueue.entries();
  return {ms: performance.now() - started, count: entries.length,
          bytes: new Blob([JSON.stringify(entries)]).size};
}"""

CACHED = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    let bytes = 0, count = 0;
    for (const request of await cache.keys()) {
      bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
      count += 1;
    }
    out[name.startsWith("static-") ? "static" : name] = {count, bytes};
  }
  const estimate = await navigator.storage.estimate();
  return {caches: out, storage_estimate_bytes: estimate.usage};
}"""


def city_today() -> date:
    return datetime.now(ZoneInfo("America/Los_Angeles")).date()


def inspector(url: str, email: str) -> None:
    subprocess.run([sys.executable, "-m", "web.commands.cli", "user", "create", "--role", "inspector",
                    "--email", email, "--name", "Bench Inspector", "--phone", "3235550102"],
                   cwd=ROOT, input=PASSWORD + "\n", text=True, check=True, capture_output=True,
                   env={**os.environ, "DATABASE_URL": url})


def seed(url: str, email: str, stops: int, first_number: int) -> list[dict]:
    from db.engines import bind_tables, engine_for
    from tests.factories import seed_route

    engine = engine_for(url)
    bind_tables(engine)

    pooled = url.startswith("postgres")

    async def run():
        if pooled:
            await engine.start_connection_pool()
        try:
            return await seed_route(email, city_today(), stops, first_number)
        finally:
            if pooled:
                await engine.close_connection_pool()

    return asyncio.run(run())


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name=re.compile(r"^Today: ")).wait_for()  # the day's route


def wait(predicate, timeout_s: float = 120.0):
    deadline = time.monotonic() + timeout_s
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise TimeoutError("the phone did not get there in time")
        time.sleep(POLL_S)
    return value


def saved_at(page) -> float:
    return page.evaluate("() => PermitlineResultQueue.meta().then(meta => meta.savedAt || 0)")


def open_today(page) -> None:
    page.get_by_role("banner").get_by_role("link", name="Today", exact=True).click()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def sync_case(browser, base: str, email: str, stops: list[dict], account: int) -> dict:
    context = browser.new_context(**PHONE, base_url=base, service_workers="allow")
    page = context.new_page()
    sign_in(page, email)
    open_today(page)
    context.set_offline(True)
    queued = page.evaluate(QUEUE, {"stops": stops, "account": str(account)})
    started = time.perf_counter()
    context.set_offline(False)
    wait(lambda: page.evaluate("() => PermitlineResultQueue.entries().then(e => e.length)") == 0)
    seconds = time.perf_counter() - started
    context.close()
    return {"results": len(stops), "queue_ms": round(queued["ms"]),
            "outbox_bytes": queued["bytes"], "sync_s": round(seconds, 2),
            "per_result_ms": round(seconds * 1000 / len(stops), 1)}


def ready_case(browser, base: str, email: str, stops: int) -> dict:
    context = browser.new_context(**PHONE, base_url=base, service_workers="allow")
    page = context.new_page()
    sign_in(page, email)
    started = time.perf_counter()
    open_today(page)
    wait(lambda: saved_at(page) > 0)
    cold = time.perf_counter() - started
    before = saved_at(page)
    started = time.perf_counter()
    page.reload()
    wait(lambda: saved_at(page) > before)
    warm = time.perf_counter() - started
    cached = page.evaluate(CACHED)
    context.close()
    return {"stops": stops, "cold_s": round(cold, 2), "warm_s": round(warm, 2), **cached}


def main() -> None:
    args = options(__doc__, results=200, stops=30, database_url=SQLITE_URL)
    url = args.database_url
    fresh_database(url)
    syncer, router = "sync@bench.example.com", "route@bench.example.com"
    inspector(url, syncer)
    inspector(url, router)
    backlog = seed(url, syncer, args.results, 70000)
    seed(url, router, args.stops, 80000)
    from db.engines import fetch_rows
    account = fetch_rows(url, f"SELECT id FROM account WHERE email = '{syncer}'")[0][0]

    from playwright.sync_api import sync_playwright

    with serving(url, env=ENV) as (base, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ready = ready_case(browser, base, router, args.stops)
        sync = sync_case(browser, base, syncer, backlog, account)
        browser.close()
    ids = ",".join(str(stop["id"]) for stop in backlog)
    recorded = fetch_rows(url, f"SELECT count(*) FROM inspection WHERE id IN ({ids}) "
                               "AND status = 'Completed'")[0][0]
    records = fetch_rows(url, "SELECT count(*) FROM idempotency_record")[0][0]
    assert recorded == records == args.results, (recorded, records)
    engine = "sqlite" if url.startswith("sqlite") else "postgres"
    record("offline_sync" + ("" if engine == "sqlite" else "_postgres"), {
        "engine": engine, "sync": sync, "ready_offline": ready, "recorded_once": recorded})
    print(f"{engine}: {sync['results']} results synced in {sync['sync_s']} s "
          f"({sync['per_result_ms']} ms each), each recorded once; a {ready['stops']}-stop route "
          f"ready offline in {ready['cold_s']} s (first visit, worker installing) / "
          f"{ready['warm_s']} s (later); cached {json.dumps(ready['caches'])}")


if __name__ == "__main__":
    main()
