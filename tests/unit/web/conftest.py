"""A TestClient over the real app and a real, seeded SQLite file."""
import asyncio
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from db.engines import bind_tables, engine_for
from tests.factories import KNOWN_NOW, KNOWN_TODAY, seed_known, ticking_from
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
def sqlite_world(tmp_path_factory):
    """The six visitors' world on SQLite (tests/unit/web/hostile_world.py), built once for
    the hostile-input and field-limit sweeps: building it opens every page as each visitor,
    about a minute."""
    from tests.unit.web.hostile_world import world_on

    directory = tmp_path_factory.mktemp("world-sqlite")
    url = f"sqlite:///{directory / 'permitline.sqlite3'}"
    migrate(url)
    with world_on(url, directory) as built:
        yield built


@pytest.fixture(scope="session")
def known_project(web_database) -> int:
    return web_database["ids"]["project"]


@pytest.fixture(scope="session")
def client(web_database):
    # TestClient's requests name the host "testserver": the app answers only its own names.
    settings = Settings(database_url=web_database["url"], allowed_hosts=("testserver",),
                        open_data_dir=str(Path(web_database["url"].split("sqlite:///")[1]
                                               ).parent / "open-data"))
    app = create_app(settings)
    app.state.clock = ticking_from(KNOWN_NOW)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def set_clock(client):
    """Moves the shared client's clock: ``set_clock(moment)``; the real one comes back after
    the test (tests never depend on the day they run)."""
    real = client.app.state.clock

    def to(moment):
        client.app.state.clock = lambda: moment

    yield to
    client.app.state.clock = real


HTMX = {"HX-Request": "true"}


class Portal:
    """The app with accounts: a TestClient over https (so Secure cookies work), its own
    database with the known permits and licenses, and the clock that tests may move."""

    def __init__(self, app, url: str, ids: dict) -> None:
        self.app, self.url, self.ids = app, url, ids

    def client(self) -> TestClient:
        # Other suites bind Piccolo's tables to their own databases; this app's comes back.
        bind_tables(self.app.state.database.engine)
        # A browser's navigation Accept header: fetches without it get 401, not a redirect.
        return TestClient(self.app, base_url="https://testserver",
                          headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})

    def forget_failed_sign_ins(self) -> None:
        import sqlite3

        from db.engines import sqlite_path

        with sqlite3.connect(sqlite_path(self.url)) as connection:
            connection.execute("DELETE FROM sign_in_failure")
            # Registrations and e-mailed links are limited per client address too.
            connection.execute("DELETE FROM rate_limit_use")

    def mail_to(self, email: str) -> list[tuple[str, str]]:
        """(subject, body) of every queued message to ``email``, oldest first."""
        from db.engines import fetch_rows

        return fetch_rows(self.url, "SELECT subject, body FROM outbox_message WHERE recipient = "
                          f"'{email}' ORDER BY id")

    def link_to(self, email: str, path: str) -> str:
        """The path of the newest link to ``path…`` e-mailed to ``email``."""
        import re

        for _, body in reversed(self.mail_to(email)):
            found = re.search(r"https://portal\.test(" + re.escape(path) + r"\S+)", body)
            if found:
                return found[1]
        raise AssertionError(f"no {path} link was mailed to {email}")


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    from datetime import date

    from db.accounts.license_import import import_licenses
    from tests.factories import known_license_rows, make_parcel, seed_scheduled_inspection
    from tests.unit.db.accounts.test_license_import import csv_lines

    directory = tmp_path_factory.mktemp("portal")
    url = f"sqlite:///{directory / 'permitline.sqlite3'}"
    migrate(url)
    import_licenses(url, csv_lines(known_license_rows(KNOWN_TODAY)))

    async def seed():
        bind_tables(engine_for(url))
        ids = await seed_known()
        ids["scheduled"] = await seed_scheduled_inspection(ids["roof"], date(2030, 1, 15))
        # Two condos at one street number, for the owner-builder's "which home?" question.
        ids["condo_a"] = await make_parcel("9999-003-001", 900, "Westmount", "Dr", unit="A")
        ids["condo_b"] = await make_parcel("9999-003-002", 900, "Westmount", "Dr", unit="B")
        return ids

    ids = asyncio.run(seed())
    settings = Settings(database_url=url, base_url="https://portal.test",
                        allowed_hosts=("testserver",), upload_dir=str(directory / "uploads"),
                        open_data_dir=str(directory / "open-data"))
    app = create_app(settings)
    app.state.clock = ticking_from(KNOWN_NOW)
    with TestClient(app, base_url="https://testserver"):
        yield Portal(app, url, ids)


@pytest.fixture
def contractor(portal):
    """A registered, confirmed, verified contractor of license 1012345, signed in."""
    from tests.unit.web.journeys import verified_contractor

    return verified_contractor(portal, "1012345")


@pytest.fixture(autouse=True)
def fresh_lockouts(request):
    """Every test client shares one address; earlier tests' failures and registrations must
    not lock it out or use up its rate limits."""
    if "portal" in request.fixturenames:
        request.getfixturevalue("portal").forget_failed_sign_ins()


@pytest.fixture
def clock(portal):
    """The portal at Tuesday 1 December 2026, 10 am in the city (inspection tests)."""
    from tests.unit.web.inspection_journeys import TUESDAY_MORNING

    real = portal.app.state.clock
    portal.app.state.clock = lambda: TUESDAY_MORNING
    yield portal
    portal.app.state.clock = real
