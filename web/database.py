"""Start and stop the database for the app's lifespan: engine, pool, read connection and the
rule book (the versions of the editable rules, db/rules/rule_book.py)."""
from __future__ import annotations

from dataclasses import dataclass

from db.engines import bind_tables, engine_for, sqlite_path
from db.reader import PostgresReader, SQLiteReader
from db.rules import rule_book


@dataclass
class Database:
    engine: object
    reader: SQLiteReader | PostgresReader


async def open_database(url: str) -> Database:
    engine = engine_for(url)
    bind_tables(engine)
    path = sqlite_path(url)
    if path is not None:
        await rule_book.load()
        return Database(engine, SQLiteReader(path))
    # Piccolo on PostgreSQL needs its pool started inside the serving event loop. asyncpg
    # prepares every statement; a generic plan cannot see how common a searched word or
    # prefix is, so each execution is planned with its actual parameters.
    await engine.start_connection_pool(
        min_size=2, max_size=10, server_settings={"plan_cache_mode": "force_custom_plan"})
    await rule_book.load()
    return Database(engine, PostgresReader(engine))


async def close_database(database: Database) -> None:
    await database.reader.close()
    if database.engine.engine_type == "postgres":
        await database.engine.close_connection_pool()
