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

from db.demo.load import load_demo
from domain.blds import FIELDS, PERMITS
from tests.factories import KNOWN_TODAY, PRIVATE_EMAIL, PRIVATE_NOTE, PRIVATE_PHONE
from tests.unit.conftest import migrate
from web.commands.open_data import check_file, export_blds, validate_blds
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
    printed = capsys.readouterr().out
    assert printed.count(": valid BLDS ") == 6 and ": error" not in printed
    assert "blds-permits.csv: row 0: FeeExact: note: not a BLDS field: Permitline's own" in printed

    rows = list(csv.DictReader((tmp_path / "blds-permits.csv").open(encoding="utf-8")))
    rows[0]["OriginalZip"] = ""
    rows[1]["StatusCurrentMapped"] = "Issued"
    rows[1]["AppliedDate"] = "11/27/2026"
    rows[2]["Fee"] = "245.00"
    rows[2]["PermitNum"] = rows[0]["PermitNum"]
    broken = tmp_path / "broken.csv"
    with broken.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=[*rows[0], "OwnerPhone"])
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(SystemExit) as refused:
        validate_blds(str(broken))
    assert str(refused.value).endswith(
        f"6 errors in {len(rows)} records of a BLDS permits file, 1 note.")
    printed = capsys.readouterr().out
    assert "row 0: OwnerPhone: looks like personal contact data" in printed
    assert "row 1: OriginalZip: required, but empty" in printed
    assert "row 2: StatusCurrentMapped: “Issued” is not one of BLDS's values" in printed
    assert "row 2: AppliedDate: “11/27/2026” is not a date written YYYY-MM-DD" in printed
    assert ("row 3: Fee: “245.00” is not a whole number written in digits (BLDS types it "
            "INTEGER): write 245") in printed
    assert "row 3: PermitNum: “BLD" in printed and "is also row 1's" in printed

    first = json.loads((tmp_path / "blds-inspections.json").read_text())[0]
    records = [first, dict(first), dict(first)]
    del records[1]["InspTypeMapped"]
    records[2]["ScheduledDate"] = 20261201
    (tmp_path / "broken.json").write_text(json.dumps(records, indent=2))  # not one per line
    with pytest.raises(SystemExit):
        validate_blds(str(tmp_path / "broken.json"))
    printed = capsys.readouterr().out
    assert "row 2: InspTypeMapped: required field missing" in printed
    assert "row 3: ScheduledDate: “20261201” is not a date written YYYY-MM-DD" in printed
    (tmp_path / "blds-inspections-empty.json").write_text("[\n]\n")
    validate_blds(str(tmp_path / "blds-inspections-empty.json"))
    assert "valid BLDS inspections file, 0 records." in capsys.readouterr().out
    (tmp_path / "nonsense.json").write_text('{"not": "a list"}')
    with pytest.raises(SystemExit) as refused:
        validate_blds(str(tmp_path / "nonsense.json"))
    assert "line 1: text: a BLDS JSON file is an array of objects" in capsys.readouterr().out
    with pytest.raises(SystemExit) as unreadable:
        validate_blds(str(tmp_path / "missing.csv"))
    assert "cannot be read: No such file or directory" in str(unreadable.value)


def test_a_file_with_only_warnings_is_valid_and_says_so(tmp_path, capsys):
    finaled = tmp_path / "finaled.csv"
    finaled.write_text("PermitNum,Description,IssuedDate,CompletedDate,OriginalAddress1,"
                       "OriginalCity,OriginalState,OriginalZip,Ward\r\n"
                       "B-1,Deck,2026-01-05,2026-03-02,1 Main St,Springfield,IL,62701,3\r\n")
    validate_blds(str(finaled))
    assert capsys.readouterr().out.splitlines() == [
        f"{finaled}: row 0: Ward: warning: not a field of the BLDS permits dataset",
        f"{finaled}: valid BLDS permits file, 1 record, 1 warning."], (
        "CompletedDate without StatusCurrent is one of BLDS's either-or pair")


def test_validate_blds_reads_json_numbers_as_written_and_reports_escaped_nuls(tmp_path,
                                                                            capsys):
    permit = ('"Description": "Deck", "IssuedDate": "2026-01-05", "StatusCurrent": "Issued", '
              '"OriginalAddress1": "1 Main St", "OriginalCity": "Springfield", '
              '"OriginalState": "IL", "OriginalZip": "62701"')
    written = ['"Fee": 245', '"Fee": 245.0', '"Fee": 2.45e2', '"Fee": 1e400',
               '"Latitude": "34.1"', r'"ProjectName": "Deck\u0000"']
    lines = [f'{{"PermitNum": "B{row}", {permit}, {value}}}'
             for row, value in enumerate(written, start=1)]
    (tmp_path / "permits.json").write_text("[\n" + ",\n".join(lines) + "\n]\n")
    with pytest.raises(SystemExit) as refused:
        validate_blds(str(tmp_path / "permits.json"))
    assert str(refused.value).endswith(
        "5 errors in 6 records of a BLDS permits file.")
    printed = capsys.readouterr().out
    for message in (
            "row 2: Fee: “245.0” is not a whole number written in digits (BLDS types it "
            "INTEGER): write 245",
            "row 3: Fee: “2.45e2” is not a whole number written in digits",
            "row 4: Fee: “1e400” is not a whole number written in digits",
            "row 5: Latitude: “34.1” is text: in JSON a NUMERIC value is a number",
            "row 6: ProjectName: “Deck\\u0000” holds a NUL character"):
        assert message in printed, message
    assert "row 1:" not in printed and "\x00" not in printed
    (tmp_path / "permits.csv").write_text(
        "PermitNum,Description,IssuedDate,StatusCurrent,OriginalAddress1,OriginalCity,"
        "OriginalState,OriginalZip,Fee,Latitude\r\n"
        "B1,Deck,2026-01-05,Issued,1 Main St,Springfield,IL,62701,245,34.1\r\n")
    validate_blds(str(tmp_path / "permits.csv"))
    assert capsys.readouterr().out == (
        f"{tmp_path / 'permits.csv'}: valid BLDS permits file, 1 record.\n"), (
        "in CSV every value is text: a number is its digits")


