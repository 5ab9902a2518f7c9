"""Builds the Piccolo engine named by DATABASE_URL (SQLite file or PostgreSQL)."""
from __future__ import annotations

import asyncio
import os
import sqlite3
from contextlib import closing
from urllib.parse import unquote, urlparse

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

DEFAULT_URL = "sqlite:///var/permitline.sqlite3"
# Writers wait up to 30 s for SQLite's single write lock instead of failing at once.
SQLITE_BUSY_TIMEOUT_S = 30


def sqlite_path(url: str) -> str | None:
    """The file of a ``sqlite:///relative`` or ``sqlite:////absolute`` URL, else None."""
    if not url.startswith("sqlite:"):
        return None
    return url.split("sqlite:///", 1)[1] if url.startswith("sqlite:///") else url[len("sqlite:"):]


def postgres_config(url: str) -> dict:
    parts = urlparse(url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": unquote(parts.username or "postgres"),
        "password": unquote(parts.password or ""),
        "database": (parts.path or "/").lstrip("/") or "postgres",
    }


def engine_for(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        return SQLiteEngine(path=path, timeout=SQLITE_BUSY_TIMEOUT_S)
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresEngine(config=postgres_config(url))
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql://, not {url!r}")


def bind_tables(engine: Engine) -> None:
    """Point every Permitline table at ``engine`` (tests switch engines in one process)."""
    from db.piccolo_app import APP_CONFIG

    for table in APP_CONFIG.table_classes:
        table._meta.db = engine


def fetch_rows(url: str, sql: str) -> list[tuple]:
    """Rows of one query outside any app (commands, benchmarks, tests), on either engine."""
    path = sqlite_path(url)
    if path is not None:
        with closing(sqlite3.connect(path)) as connection:
            rows = connection.execute(sql).fetchall()
            connection.commit()  # a statement that writes (a benchmark's set-up) is kept
            return rows

    async def fetch():
        import asyncpg

        connection = await asyncpg.connect(**postgres_config(url))
        try:
            return [tuple(row) for row in await connection.fetch(sql)]
        finally:
            await connection.close()

    return asyncio.run(fetch())
