"""Empty, freshly migrated databases for tests that need a database of their own."""
from __future__ import annotations

import pytest

from tests.unit.conftest import migrate, new_postgres_database


@pytest.fixture
def empty_sqlite_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    migrate(url)
    return url


@pytest.fixture
def empty_postgres_url():
    with new_postgres_database("empty") as url:
        yield url
