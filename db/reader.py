"""Long-lived read connections for hot read paths (search, permit pages).

Piccolo's SQLite engine opens a new connection and thread per query (DESIGN §4b: 752 µs
against 179 µs); reads here use one persistent connection instead. On SQLite the connection
is used on the event loop itself — an indexed read takes tens of microseconds, less than a
thread hand-off — and a progress handler interrupts any statement that runs past its budget so
no query can stall the server. On PostgreSQL reads borrow the Piccolo engine's asyncpg pool.
"""
from __future__ import annotations

import re
import sqlite3
import time
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Sequence

from domain.money import cents

READ_BUDGET_S = 0.5
_PLACEHOLDER = re.compile(r"\?")


class QueryTooSlow(Exception):
    """A read ran past its time budget and was interrupted."""


class SQLiteReader:
    dialect = "sqlite"

    def __init__(self, path: str, budget_s: float = READ_BUDGET_S) -> None:
        self.budget_s = budget_s
        self._deadline = 0.0
        self.connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA busy_timeout=5000")
        self.connection.execute("PRAGMA query_only=1")
        self.connection.execute("PRAGMA cache_size=-32000")
        self.connection.execute("PRAGMA mmap_size=268435456")
        self.connection.set_progress_handler(self._past_deadline, 10_000)
        # Case folding beyond A-Z for reads that need it (the staff search's accounts).
        self.connection.create_function("fold", 1, _fold, deterministic=True)

    def _past_deadline(self) -> int:
        return 1 if time.monotonic() > self._deadline else 0

    async def fetch(self, sql: str, params: Sequence[Any] = (),
                    budget_s: float | None = None) -> list[tuple]:
        """``budget_s``: a read's own time budget, for the few that may take longer (a report
        over years); the default keeps every page fast."""
        self._deadline = time.monotonic() + (budget_s or self.budget_s)
        try:
            return self.connection.execute(sql, [_sqlite_param(p) for p in params]).fetchall()
        except sqlite3.OperationalError as error:
            if "interrupted" in str(error):
                raise QueryTooSlow(sql) from error
            raise

    async def close(self) -> None:
        self.connection.close()


def _fold(text: str | None) -> str | None:
    return text.casefold() if text else text


def _sqlite_param(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class PostgresReader:
    dialect = "postgres"

    def __init__(self, engine, budget_s: float = READ_BUDGET_S) -> None:
        self.engine = engine
        self.budget_s = budget_s
        self._statements: dict[str, str] = {}

    def _numbered(self, sql: str) -> str:
        numbered = self._statements.get(sql)
        if numbered is None:
            counter = iter(range(1, 1000))
            numbered = _PLACEHOLDER.sub(lambda _: f"${next(counter)}", sql)
            self._statements[sql] = numbered
        return numbered

    async def fetch(self, sql: str, params: Sequence[Any] = (),
                    budget_s: float | None = None) -> list[tuple]:
        import asyncio

        async with self.engine.pool.acquire() as connection:
            try:
                return await connection.fetch(self._numbered(sql), *params,
                                              timeout=budget_s or self.budget_s)
            except asyncio.TimeoutError as error:
                raise QueryTooSlow(sql) from error

    async def close(self) -> None:
        pass


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def as_datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def as_money(value: Any) -> Decimal:
    return cents(value if value is not None else 0)


async def newest_first(reader, select: str, where: list[str], params: list, *, id_column: str,
                       after: int | None, limit: int) -> list:
    """A keyset page of ``select`` (its SELECT … FROM … JOINs): the rows matching every
    condition in ``where``, highest ``id_column`` first, starting after id ``after``."""
    if after:
        where, params = [*where, f"{id_column} < ?"], [*params, after]
    return await reader.fetch(
        f"{select} WHERE {' AND '.join(where)} ORDER BY {id_column} DESC LIMIT ?",
        [*params, limit])
