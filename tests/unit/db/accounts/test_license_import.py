"""Importing the CSLB License Master: streaming upserts, bad rows reported, re-import idempotent."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from db.accounts.license_import import NotALicenseFile, import_licenses
from db.demo.licenses import demo_license_rows, license_row
from db.engines import fetch_rows
from domain.licenses import CSLB_HEADER

TODAY = date(2026, 11, 27)


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request) -> str:
    return request.getfixturevalue(f"empty_{request.param}_url")


def csv_lines(rows) -> list[str]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSLB_HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().splitlines(keepends=True)


def test_a_synthetic_file_imports_every_row_and_a_reimport_changes_nothing(empty_url):
    lines = csv_lines(demo_license_rows(1_200, seed=3, today=TODAY))
    first = import_licenses(empty_url, lines)
    assert (first.read, first.inserted, first.updated, first.unchanged) == (1_200, 1_200, 0, 0)
    assert first.bad_rows == []
    again = import_licenses(empty_url, lines)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1_200)
    assert fetch_rows(empty_url, "SELECT count(*) FROM contractor_license") == [(1_200,)]


def test_a_changed_row_is_updated_in_place(empty_url):
    row = license_row("1012345", "Acme Roofing Inc", today=TODAY, classes="C39")
    import_licenses(empty_url, csv_lines([row]))
    row.update({"PrimaryStatus": "Work Comp Susp", "Classifications(s)": "C39|B"})
    summary = import_licenses(empty_url, csv_lines([row]))
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 1, 0)
    assert fetch_rows(empty_url, "SELECT primary_status, classifications FROM contractor_license"
                            " WHERE license_no = '1012345'") == [("Work Comp Susp", "C-39|B")]


def test_bad_rows_are_reported_with_their_line_numbers_and_the_rest_imported(empty_url):
    good = [license_row(str(n), f"Company {n}", today=TODAY) for n in (111, 222, 333)]
    lines = csv_lines(good)
    broken_date = dict(good[0], LicenseNo="444", ExpirationDate="31/12/2027")
    lines.insert(2, csv_lines([broken_date])[1])  # line 3
    # An unescaped quote inside a quoted field, as the real file has.
    lines.insert(3, '555,"ACME "BEST" ROOFING",' + ",".join([""] * 50) + "\n")  # line 4
    lines.insert(4, "666,too,few,fields\n")  # line 5
    lines.insert(5, "\n")
    summary = import_licenses(empty_url, lines)
    assert [line for line, _ in summary.bad_rows] == [3, 4, 5]
    reasons = dict(summary.bad_rows)
    assert "ExpirationDate" in reasons[3]
    assert "quoting" in reasons[4]
    assert "4 fields instead of 52" in reasons[5]
    assert summary.inserted == 3
    assert fetch_rows(empty_url, "SELECT license_no FROM contractor_license ORDER BY license_no") == [
        ("111",), ("222",), ("333",)]


def test_a_file_without_the_license_master_header_is_refused(empty_sqlite_url):
    with pytest.raises(NotALicenseFile):
        import_licenses(empty_sqlite_url, ["LicenseNo,Name\n", "1,Acme\n"])


def test_the_command_imports_a_file_and_prints_a_summary_and_each_bad_row(
        empty_sqlite_url, tmp_path, monkeypatch, capsys):
    from web.commands.cli import main

    path = tmp_path / "License_Master.csv"
    lines = csv_lines([license_row("777", "Seven Co", today=TODAY)])
    path.write_text("".join(lines) + "888,broken\n")
    monkeypatch.setenv("DATABASE_URL", empty_sqlite_url)
    main(["import-cslb", str(path)])
    out, err = capsys.readouterr()
    assert "Read 2 rows" in out and "1 new" in out and "1 skipped" in out
    assert f"{path}:3: skipped: 2 fields instead of 52" in err
