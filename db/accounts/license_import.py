"""Import the CSLB License Master file: stream, check each row, upsert by license number.

A row that cannot be read is reported with its line number and the import carries on. Each
physical line is parsed on its own: the file has unescaped double quotes, and a stray opening
quote read by one csv reader over the whole file would swallow every following line.
Unchanged rows are skipped by comparing a digest, so a re-import only rewrites what changed.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable, Iterable, Iterator

from db.engines import postgres_config, sqlite_path
from domain.licenses import License, header_problem, read_license_line
from domain.outcomes import Rejected

BATCH_ROWS = 2_000
COLUMNS = ("license_no", "business_name", "city", "state", "zip_code", "phone",
           "business_type", "issued_on", "expires_on", "primary_status", "secondary_status",
           "classifications", "wc_coverage", "wc_insurer", "wc_policy", "wc_expires_on",
           "last_update", "mailing_address", "row_hash", "imported_at")


class NotALicenseFile(ValueError):
    """The file's header is not the License Master header."""


@dataclass
class ImportSummary:
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0


def license_rows(lines: Iterable[str], summary: ImportSummary) -> Iterator[License]:
    """The readable licenses of a License Master file; bad rows go to ``summary.bad_rows``."""
    lines = iter(lines)
    problem = header_problem(next(lines, ""))
    if problem is not None:
        raise NotALicenseFile(problem)
    for number, line in enumerate(lines, start=2):
        if not line.strip():
            continue
        summary.read += 1
        outcome = read_license_line(line)
        if isinstance(outcome, Rejected):
            summary.bad_rows.append((number, outcome.message))
            continue
        yield outcome.value


def row_of(license: License, now: datetime) -> tuple:
    values = (license.license_no, license.business_name, license.city, license.state,
              license.zip_code, license.phone, license.business_type, license.issued_on,
              license.expires_on, license.primary_status, license.secondary_status,
              license.classes, license.wc_coverage, license.wc_insurer, license.wc_policy,
              license.wc_expires_on, license.last_update, license.mailing_address)
    digest = hashlib.md5(repr(values).encode(), usedforsecurity=False).hexdigest()
    return (*values, digest, now)


def _batches(licenses: Iterable[License], now: datetime) -> Iterator[dict[str, tuple]]:
    batch: dict[str, tuple] = {}
    for license in licenses:
        # A number repeated within one batch: the later row wins, as it would across batches.
        batch[license.license_no] = row_of(license, now)
        if len(batch) >= BATCH_ROWS:
            yield batch
            batch = {}
    if batch:
        yield batch


def _upsert_sql(placeholder: Callable[[int], str]) -> str:
    names = ", ".join(COLUMNS)
    values = ", ".join(placeholder(i) for i in range(1, len(COLUMNS) + 1))
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
    return (f"INSERT INTO contractor_license ({names}) VALUES ({values}) "
            f"ON CONFLICT (license_no) DO UPDATE SET {updates}")


def _tally(batch: dict[str, tuple], known: dict[str, str], summary: ImportSummary) -> list:
    changed = []
    for license_no, row in batch.items():
        old_hash = known.get(license_no)
        if old_hash is None:
            summary.inserted += 1
        elif old_hash != row[-2]:
            summary.updated += 1
        else:
            summary.unchanged += 1
            continue
        changed.append(row)
    return changed


def import_licenses(database_url: str, lines: Iterable[str],
                    advance: Callable[[int], None] = lambda done: None) -> ImportSummary:
    """Upsert every readable row of ``lines`` into ``contractor_license``."""
    started = time.perf_counter()
    summary = ImportSummary()
    now = datetime.now(timezone.utc)
    batches = _batches(license_rows(lines, summary), now)
    path = sqlite_path(database_url)
    if path is not None:
        _import_sqlite(path, batches, summary, advance)
    else:
        asyncio.run(_import_postgres(database_url, batches, summary, advance))
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def _import_sqlite(path: str, batches, summary: ImportSummary, advance) -> None:
    if not os.path.exists(path):
        raise ValueError(f"{path} does not exist: run the migrations first.")
    upsert = _upsert_sql(lambda i: "?")
    with closing(sqlite3.connect(path, timeout=30, isolation_level=None)) as connection:
        for batch in batches:
            # One short write transaction per batch: the portal keeps serving meanwhile.
            connection.execute("BEGIN IMMEDIATE")
            try:
                marks = ", ".join("?" * len(batch))
                known = dict(connection.execute(
                    "SELECT license_no, row_hash FROM contractor_license"
                    f" WHERE license_no IN ({marks})", tuple(batch)))
                changed = _tally(batch, known, summary)
                connection.executemany(upsert, [_sqlite_values(row) for row in changed])
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            advance(len(batch))


def _sqlite_values(row: tuple) -> tuple:
    return tuple(v.isoformat() if isinstance(v, (date, datetime)) else v for v in row)


async def _import_postgres(url: str, batches, summary: ImportSummary, advance) -> None:
    import asyncpg

    upsert = _upsert_sql(lambda i: f"${i}")
    connection = await asyncpg.connect(**postgres_config(url))
    try:
        for batch in batches:
            async with connection.transaction():
                known = dict(await connection.fetch(
                    "SELECT license_no, row_hash FROM contractor_license"
                    " WHERE license_no = ANY($1::text[])", list(batch)))
                changed = _tally(batch, known, summary)
                if changed:
                    await connection.executemany(upsert, changed)
            advance(len(batch))
    finally:
        await connection.close()
