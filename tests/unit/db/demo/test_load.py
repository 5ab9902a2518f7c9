"""The demo loader fills an empty, migrated database that search and later writes can use."""
from __future__ import annotations

import asyncio
import re
import sqlite3
from datetime import date

import pytest

from db.demo.load import DemoSummary, load_demo
from db.engines import postgres_config, sqlite_path

TODAY = date(2026, 11, 27)
TABLES = {"parcel": "parcels", "project": "projects", "permit": "permits",
          "permit_contact": "contacts", "permit_status_change": "status_changes",
          "fee_item": "fee_items", "inspection": "inspections"}


def sqlite_counts(url: str) -> dict[str, int]:
    with sqlite3.connect(sqlite_path(url)) as connection:
        return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in TABLES}


def expected_counts(summary: DemoSummary) -> dict[str, int]:
    return {table: getattr(summary, field) for table, field in TABLES.items()}


def a_description_word(connection) -> tuple[int, str]:
    for permit_id, description in connection:
        words = [w for w in re.findall(r"[A-Za-z]+", description) if len(w) >= 6]
        if words:
            return permit_id, words[-1]
    raise AssertionError("no permit has a searchable word")


def test_loading_demo_data_fills_every_table_and_reports_the_counts(empty_sqlite_url):
    summary = load_demo(empty_sqlite_url, 500, seed=2, progress=False, today=TODAY)
    assert summary.permits == 500
    assert summary.parcels > 0 and summary.inspections > 0 and summary.seconds >= 0
    assert sqlite_counts(empty_sqlite_url) == expected_counts(summary)


def test_the_search_index_finds_a_loaded_permit_by_a_word_of_its_description(empty_sqlite_url):
    load_demo(empty_sqlite_url, 500, seed=2, progress=False, today=TODAY)
    with sqlite3.connect(sqlite_path(empty_sqlite_url)) as connection:
        permit_id, word = a_description_word(
            connection.execute("SELECT id, description FROM permit ORDER BY id DESC"))
        found = {row[0] for row in connection.execute(
            "SELECT rowid FROM permit_fts WHERE permit_fts MATCH ?", [f'"{word}"'])}
        assert permit_id in found
        name = connection.execute("SELECT name FROM project ORDER BY id LIMIT 1").fetchone()[0]
        word = max(re.findall(r"[A-Za-z]+", name), key=len)
        assert connection.execute("SELECT count(*) FROM project_fts WHERE project_fts MATCH ?",
                                  [f'"{word}"']).fetchone()[0] >= 1


def test_permits_added_after_the_load_are_still_indexed_by_the_search_triggers(
        empty_sqlite_url):
    path = sqlite_path(empty_sqlite_url)
    with sqlite3.connect(path) as connection:
        triggers_before = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
    load_demo(empty_sqlite_url, 500, seed=2, progress=False, today=TODAY)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                                  " ORDER BY name").fetchall() == triggers_before
        connection.execute(
            "INSERT INTO permit (number, permit_type, subtype, description, valuation, status,"
            " parcel, site_address, permit_class, work_class, applied_on)"
            " VALUES ('BLD2026-99999', 'BLD', 'Re-roof', 'Zanzibarish roof garden', 1000,"
            " 'Applied', 1, '1 Test St', 'Residential', 'Existing', '2026-11-27')")
        found = connection.execute("SELECT rowid FROM permit_fts WHERE permit_fts MATCH"
                                   " 'zanzibarish'").fetchall()
        assert found == [(501,)]


def test_the_database_is_left_in_wal_mode_for_the_app(empty_sqlite_url):
    load_demo(empty_sqlite_url, 50, seed=2, progress=False, today=TODAY)
    with sqlite3.connect(sqlite_path(empty_sqlite_url)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_loading_into_a_database_that_already_has_permits_is_refused(empty_sqlite_url):
    load_demo(empty_sqlite_url, 50, seed=2, progress=False, today=TODAY)
    before = sqlite_counts(empty_sqlite_url)
    with pytest.raises(ValueError, match="already holds 50 permits"):
        load_demo(empty_sqlite_url, 50, seed=3, progress=False, today=TODAY)
    assert sqlite_counts(empty_sqlite_url) == before


def test_a_database_that_was_never_migrated_is_refused(tmp_path):
    with pytest.raises(ValueError, match="run the migrations first"):
        load_demo(f"sqlite:///{tmp_path / 'missing.sqlite3'}", 10, progress=False)
    sqlite3.connect(tmp_path / "blank.sqlite3").close()
    with pytest.raises(ValueError, match="run the migrations first"):
        load_demo(f"sqlite:///{tmp_path / 'blank.sqlite3'}", 10, progress=False)


def test_loading_into_postgresql_fills_every_table_and_later_inserts_get_fresh_ids(
        empty_postgres_url):
    import asyncpg

    summary = load_demo(empty_postgres_url, 500, seed=2, progress=False, today=TODAY)

    async def check() -> None:
        connection = await asyncpg.connect(**postgres_config(empty_postgres_url))
        try:
            counts = {t: await connection.fetchval(f'SELECT count(*) FROM "{t}"') for t in TABLES}
            assert counts == expected_counts(summary)
            permit_id, word = a_description_word(await connection.fetch(
                "SELECT id, description FROM permit ORDER BY id DESC"))
            found = await connection.fetch(
                "SELECT id FROM permit WHERE search @@ to_tsquery('simple', $1)", word.lower())
            assert permit_id in {row["id"] for row in found}
            new_id = await connection.fetchval(
                "INSERT INTO project (name, description, parcel, created_on)"
                " VALUES ('Test project', '', 1, CURRENT_DATE) RETURNING id")
            assert new_id == summary.projects + 1
            for table in TABLES:
                next_id = await connection.fetchval(
                    f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")
                assert next_id > await connection.fetchval(f'SELECT max(id) FROM "{table}"')
        finally:
            await connection.close()

    asyncio.run(check())


def test_demo_accounts_are_verified(empty_sqlite_url):
    """Issue 14 §2: a first account of a license waits for its mailed code, but the demo's
    logins must work at once."""
    from db.database import connected
    from db.demo.accounts import create_demo_accounts

    load_demo(empty_sqlite_url, 200, seed=2, progress=False, today=TODAY)

    async def create() -> None:
        async with connected(empty_sqlite_url) as database:
            await create_demo_accounts(database)

    asyncio.run(create())
    with sqlite3.connect(sqlite_path(empty_sqlite_url)) as connection:
        rows = connection.execute("SELECT role, verification FROM account").fetchall()
    assert {role for role, _ in rows} >= {"contractor", "owner_builder", "staff"}
    assert {verification for _, verification in rows} == {"verified"}
