"""Bulk-load generated demo data into an empty, migrated database (SQLite or PostgreSQL).

SQLite goes through the stdlib driver in one transaction with large ``executemany`` batches;
the full-text triggers are set aside during the load and the FTS5 indexes rebuilt once at the
end (one pass instead of a trigger per row). PostgreSQL gets binary COPY through asyncpg.
Ids are explicit, so every foreign key is known without a round trip.
"""
from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable, Iterator

from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
)

from db.demo.data import COLUMNS, DATE_COLUMNS, MONEY_COLUMNS, TIMESTAMP_COLUMNS, Batch, generate
from db.engines import postgres_config, sqlite_path


@dataclass(frozen=True)
class DemoSummary:
    """What a demo load wrote, counted by table, and how long it took."""
    parcels: int
    projects: int
    permits: int
    contacts: int
    status_changes: int
    fee_items: int
    inspections: int
    seconds: float


def load_demo(database_url: str, permits: int, seed: int = 1, progress: bool = True,
              today: date | None = None) -> DemoSummary:
    """Generate ``permits`` demo permits (and everything around them) and load them."""
    started = time.perf_counter()
    counts = {table: 0 for table in COLUMNS}
    _refuse_if_loaded(*existing_rows(database_url))
    with _progress_bar(permits, progress) as advance:
        batches = _counted(generate(permits, seed=seed, today=today), counts, advance)
        path = sqlite_path(database_url)
        if path is not None:
            _load_sqlite(path, batches, advance)
        else:
            asyncio.run(_load_postgres(database_url, batches, advance))
    return DemoSummary(counts["parcel"], counts["project"], counts["permit"],
                       counts["permit_contact"], counts["permit_status_change"],
                       counts["fee_item"], counts["inspection"],
                       round(time.perf_counter() - started, 2))


@contextmanager
def _progress_bar(total: int, enabled: bool) -> Iterator:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, disable=not enabled) as bar:
        task = bar.add_task("Loading demo permits", total=total)

        def advance(permits: int = 0, description: str | None = None) -> None:
            bar.update(task, advance=permits, description=description or None)

        yield advance


def _counted(batches: Iterable[Batch], counts: dict[str, int], advance) -> Iterator[Batch]:
    for batch in batches:
        for table, rows in batch.rows.items():
            counts[table] += len(rows)
        yield batch
        advance(batch.permits)


def existing_rows(database_url: str) -> tuple[int, int]:
    """(permits, parcels) already in a migrated database; ValueError if it is not migrated."""
    count = "SELECT (SELECT count(*) FROM permit), (SELECT count(*) FROM parcel)"
    path = sqlite_path(database_url)
    if path is not None:
        if not os.path.exists(path):
            raise ValueError(f"{path} does not exist: run the migrations first.")
        with closing(sqlite3.connect(path)) as connection:
            try:
                return tuple(connection.execute(count).fetchone())
            except sqlite3.OperationalError as error:
                raise ValueError(f"{path} has no permit tables: run the migrations first."
                                 ) from error
    if not database_url.startswith(("postgresql://", "postgres://")):
        raise ValueError(f"Cannot load demo data into {database_url!r}: "
                         "use sqlite:///path or postgresql://...")

    async def fetch():
        import asyncpg

        connection = await asyncpg.connect(**postgres_config(database_url))
        try:
            return tuple(await connection.fetchrow(count))
        finally:
            await connection.close()

    return asyncio.run(fetch())


def _refuse_if_loaded(permits: int, parcels: int) -> None:
    if permits or parcels:
        raise ValueError(f"The database already holds {permits} permits and {parcels} parcels; "
                         "demo data only loads into an empty, migrated database.")


def _insert_sql(table: str) -> str:
    columns = COLUMNS[table]
    names = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'


def _load_sqlite(path: str, batches: Iterable[Batch], advance) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # Durability is pointless while filling an empty file: a crash means "load again".
        try:
            connection.execute("PRAGMA journal_mode=MEMORY")
        except sqlite3.OperationalError:
            pass  # another connection holds the WAL open: load in WAL mode, only slower
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA temp_store=MEMORY")
        connection.execute("PRAGMA cache_size=-262144")
        connection.execute("BEGIN IMMEDIATE")
        try:
            fts_tables = [name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'")]
            # The triggers' own SQL is kept and replayed, so migrations stay the one source.
            triggers = connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND ("
                + " OR ".join("instr(sql, ?) > 0" for _ in fts_tables) + ") ORDER BY name",
                fts_tables).fetchall() if fts_tables else []
            for name, _ in triggers:
                connection.execute(f'DROP TRIGGER "{name}"')
            inserts = {table: _insert_sql(table) for table in COLUMNS}
            for batch in batches:
                for table, rows in batch.rows.items():
                    if rows:
                        connection.executemany(inserts[table], rows)
            advance(description="Rebuilding the search index")
            for name in fts_tables:
                connection.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')')
            for _, sql in triggers:
                connection.execute(sql)
            connection.execute("COMMIT")
            # Statistics let the planner choose between the number, date and id indexes
            # (without them a number prefix within a date range read half the table).
            connection.execute("ANALYZE")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.execute("PRAGMA journal_mode=WAL")  # what the app's readers expect
        connection.close()


def _converters(table: str) -> tuple:
    dates: dict[str, date] = {}

    def as_date(text: str) -> date:
        found = dates.get(text)
        if found is None:
            found = dates[text] = date.fromisoformat(text)
        return found

    def pick(column: str):
        if column in DATE_COLUMNS:
            return as_date
        if column in TIMESTAMP_COLUMNS:
            return datetime.fromisoformat
        if column in MONEY_COLUMNS:
            return lambda value: Decimal(str(value))
        return None

    return tuple(pick(column) for column in COLUMNS[table])


async def _load_postgres(url: str, batches: Iterable[Batch], advance) -> None:
    import asyncpg

    connection = await asyncpg.connect(**postgres_config(url))
    try:
        converters = {table: _converters(table) for table in COLUMNS}
        async with connection.transaction():
            for batch in batches:
                for table, rows in batch.rows.items():
                    if not rows:
                        continue
                    convert = converters[table]
                    records = [tuple(v if f is None or v is None else f(v)
                                     for f, v in zip(convert, row)) for row in rows]
                    await connection.copy_records_to_table(table, records=records,
                                                           columns=COLUMNS[table])
            advance(description="Resetting id sequences")
            # Explicit ids leave the sequences behind; later inserts must not collide.
            for table in COLUMNS:
                await connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f' coalesce(max(id), 1), max(id) IS NOT NULL) FROM "{table}"')
        # VACUUM as well: a bulk load leaves the visibility map empty, so index-only scans
        # (permit-number prefixes) would visit the heap for every row until autovacuum runs.
        await connection.execute("VACUUM ANALYZE " + ", ".join(f'"{t}"' for t in COLUMNS))
    finally:
        await connection.close()