def test_broken_bytes_nulls_and_deep_nesting_are_messages_not_tracebacks(tmp_path, capsys):
    cases = {
        "nul.csv": b"PermitNum,Description\nB\x001,x\n",
        "latin1.csv": b"PermitNum,Description\nB1,Caf\xe9\n",
        "deep.json": b"[" * 50_000 + b"]" * 50_000,
        "nulls.json": b'[\n{"PermitNum": null, "Description": null}\n]\n',
        "null.json": b"null",
        "keys.json": b'[\n{"PermitNum": "B1", "PermitNum": "B2", "Description": "x"}\n]\n',
        "utf16.csv": "PermitNum,Description\n".encode("utf-16"),
        "half.json": b'[\n{"PermitNum": "B1", "Description": "Caf\\ud800"}\n]\n',
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(SystemExit) as refused:
            validate_blds(str(tmp_path / name), "permits")
        assert str(refused.value).startswith(f"{tmp_path / name}: ")
    printed = capsys.readouterr().out
    for message in ("nul.csv: line 2: text: holds a NUL byte",
                    "latin1.csv: line 2: text: not UTF-8 text (byte 0xe9",
                    "deep.json: line 1: text: nested more than 200 levels deep",
                    "nulls.json: row 1: PermitNum: required, but empty",
                    "null.json: line 1: text: a BLDS JSON file is an array of objects",
                    "keys.json: line 2: PermitNum: given twice in this record",
                    "utf16.csv: line 1: text: UTF-16 text: save the file as UTF-8",
                    "half.json: row 1: Description: “Caf\\ud800” holds \\ud800, half of a "
                    "UTF-16 pair"):
        assert message in printed, message


def test_json_files_carry_numbers_for_blds_numeric_fields(client):
    permits = {r["PermitNum"]: r for r in client.get("/open-data/permits.json").json()}
    roof = permits["BLD2026-00042"]
    assert (roof["Fee"], roof["FeeExact"]) == (396, "395.50")
    assert isinstance(roof["EstProjectCost"], (int, float))
    assert isinstance(roof["Latitude"], float) and isinstance(roof["Longitude"], float)
    assert permits["MEC2026-00003"]["Fee"] is None, "no fee items: null, not 0"
    rows = {r["PermitNum"]: r for r in csv.DictReader(io.StringIO(
        client.get("/open-data/permits.csv").text))}
    assert (rows["BLD2026-00042"]["Fee"], rows["BLD2026-00042"]["FeeExact"]) == ("396",
                                                                               "395.50")
    assert rows["MEC2026-00003"]["Fee"] == ""


def test_the_open_data_page_gives_each_fields_type_and_explains_fee_and_reinspection(client):
    text = client.get("/open-data").text
    assert "<dt>Fee</dt><dd>Whole number</dd>" in text
    assert "<dt>Latitude</dt><dd>Number</dd>" in text
    assert "<dt>ReInspection</dt><dd>Text: one of No, Yes</dd>" in text
    assert "<dt>FeeExact</dt><dd>Not a BLDS field" in text
    assert "when the inspector recorded that a reinspection is needed" in text


def test_a_file_made_within_the_hour_is_served_as_it_was_kept(client, web_database, set_clock):
    made_at = datetime(2026, 11, 30, 18, 0, tzinfo=timezone.utc)
    set_clock(made_at)
    kept = Path(web_database["url"].split("sqlite:///")[1]).parent / "open-data"
    for old in kept.glob("blds-status-changes*"):
        old.unlink()
    made = client.get("/open-data/status-changes.csv")
    assert "etag" not in made.headers, "made from the tables as it streamed"
    [copy] = kept.glob("blds-status-changes-*.csv")
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


def test_every_file_exported_from_demo_data_validates_and_reinspections_are_needed_ones(
        tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    migrate(url)
    load_demo(url, 400, seed=5, progress=False, today=KNOWN_TODAY)
    export_blds(Settings(database_url=url), str(tmp_path / "files"))
    for file in sorted((tmp_path / "files").iterdir()):
        report = check_file(file)
        assert report.counts["error"] == report.counts["warning"] == 0, (
            file.name, [str(p) for p in report.problems[:5]])
        assert report.records > 0
    with open(tmp_path / "files" / "blds-inspections.csv", encoding="utf-8") as f:
        inspections = list(csv.DictReader(f))
    needed = {r["ResultMapped"] for r in inspections if r["ReInspection"] == "Yes"}
    assert needed and needed <= {"Rejected", "Partial"}
    assert all(r["ReInspection"] == "No" for r in inspections
               if r["ResultMapped"] in ("Passed", "Cancelled")), (
        "a passed reinspection needs none, though it was one")
