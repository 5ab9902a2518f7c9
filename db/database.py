"""The one handle to the database: its engine's write transactions and row locks, its reader."""
from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import AsyncIterator

from piccolo.engine.base import Engine

from db.engines import bind_tables, engine_for, sqlite_path
from db.reader import PostgresReader, SQLiteReader
from db.tables import Inspection, Permit
from db.transactions import write_transaction


@dataclass
class Database:
    """Passed to every use case that writes, as the reader is to every read: nothing in db/
    finds the engine through Piccolo's tables (issue 15)."""
    engine: Engine
    reader: SQLiteReader | PostgresReader

    @property
    def postgres(self) -> bool:
        return self.engine.engine_type == "postgres"

    @property
    def bound(self) -> bool:
        """Whether Piccolo's tables run their queries on this handle's engine (tests bind
        several databases in one process, one at a time)."""
        return Permit._meta.db is self.engine

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """One write transaction (db/transactions.py: writers take turns on SQLite)."""
        # Piccolo's tables run their queries on one engine per process, and a transaction on
        # another would hold none of them: a process with two handles binds the one that
        # writes, so each app writes to its own database. A server has one handle; only tests
        # hold several (apps on other databases, a second app as "another server process"),
        # and they send one request at a time. Refusing instead was tried: every test harness
        # with two apps then had to share or re-bind handles by hand.
        if not self.bound:
            bind_tables(self.engine)
        async with write_transaction(self.engine):
            yield

    async def lock_rows(self, table: str, column: str, values: list) -> None:
        """Inside a write transaction on PostgreSQL, take the rows' locks before reading them
        to decide (READ COMMITTED would let two transactions decide on the same old state); on
        SQLite the write lock already makes writers take turns. In the column's order, so two
        transactions locking some of the same rows cannot deadlock."""
        if self.postgres and values:
            await Permit.raw(f"SELECT 1 FROM {table} WHERE {column} = ANY({{}})"
                             f" ORDER BY {column} FOR UPDATE", list(values))

    async def lock_inspection(self, inspection_id: int) -> int | None:
        """Lock an inspection's permit, then the inspection, in the order every writer takes
        them (a result, a cancellation, a reassignment and the permit's expiry decide one after
        the other; an audit event's reference to the permit waits on no one). Its permit's id,
        or None when there is no such inspection."""
        row = await Inspection.select(Inspection.permit).where(
            Inspection.id == inspection_id).first()
        if row is None:
            return None
        await self.lock_rows("permit", "id", [row["permit"]])
        await self.lock_rows("inspection", "id", [inspection_id])
        return row["permit"]


async def connect(url: str) -> Database:
    """The handle on ``url``, its tables bound to it (the server's, a command's, a test's)."""
    engine = engine_for(url)
    bind_tables(engine)
    path = sqlite_path(url)
    if path is not None:
        return Database(engine, SQLiteReader(path))
    # Piccolo on PostgreSQL needs its pool started inside the serving event loop. asyncpg
    # prepares every statement; a generic plan cannot see how common a searched word or
    # prefix is, so each execution is planned with its actual parameters.
    await engine.start_connection_pool(
        min_size=2, max_size=10, server_settings={"plan_cache_mode": "force_custom_plan"})
    return Database(engine, PostgresReader(engine))


async def disconnect(database: Database) -> None:
    await database.reader.close()
    if database.postgres:
        await database.engine.close_connection_pool()


@asynccontextmanager
async def connected(url: str) -> AsyncIterator[Database]:
    """The handle for as long as the block lasts (a command, a benchmark's setup)."""
    database = await connect(url)
    try:
        yield database
    finally:
        await disconnect(database)
