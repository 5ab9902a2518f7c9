"""A TestClient over the real app and a real, seeded SQLite file."""
import asyncio

import pytest
from starlette.testclient import TestClient

from db.engines import bind_tables, engine_for
from tests.factories import seed_known
from tests.unit.conftest import migrate
from web.app import create_app
from web.settings import Settings


@pytest.fixture(scope="session")
def web_database(tmp_path_factory) -> dict:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'permitline.sqlite3'}"
    migrate(url)

    async def seed():
        bind_tables(engine_for(url))
        return await seed_known()

    return {"url": url, "ids": asyncio.run(seed())}


@pytest.fixture(scope="session")
def known_project(web_database) -> int:
    return web_database["ids"]["project"]


@pytest.fixture(scope="session")
def client(web_database):
    with TestClient(create_app(Settings(database_url=web_database["url"]))) as test_client:
        yield test_client


HTMX = {"HX-Request": "true"}
