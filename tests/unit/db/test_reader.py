"""The long-lived read connection and its time budget."""
import pytest


async def test_a_read_past_its_time_budget_is_interrupted_instead_of_stalling_the_server(
        sqlite_url):
    from db.engines import sqlite_path
    from db.reader import QueryTooSlow, SQLiteReader

    reader = SQLiteReader(sqlite_path(sqlite_url), budget_s=0.01)
    try:
        with pytest.raises(QueryTooSlow):
            await reader.fetch("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                               " WHERE i < 100000000) SELECT count(*) FROM n")
        assert await reader.fetch("SELECT 1") == [(1,)]  # the connection stays usable
    finally:
        await reader.close()
