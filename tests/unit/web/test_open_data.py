"""BLDS open data at stable URLs, and the commands that export and validate the files."""
from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlparse

import pytest

from domain.blds import FIELDS, PERMITS
from tests.factories import PRIVATE_EMAIL, PRIVATE_NOTE, PRIVATE_PHONE
from web.open_data_commands import export_blds, validate_blds
from web.settings import Settings


def test_the_open_data_page_links_each_dataset_in_both_formats(client):
    page = client.get("/open-data")
    assert page.status_code == 200 and page.template.name == "open_data/index.html"
    for dataset in ("permits", "inspections", "status-changes"):
        for fmt in ("csv", "json"):
            assert f'href="/open-data/{dataset}.{fmt}"' in page.text


def test_the_permits_csv_streams_blds_fields_with_public_links_and_nothing_private(client):
    response = client.get("/open-data/permits.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(FIELDS[PERMITS])
    roof = next(r for r in rows if r["PermitNum"] == "BLD2026-00042")
    assert roof["Link"].endswith("/permits/BLD2026-00042")
    assert client.get(urlparse(roof["Link"]).path).status_code == 200, "a public page"
    for dataset in ("permits", "inspections", "status-changes"):
        for fmt in ("csv", "json"):
            text = client.get(f"/open-data/{dataset}.{fmt}").text
            assert not any(p in text for p in (PRIVATE_PHONE, PRIVATE_EMAIL, PRIVATE_NOTE))


def test_the_json_files_are_arrays_of_blds_records(client):
    inspections = client.get("/open-data/inspections.json")
    assert inspections.headers["content-type"] == "application/json"
    records = inspections.json()
    assert any(r["InspType"] == "110 Roof Sheathing" and r["ResultMapped"] == "Rejected"
               for r in records)
    assert client.get("/open-data/status-changes.json").json()[0]["PermitNum"]
    assert client.get("/open-data/people.csv").status_code == 404
    assert client.get("/open-data/permits.xml").status_code == 404


def test_exported_files_validate_and_broken_ones_are_refused_row_by_row(web_database, tmp_path,
                                                                       capsys):
    export_blds(Settings(database_url=web_database["url"]), str(tmp_path))
    files = sorted(tmp_path.glob("blds-*"))
    assert [f.name for f in files] == [
        "blds-inspections.csv", "blds-inspections.json", "blds-permits.csv",
        "blds-permits.json", "blds-status-changes.csv", "blds-status-changes.json"]
    for file in files:
        validate_blds(str(file))
    assert capsys.readouterr().out.count(": valid BLDS ") == 6

    rows = list(csv.DictReader((tmp_path / "blds-permits.csv").open(encoding="utf-8")))
    rows[0]["OriginalZip"] = ""
    rows[1]["StatusCurrentMapped"] = "Issued"
    rows[1]["AppliedDate"] = "11/27/2026"
    broken = tmp_path / "broken.csv"
    with broken.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(SystemExit) as refused:
        validate_blds(str(broken))
    assert str(refused.value).endswith(f"3 problems in {len(rows)} permits records.")
    printed = capsys.readouterr().out
    assert "row 1: OriginalZip: required, but empty" in printed
    assert "row 2: StatusCurrentMapped: “Issued” is not one of BLDS's values" in printed
    assert "row 2: AppliedDate: “11/27/2026” is not a date written YYYY-MM-DD" in printed

    first = json.loads((tmp_path / "blds-inspections.json").read_text())[0]
    records = [first, dict(first), dict(first)]
    del records[1]["InspTypeMapped"]
    records[2]["ScheduledDate"] = 20261201
    (tmp_path / "broken.json").write_text(json.dumps(records, indent=2))  # not one per line
    with pytest.raises(SystemExit):
        validate_blds(str(tmp_path / "broken.json"))
    printed = capsys.readouterr().out
    assert "row 2: InspTypeMapped: required field missing" in printed
    assert "row 3: ScheduledDate: BLDS values are text" in printed
    (tmp_path / "blds-inspections-empty.json").write_text("[\n]\n")
    validate_blds(str(tmp_path / "blds-inspections-empty.json"))
    assert "valid BLDS inspections, 0 records" in capsys.readouterr().out
    (tmp_path / "nonsense.json").write_text('{"not": "a list"}')
    with pytest.raises(SystemExit) as unreadable:
        validate_blds(str(tmp_path / "nonsense.json"))
    assert "cannot be read" in str(unreadable.value)


def test_a_file_made_within_the_hour_is_served_as_it_was_kept(client, web_database, set_clock):
    made_at = datetime(2026, 11, 30, 18, 0, tzinfo=timezone.utc)
    set_clock(made_at)
    kept = Path(web_database["url"].split("sqlite:///")[1]).parent / "open-data"
    for old in kept.glob("blds-status-changes.*"):
        old.unlink()
    made = client.get("/open-data/status-changes.csv")
    assert "etag" not in made.headers, "made from the tables as it streamed"
    copy = kept / "blds-status-changes.csv"
    assert copy.read_bytes().decode() == made.text
    assert not list(kept.glob("*.part")), "nothing half-written is left"
    assert copy.stat().st_mtime == made_at.timestamp(), "kept at the app's time"
    copy.write_bytes(copy.read_bytes() + b"BLD2026-99999,Applied,2026-11-27,"
                     b"Application Accepted\r\n")
    os.utime(copy, (made_at.timestamp(), made_at.timestamp()))
    set_clock(made_at + timedelta(minutes=59))
    served = client.get("/open-data/status-changes.csv")
    assert "etag" in served.headers and served.text.endswith("Application Accepted\r\n"), (
        "the kept copy, not the tables")
    head = client.head("/open-data/inspections.json")
    assert head.status_code == 200 and head.text == ""
    set_clock(made_at + timedelta(minutes=61))
    assert "BLD2026-99999" not in client.get("/open-data/status-changes.csv").text
