"""BLDS open data at stable URLs, and the commands that export and validate the files."""
from __future__ import annotations

import csv
import io
import json
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

    records = json.loads((tmp_path / "blds-inspections.json").read_text())
    for record in records:
        del record["InspTypeMapped"]
    (tmp_path / "broken.json").write_text(json.dumps(records))
    with pytest.raises(SystemExit):
        validate_blds(str(tmp_path / "broken.json"))
    assert "row 0: InspTypeMapped: required field missing" in capsys.readouterr().out
    (tmp_path / "nonsense.json").write_text('{"not": "a list"}')
    with pytest.raises(SystemExit) as unreadable:
        validate_blds(str(tmp_path / "nonsense.json"))
    assert "cannot be read" in str(unreadable.value)
