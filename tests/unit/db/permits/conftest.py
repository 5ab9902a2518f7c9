"""The permits' read models are checked against the known data as seeded, so they get a
database of their own: what other wings' tests do to the shared one (an expiry run in 2031, a
payment voided) never reaches them, whatever order the wings run in."""
from __future__ import annotations

import pytest

from tests.unit.conftest import database_fixtures, migrate, new_postgres_database


@pytest.fixture(scope="package", params=["sqlite", "postgres"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('permits') / 'permitline.sqlite3'}"
        migrate(url)
        yield url
    else:
        with new_postgres_database("permits") as url:
            yield url


database, known = database_fixtures("package")
