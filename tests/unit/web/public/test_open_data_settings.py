"""The open data files written by the server and by ``permitline export-blds`` read the same
settings (.env included): the same Link to the city's public address, never a copy kept under
other settings."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from starlette.testclient import TestClient

from tests.factories import KNOWN_NOW, ticking_from
from web.app import create_app
from web.commands.cli import main, public_address
from web.settings import Settings

PUBLIC = "https://permits.weho.example"
ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture
def configured_by_env_file(tmp_path, monkeypatch, web_database):
    """A working directory whose .env names the database and the public address, and an
    environment that names neither."""
    for name in ("PERMITLINE_BASE_URL", "DATABASE_URL", "PERMITLINE_OPEN_DATA_DIR"):
        monkeypatch.setenv(name, "")  # so that monkeypatch restores the absence
        monkeypatch.delenv(name)
    (tmp_path / ".env").write_text(f"DATABASE_URL={web_database['url']}\n"
                                   f"PERMITLINE_BASE_URL={PUBLIC}/\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def served_links(visited_at: str, settings: Settings | None = None) -> set[str]:
    app = create_app(settings)
    app.state.clock = ticking_from(KNOWN_NOW)
    # Visited at the public address: other host names are refused (issue 14, point 9).
    with TestClient(app, base_url=visited_at) as client:
        rows = csv.DictReader(io.StringIO(client.get("/open-data/permits.csv").text))
        return {row["Link"] for row in rows}


def test_the_server_and_export_blds_write_the_link_of_the_public_address_in_env(
        configured_by_env_file, capsys):
    public_address("0.0.0.0", 9000)  # what `permitline serve` does before serving
    served = served_links(PUBLIC)
    main(["export-blds", "files"])
    with open(configured_by_env_file / "files" / "blds-permits.csv", encoding="utf-8") as f:
        written = {row["Link"] for row in csv.DictReader(f)}
    assert served == written
    assert f"{PUBLIC}/permits/BLD2026-00042" in written


def test_without_a_configured_address_the_server_links_to_the_address_it_serves(
        configured_by_env_file):
    (configured_by_env_file / ".env").write_text(
        (configured_by_env_file / ".env").read_text().replace(f"PERMITLINE_BASE_URL={PUBLIC}/",
                                                             ""))
    public_address("127.0.0.1", 9000)
    assert "http://127.0.0.1:9000/permits/BLD2026-00042" in served_links("http://127.0.0.1:9000")


def test_make_run_leaves_the_public_address_to_the_settings():
    recipe = re.search(r"^run:.*?(?=^\S)", (ROOT / "Makefile").read_text(), re.M | re.S)[0]
    assert "PERMITLINE_BASE_URL" not in recipe, (
        "an address set on the command line would override .env for the server alone")


def downloaded(settings: Settings, at: datetime) -> tuple[list[dict], dict]:
    """The permits CSV's rows and headers from a server started with ``settings`` at ``at``
    (a restart: a new app), visited at its public address."""
    app = create_app(settings)
    app.state.clock = lambda: at
    with TestClient(app, base_url=settings.base_url) as client:
        response = client.get("/open-data/permits.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.text))), response.headers


def test_a_copy_kept_under_one_public_address_is_never_served_under_another(web_database,
                                                                            tmp_path):
    kept = tmp_path / "open-data"
    first = Settings(database_url=web_database["url"], base_url=PUBLIC,
                     open_data_dir=str(kept), upload_dir=str(tmp_path / "uploads"))
    rows, made = downloaded(first, KNOWN_NOW)
    assert "etag" not in made and f"{PUBLIC}/permits/BLD2026-00042" in {r["Link"] for r in rows}
    _, again = downloaded(first, KNOWN_NOW + timedelta(minutes=5))
    assert "etag" in again, "the same settings after a restart: the copy kept minutes ago"

    moved = replace(first, base_url="https://permits.weho.gov")
    rows, served = downloaded(moved, KNOWN_NOW + timedelta(minutes=10))
    assert "etag" not in served, "made anew from the tables, not the copy of minutes ago"
    assert {urlparse(r["Link"]).netloc for r in rows} == {"permits.weho.gov"}
    renamed = replace(moved, city_name="City of Springfield")
    rows, _ = downloaded(renamed, KNOWN_NOW + timedelta(minutes=15))
    assert {r["Jurisdiction"] for r in rows} == {r["Publisher"] for r in rows} == {
        "City of Springfield"}
    assert len([f for f in kept.iterdir() if f.name.startswith("blds-permits")]) == 1, (
        "the copies made under other settings are gone")
