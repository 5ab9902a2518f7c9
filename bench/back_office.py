"""Issue 16's benchmark: the staff queues and the staff search on the 1,000,000-permit databases.

usage: python -m bench.back_office [--engines sqlite,postgres] [--permits 1000000] [--seconds 15]
One uvicorn worker per engine, a staff member signed in; wrk with 8 connections over (a) the
plan review queue's pages (first, deep pages by their cursors, every filter) and (b) staff
searches of every kind (numbers written loosely, prefixes, addresses, words, people's e-mail,
phone and name, and groups' later pages). Client and server p50/p95/p99 per case; the issue
asks p95 ≤ 100 ms. Writes bench/results/back_office.json.
"""
from __future__ import annotations

import asyncio
import random
import re
from datetime import datetime, timezone
from urllib.parse import urlencode

import httpx

from bench.queries import sample_queries
from bench.recording import options, record
from bench.run_all import database_url, ensure_database
from bench.server import serving
from bench.wrk import run_wrk
from db.engines import fetch_rows

EMAIL = "bench.staff@example.com"
PASSWORD = "bench-back-office-password"
ENV = {"PERMITLINE_SECURE_COOKIES": "false"}
CLIENTS = 8


def _staff(url: str) -> None:
    from db.accounts import accounts, passwords
    from db.database import connected
    from domain.accounts import Role

    if fetch_rows(url, f"SELECT 1 FROM account WHERE email = '{EMAIL}'"):
        return

    async def create() -> None:
        now = datetime.now(timezone.utc)
        async with connected(url) as database:
            await accounts.create_account(
                database, email=EMAIL, password_hash=await passwords.hash_password(PASSWORD),
                name="Bench Staff", phone="323-555-0100", role=Role.STAFF, supervisor=True,
                email_verified_at=now, now=now)
    asyncio.run(create())


REVIEWERS = ("bench.reviewer1@example.com", "bench.reviewer2@example.com",
             "bench.reviewer3@example.com")


def _reviews(url: str) -> None:
    """Open reviews by discipline for every waiting application, as receipt opens them (the
    demo data predates disciplines): building and planning each, a quarter of them not yet
    assigned and the rest spread over three reviewers, so the queue's discipline and reviewer
    filters read a full review_assignment table."""
    from db.accounts import accounts
    from db.database import connected
    from domain.accounts import Role

    if fetch_rows(url, "SELECT 1 FROM review_assignment LIMIT 1"):
        return

    async def create() -> list[int]:
        now = datetime.now(timezone.utc)
        async with connected(url) as database:
            return [await accounts.create_account(
                database, email=email, password_hash="-", name=f"Bench Reviewer {n}",
                phone="323-555-0100", role=Role.STAFF, email_verified_at=now, now=now)
                for n, email in enumerate(REVIEWERS, 1)]
    ids = asyncio.run(create())
    fetch_rows(url, "INSERT INTO review_assignment (permit, discipline, round, reviewer, due_on, "
               "decision, comment, decided_by) SELECT p.id, d.discipline, 1, CASE p.id % 4 "
               f"WHEN 1 THEN {ids[0]} WHEN 2 THEN {ids[1]} WHEN 3 THEN {ids[2]} END, "
               "'2026-12-20', '', '', '' FROM permit p, (SELECT 'building' AS discipline "
               "UNION ALL SELECT 'planning') d WHERE p.status IN ('Applied', 'In Review')")
    fetch_rows(url, "ANALYZE")


def _signed_in(base: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=60)
    client.get("/sign-in")
    answer = client.post("/sign-in", data={"email": EMAIL, "password": PASSWORD,
                                           "csrf_token": client.cookies.get("csrf")})
    assert answer.status_code == 303, answer.status_code
    cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    return client, cookie


def _follow(client: httpx.Client, path: str, pattern: str, pages: int) -> list[str]:
    """``path`` and up to ``pages`` pages after it, by the link ``pattern`` finds."""
    found = [path]
    while len(found) <= pages:
        link = re.search(pattern, client.get(found[-1]).text)
        if not link:
            break
        found.append(link[1].replace("&amp;", "&"))
    return found


