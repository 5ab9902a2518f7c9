"""Databases for tests: a migrated SQLite file always, PostgreSQL when configured.

Set PERMITLINE_TEST_POSTGRES to a postgresql:// URL; each run creates its own database on that
server (named after the URL's database plus a random suffix) and drops only that one.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse, urlunparse

import pytest
from hypothesis import settings

from db.database import connected
from db.engines import bind_tables
from db.rules import rule_book
from tests.travel_clock import (  # noqa: F401 (pytest hooks: the suite at another date)
    pytest_configure, pytest_report_header, pytest_unconfigure
)

# No property test fails for being slow: hypothesis's 200 ms deadline is a timed assertion,
# and on CI's shared two cores a name check once took 281 ms (speed is measured in bench/).
settings.register_profile("permitline", deadline=None)
settings.load_profile("permitline")

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("PERMITLINE_TEST_POSTGRES")


def migrate(url: str) -> None:
    subprocess.run([sys.executable, "-m", "web.commands.cli", "migrate"], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": url}, capture_output=True)


def _admin(url: str, sql: str) -> None:
    import asyncpg

    async def run():
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run())


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'permitline.sqlite3'}"
    migrate(url)
    return url


@contextmanager
def new_postgres_database(label: str) -> Iterator[str]:
    """A migrated database of this run's own on PERMITLINE_TEST_POSTGRES's server."""
    if not POSTGRES:
        pytest.skip("PERMITLINE_TEST_POSTGRES is not set")
    parts = urlparse(POSTGRES)
    name = f"{parts.path.lstrip('/') or 'permitline'}_{label}_{uuid.uuid4().hex[:8]}"
    _admin(POSTGRES, f'CREATE DATABASE "{name}"')
    url = urlunparse(parts._replace(path=f"/{name}"))
    try:
        migrate(url)
        yield url
    finally:
        _admin(POSTGRES, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_url():
    with new_postgres_database("shared") as url:
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request) -> str:
    return request.getfixturevalue(f"{request.param}_url")


@asynccontextmanager
async def opened(url: str):
    """The app's database handle on ``url``, its rule book loaded, while the block lasts."""
    async with connected(url) as database:
        await rule_book.load(database)
        yield database


async def seeded(database) -> dict:
    """The known data (tests/factories.py) written into ``database``: their ids by name."""
    from tests.factories import seed_known

    bind_tables(database.engine)
    return await seed_known()


def database_fixtures(scope: str):
    """The ``database`` and ``known`` fixtures for ``scope``: a handle on ``database_url``
    (the rule book loaded) and the known data seeded into it."""
    @pytest.fixture(scope=scope, name="database")
    async def handle(database_url):
        async with opened(database_url) as database:
            yield database

    @pytest.fixture(scope=scope, name="known")
    async def seeded_known(database):
        return await seeded(database)

    return handle, seeded_known


database, known = database_fixtures("session")


@pytest.fixture
def bound(database):
    """The engine under test, re-bound in case another suite's app bound its own."""
    bind_tables(database.engine)
    return database


@pytest.fixture
def reader(bound, known):
    return bound.reader
