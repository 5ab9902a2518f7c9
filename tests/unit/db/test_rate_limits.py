"""Rate limits kept in the database: counted with the action, and across processes."""
from __future__ import annotations

import asyncio
import multiprocessing
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from db.database import connected
from db.rate_limits import RateLimited, spend, try_spend
from db.tables import RateLimitUse
from domain.rate_limits import RateLimit

NOW = datetime(2026, 12, 4, 17, 0, tzinfo=timezone.utc)
THREE_AN_HOUR = RateLimit(3, timedelta(hours=1))


async def test_a_key_is_refused_once_spent_until_its_oldest_use_leaves_the_window(bound):
    key = f"test {uuid.uuid4().hex}"
    for minutes in (0, 10, 20):
        async with bound.transaction():
            await spend(bound, {key: THREE_AN_HOUR}, NOW + timedelta(minutes=minutes))
    with pytest.raises(RateLimited) as refused:
        async with bound.transaction():
            await spend(bound, {key: THREE_AN_HOUR}, NOW + timedelta(minutes=30))
    assert refused.value.until == NOW + timedelta(hours=1)
    async with bound.transaction():
        await spend(bound, {key: THREE_AN_HOUR}, NOW + timedelta(minutes=61))
    assert await RateLimitUse.count().where(RateLimitUse.key == key) == 4


async def test_a_refusal_on_one_key_counts_against_none(bound):
    spent, fresh = f"test {uuid.uuid4().hex}", f"test {uuid.uuid4().hex}"
    one = RateLimit(1, timedelta(hours=1))
    async with bound.transaction():
        await spend(bound, {spent: one}, NOW)
    async with bound.transaction():
        assert (await try_spend(bound, {spent: one, fresh: one}, NOW))[0] == spent
    assert await RateLimitUse.count().where(RateLimitUse.key == fresh) == 0


async def test_a_failed_action_takes_its_use_back(bound):
    key = f"test {uuid.uuid4().hex}"
    with pytest.raises(ZeroDivisionError):
        async with bound.transaction():
            await spend(bound, {key: THREE_AN_HOUR}, NOW)
            1 / 0
    assert await RateLimitUse.count().where(RateLimitUse.key == key) == 0


def _worker(url: str, key: str, attempts: int, start, results) -> None:
    """One server process: ``attempts`` simultaneous uses of ``key`` (limit 10 an hour)."""
    async def run() -> int:
        async with connected(url) as database:

            async def once() -> bool:
                async with database.transaction():
                    return await try_spend(database, {key: RateLimit(10, timedelta(hours=1))},
                                           NOW) is None

            return sum(await asyncio.gather(*(once() for _ in range(attempts))))

    start.wait()
    results.put(asyncio.run(run()))


def test_the_limit_holds_across_server_processes(database_url):
    """Two processes on one database, each trying 15 uses at once: 10 in all get through."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    key = f"test {uuid.uuid4().hex}"
    workers = [context.Process(target=_worker, args=(database_url, key, 15, start, results))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    allowed = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert sum(allowed) == 10
