"""Read queries behind /reports: a page of permits issued or finaled in a date range, the
totals (count, valuation, fees), the count per month, and every row for the CSV download."""
from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from db.reader import as_date, as_money
from domain.reports import PAGE_SIZE, Report, ReportKind

CSV_BATCH = 2000
# A report over years with a filter reads each matching permit's row: up to about a second
# on the 1M-permit benchmark database, past the 0.5 s that keeps ordinary pages fast.
BUDGET_S = 3.0


@dataclass(frozen=True)
class ReportRow:
    number: str
    permit_type: str
    subtype: str
    address: str
    status: str
    day: date
    valuation: Decimal
    fees: Decimal
    contractor: str


@dataclass(frozen=True)
class Totals:
    count: int
    valuation: Decimal
    fees: Decimal


def _column(report: Report) -> str:
    return "p.issued_on" if report.kind is ReportKind.ISSUED else "p.finaled_on"


def _where(report: Report) -> tuple[str, str, list]:
    """FROM and WHERE of the report's permits, and their parameters."""
    column = _column(report)
    conditions, params = [f"{column} >= ?", f"{column} <= ?"], [report.start, report.end]
    source = "permit p"
    for sql, value in (("p.permit_type = ?", report.permit_type and report.permit_type.value),
                       ("p.subtype = ?", report.subtype),
                       ("p.status = ?", report.status and report.status.value),
                       ("p.contractor_license = ?", report.contractor_license)):
        if value:
            conditions.append(sql)
            params.append(value)
    if report.street_key:
        source += " JOIN parcel pa ON pa.id = p.parcel"
        conditions.append("pa.street_key = ?")
        params.append(report.street_key)
    return source, " AND ".join(conditions), params


async def totals(reader, report: Report) -> Totals:
    source, where, params = _where(report)
    [(count, valuation)] = await reader.fetch(
        f"SELECT count(*), coalesce(sum(p.valuation), 0) FROM {source} WHERE {where}", params,
        BUDGET_S)
    [(fees,)] = await reader.fetch(
        f"SELECT coalesce(sum(f.amount), 0) FROM {source} JOIN fee_item f ON f.permit = p.id "
        f"WHERE {where}", params, BUDGET_S)
    return Totals(count, as_money(valuation), as_money(fees))


async def per_month(reader, report: Report) -> dict[str, int]:
    source, where, params = _where(report)
    column = _column(report)
    month = (f"substr({column}, 1, 7)" if reader.dialect == "sqlite"
             else f"to_char({column}, 'YYYY-MM')")
    rows = await reader.fetch(
        f"SELECT {month}, count(*) FROM {source} WHERE {where} GROUP BY 1", params, BUDGET_S)
    return {m: n for m, n in rows}


_SELECT = ("SELECT p.number, p.permit_type, p.subtype, p.site_address, p.status, {column}, "
           "p.valuation, (SELECT coalesce(sum(f.amount), 0) FROM fee_item f "
           "WHERE f.permit = p.id), coalesce(p.contractor_name, ''), p.id")


def _row(r) -> ReportRow:
    return ReportRow(r[0], r[1], r[2], r[3], r[4], as_date(r[5]), as_money(r[6]),
                     as_money(r[7]), r[8])


async def page(reader, report: Report) -> list[ReportRow]:
    """Newest first; one row more than a page tells whether there is a next one."""
    source, where, params = _where(report)
    column = _column(report)
    rows = await reader.fetch(
        _SELECT.format(column=column) + f" FROM {source} WHERE {where} "
        f"ORDER BY {column} DESC, p.id DESC LIMIT ? OFFSET ?",
        [*params, PAGE_SIZE + 1, (report.page - 1) * PAGE_SIZE], BUDGET_S)
    return [_row(r) for r in rows]


async def every_row(reader, report: Report) -> AsyncIterator[list[ReportRow]]:
    """The whole report in date order, in batches (keyset on date and id: no OFFSET scans)."""
    source, where, params = _where(report)
    column = _column(report)
    after: tuple[date, int] | None = None
    while True:
        keyset = f" AND ({column} > ? OR ({column} = ? AND p.id > ?))" if after else ""
        rows = await reader.fetch(
            _SELECT.format(column=column) + f" FROM {source} WHERE {where}{keyset} "
            f"ORDER BY {column}, p.id LIMIT ?",
            [*params, *((after[0], after[0], after[1]) if after else ()), CSV_BATCH], BUDGET_S)
        if not rows:
            return
        yield [_row(r) for r in rows]
        after = (as_date(rows[-1][5]), rows[-1][9])
