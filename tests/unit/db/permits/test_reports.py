"""The report queries on both engines: totals without double counting, months, paging, and
the CSV's keyset batches."""
from __future__ import annotations

from datetime import date

from db.permits import reports
from domain.reports import parse_report

TODAY = date(2026, 11, 27)


async def test_a_reports_totals_months_and_rows_agree_on_both_engines(bound, known):
    reader = bound.reader
    report, _ = parse_report({"start": "2026-11-01", "end": "2026-11-30",
                              "street": "Sunset"}, TODAY)
    totals = await reports.totals(reader, report)
    assert (totals.count, str(totals.valuation), str(totals.fees)) == (1, "25000.00", "395.50")
    assert await reports.per_month(reader, report) == {"2026-11": 1}
    [row] = await reports.page(reader, report)
    assert (row.number, row.day, str(row.fees)) == ("BLD2026-00042", date(2026, 11, 23),
                                                   "395.50")
    finaled, _ = parse_report({"kind": "finaled", "start": "2025-01-01", "end": "2025-12-31",
                               "type": "ELE"}, TODAY)
    assert "ELE2025-00007" in [r.number for r in await reports.page(reader, finaled)]
    assert (await reports.per_month(reader, finaled)).get("2025-04", 0) >= 1


async def test_the_csv_batches_walk_every_row_once_in_date_order(bound, known, monkeypatch):
    reader = bound.reader
    report, _ = parse_report({"start": "2014-01-01", "end": "2026-12-31"}, TODAY)
    monkeypatch.setattr(reports, "CSV_BATCH", 1)
    walked = [row async for batch in reports.every_row(reader, report) for row in batch]
    assert len(walked) == (await reports.totals(reader, report)).count
    assert len({row.number for row in walked}) == len(walked)
    assert [row.day for row in walked] == sorted(row.day for row in walked)