def queue_paths(client: httpx.Client, url: str) -> list[str]:
    paths = _follow(client, "/staff/reviews", r'<a rel="next" href="([^"]+)"', 40)
    reviewer = fetch_rows(url, f"SELECT id FROM account WHERE email = '{REVIEWERS[1]}'")[0][0]
    for filters in ({"type": "BLD"}, {"type": "ELE"}, {"status": "In Review"}, {"age": "30"},
                    {"type": "PLM", "age": "14"}, {"discipline": "planning"},
                    {"reviewer": "none"}, {"reviewer": str(reviewer)},
                    {"discipline": "building", "reviewer": str(reviewer), "type": "BLD"}):
        paths += _follow(client, "/staff/reviews?" + urlencode(filters),
                         r'<a rel="next" href="([^"]+)"', 5)
    return paths


def _loose(number: str, rng: random.Random) -> str:
    """A permit number written as people do: BLD-2026-00865, bld202600865, BLD2026-865."""
    kind, year, sequence = number[:3], number[3:7], number[8:]
    return rng.choice([f"{kind}-{year}-{sequence}", f"{kind}{year}{sequence}".lower(),
                       f"{kind}{year}-{int(sequence)}", number])


def search_queries(url: str) -> dict[str, list[str]]:
    rng = random.Random(11)
    sampled = sample_queries(url)
    top = fetch_rows(url, "SELECT max(id) FROM permit_contact")[0][0]
    ids = ",".join(str(rng.randint(1, top)) for _ in range(300))
    people = fetch_rows(url, f"SELECT name, email, phone FROM permit_contact WHERE id IN ({ids})")
    return {
        "number written loosely": [_loose(n, rng) for n in sampled["number_exact"]],
        "number prefix": sampled["number_prefix"],
        "address": sampled["address"],
        "words": sampled["free_text"],
        "e-mail": [email for _, email, _ in people if email],
        "phone": [phone for _, _, phone in people if phone],
        "start of a name": [name[:rng.randint(5, len(name))] for name, _, _ in people],
    }


def later_pages(client: httpx.Client, queries: list[str]) -> list[str]:
    """Each group's own pages of a few broad searches, as far as 10 pages in."""
    paths = []
    for q in queries:
        for group in ("permits", "applications"):
            first = "/staff/search?" + urlencode({"q": q, "group": group})
            paths += _follow(client, first, r'<a href="([^"]+)">Next page of', 10)[1:]
    return paths


def bench_engine(engine: str, permits: int, seconds: int) -> dict:
    url = database_url(engine, permits)
    ensure_database(engine, url, permits)
    # Statistics for the indexes a migration has just added (the planners' row estimates of
    # a name range were 1 before: a nested loop over 3,000 names).
    fetch_rows(url, "ANALYZE")
    _staff(url)
    _reviews(url)
    queries = search_queries(url)
    result: dict = {"engine": engine, "permits": permits, "clients": CLIENTS, "cases": {}}
    with serving(url, env=ENV) as (base, _):
        client, cookie = _signed_in(base)
        headers = {"Cookie": cookie}
        cases = {"plan review queue pages": queue_paths(client, url)}
        for kind, qs in queries.items():
            cases[f"search: {kind}"] = ["/staff/search?" + urlencode({"q": q}) for q in qs]
        cases["search: groups' later pages"] = later_pages(
            client, ["roof", "BLD20", "water heater", *queries["e-mail"][:3]])
        run_wrk(base, cases["search: address"][:50], connections=CLIENTS, seconds=2,
                headers=headers)  # warm caches
        for name, paths in cases.items():
            measured = run_wrk(base, paths, connections=CLIENTS, seconds=seconds,
                               headers=headers)
            measured["paths"] = len(paths)
            result["cases"][name] = measured
            print(f"{engine} {name} ({len(paths)} paths): p95 "
                  f"{measured['client_ms']['p95']:.1f} ms (server "
                  f"{measured['server_ms']['p95']:.1f} ms), {measured['rps']:.0f} req/s, "
                  f"statuses {measured['statuses']}", flush=True)
        client.close()
    return result


def main() -> None:
    args = options(__doc__, engines="sqlite,postgres", permits=1_000_000, seconds=15)
    runs = [bench_engine(engine, args.permits, args.seconds) for engine in args.engines.split(",")]
    record("back_office", {"seconds": args.seconds, "runs": runs})


if __name__ == "__main__":
    main()
