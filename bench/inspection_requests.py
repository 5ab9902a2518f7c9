"""Issue 5's benchmark: computing available dates, and the inspection request POST under load.

usage: python -m bench.inspection_requests [--clients 16] [--requests 2400]
                                           [--database-url postgresql://...]
1. available_dates() (the pure domain function, 14-day horizon) and open_dates() (the same
   plus its capacity query) timed in-process, 2,000 calls each.
2. ``--clients`` signed-in contractors each POST inspection requests (a different issued, paid
   permit each time, so every request books) to one uvicorn worker, as fast as answers come;
   client-side latency of the POST (303 to the confirmation) is reported. The database is built
   afresh each run (SQLite under var/bench/, or the PostgreSQL database given).
Writes bench/results/inspection_requests[_postgres].json.
"""
from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import httpx

from bench.recording import options, record
from bench.server import ROOT, serving
from bench.sign_in_load import percentile

SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'inspections.sqlite3'}"
PASSWORD = "bench-inspections-password"
FIRST_LICENSE = 9_100_001
DISTRICTS = ("West", "Central", "East")
ENV = {"PERMITLINE_SECURE_COOKIES": "false"}


def fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        import asyncpg

        admin, name = url.rsplit("/", 1)

        async def recreate():
            connection = await asyncpg.connect(f"{admin}/postgres")
            try:
                await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                await connection.execute(f'CREATE DATABASE "{name}"')
            finally:
                await connection.close()

        asyncio.run(recreate())
    subprocess.run([sys.executable, "-m", "web.commands.cli", "migrate"], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": url}, capture_output=True)


async def seed(url: str, clients: int, permits: int) -> tuple[list[str], list[str]]:
    """``clients`` contractors (a license in good standing and one verified account each),
    ``permits`` issued and paid re-roof permits shared among them and spread over the
    districts, and room for all of them on the dates (staff's capacity override)."""
    from db.accounts import accounts, passwords
    from db.database import connect, disconnect
    from db.rules.scheduling_policies import business_calendar, policy_for
    from db.tables import ContractorLicense, FeeItem, InspectionDay, Parcel, Permit
    from domain.accounts import Role
    from domain.scheduling import bookable_dates

    database = await connect(url)
    today = date.today()
    licenses = [str(FIRST_LICENSE + n) for n in range(clients)]
    await ContractorLicense.insert(*(ContractorLicense(
        license_no=license_no, business_name=f"Bench Roofing {license_no}",
        primary_status="CLEAR", expires_on=today + timedelta(days=700), wc_coverage="Exempt",
        classifications="C-39", row_hash=license_no) for license_no in licenses))
    password_hash = await passwords.hash_password(PASSWORD)
    now = datetime.now(timezone.utc)
    emails = [f"inspections{n}@example.com" for n in range(clients)]
    for email, license_no in zip(emails, licenses):
        await accounts.create_account(database, email=email, password_hash=password_hash,
                                      name="Bench", phone="323-555-0100", role=Role.CONTRACTOR,
                                      license_no=license_no, email_verified_at=now, now=now)
    parcels = []
    for n, district in enumerate(DISTRICTS):
        rows = await Parcel.insert(Parcel(
            apn=f"8888-00{n}-001", house_number=100 + n, street_name="Bench", street_suffix="St",
            street_key="bench", city="West Hollywood", state="CA", zip_code="90069",
            latitude=34.09, longitude=-118.38, zoning="R1", district=district))
        parcels.append((rows[0]["id"], district))
    numbers = []
    for n in range(permits):
        parcel, _ = parcels[n % len(parcels)]
        number = f"BLD{today.year}-{n + 1:05d}"
        permit_id = (await Permit.insert(Permit(
            number=number, permit_type="BLD", subtype="Re-roof", description="Re-roof",
            valuation=Decimal("18000"), status="Issued", parcel=parcel,
            site_address="100 Bench St", permit_class="Residential", work_class="Existing",
            applied_on=today, issued_on=today, expires_on=today + timedelta(days=180),
            contractor_license=licenses[n % clients],
            contractor_name="Bench Roofing")))[0]["id"]
        await FeeItem.insert(FeeItem(permit=permit_id, code="BLDG", description="Building",
                                     amount=Decimal("300.00"), paid=True))
        numbers.append(number)
    policy = policy_for(today)
    days = bookable_dates(now, policy, business_calendar(policy, today.year))
    for district in DISTRICTS:
        await InspectionDay.insert(*(InspectionDay(district=district, day=d, booked=0,
                                                   capacity=100_000) for d in days))
    await disconnect(database)
    return emails, numbers


async def time_available_dates(url: str) -> dict:
    """Microseconds per call of the pure function and of the query-backed one."""
    from db.engines import bind_tables, engine_for
    from db.inspections import booking
    from db.inspections.booking import Scheduler
    from db.rules.scheduling_policies import business_calendar, policy_for
    from domain.notifications import NoticeContext
    from domain.scheduling import DistrictDays, available_dates, bookable_dates

    engine = engine_for(url)
    bind_tables(engine)
    if hasattr(engine, "start_connection_pool"):
        await engine.start_connection_pool()
    now = datetime.now(timezone.utc)
    policy = policy_for(now.date())
    calendar = business_calendar(policy, now.date().year)
    booked = DistrictDays(booked={d: 10 for d in bookable_dates(now, policy, calendar)})
    pure = []
    for _ in range(2000):
        started = time.perf_counter()
        available_dates(now, policy, calendar, "West", 2, booked)
        pure.append((time.perf_counter() - started) * 1e6)
    permit = await booking.inspectable_permit(f"BLD{now.year}-00001")
    rules = Scheduler(policy, calendar, NoticeContext("Bench", "http://bench"))
    queried = []
    for _ in range(2000):
        started = time.perf_counter()
        await booking.open_dates(permit, 1, now, rules)
        queried.append((time.perf_counter() - started) * 1e6)
    if hasattr(engine, "close_connection_pool"):
        await engine.close_connection_pool()
    return {name: {"p50": percentile(v, 50), "p95": percentile(v, 95),
                   "p99": percentile(v, 99)} for name, v in
            (("available_dates_us", pure), ("open_dates_with_query_us", queried))}


async def _client(base: str, email: str, numbers: list[str], day: str,
                  latencies: list[float], statuses: dict[int, int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        await client.get("/sign-in")
        token = client.cookies.get("csrf")
        signed = await client.post("/sign-in", data={"email": email, "password": PASSWORD,
                                                     "csrf_token": token})
        assert signed.status_code == 303, signed.text[:300]
        for number in numbers:
            started = time.perf_counter()
            response = await client.post(f"/permits/{number}/inspections/request", data={
                "csrf_token": token, "type": "145", "day": day, "contact_name": "Ana Ruiz",
                "contact_phone": "323-555-0177", "notes": "Gate code 4412"})
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1


async def request_load(base: str, emails: list[str], numbers: list[str]) -> dict:
    from db.rules.scheduling_policies import business_calendar, policy_for
    from domain.scheduling import earliest_date

    now = datetime.now(timezone.utc)
    policy = policy_for(now.date())
    day = earliest_date(now, policy, business_calendar(policy, now.year)).isoformat()
    shares = [numbers[i::len(emails)] for i in range(len(emails))]  # permit n is license n % k
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    started = time.perf_counter()
    await asyncio.gather(*(_client(base, email, share, day, latencies, statuses)
                           for email, share in zip(emails, shares)))
    elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "seconds": round(elapsed, 2),
            "requests_per_second": round(len(latencies) / elapsed, 1), "statuses": statuses,
            "client_ms": {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
                          "p99": percentile(latencies, 99),
                          "mean": statistics.fmean(latencies)}}


def main() -> None:
    args = options(__doc__, clients=16, requests=2400, database_url=SQLITE_URL)
    url = args.database_url
    fresh_database(url)
    emails, numbers = asyncio.run(seed(url, args.clients, args.requests))
    dates = asyncio.run(time_available_dates(url))
    with serving(url, env=ENV) as (base, _):
        load = asyncio.run(request_load(base, emails, numbers))
    engine = "sqlite" if url.startswith("sqlite") else "postgres"
    record("inspection_requests" + ("" if engine == "sqlite" else "_postgres"), {
        "engine": engine, "clients": args.clients, "available_dates": dates,
        "request_post": load})
    print(f"{engine}: available_dates p95 {dates['available_dates_us']['p95']:.1f} µs, "
          f"with its query p95 {dates['open_dates_with_query_us']['p95']:.0f} µs; request POST "
          f"at {args.clients} clients: p95 {load['client_ms']['p95']:.1f} ms, "
          f"{load['requests_per_second']} req/s, statuses {load['statuses']}")


if __name__ == "__main__":
    main()
