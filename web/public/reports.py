"""Public reports at /reports: permits issued or finaled in a date range, filtered, with
totals, a monthly chart drawn on the server, a streamed CSV and a print view. A contractor
signed in may limit the report to their own permits."""
from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from dataclasses import replace
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from db.permits import reports
from domain.accounts import Role
from domain.permits import PermitType, Status
from domain.reports import PAGE_SIZE, Report, ReportKind, month_bars, month_name, parse_report
from domain.subtypes import SUBTYPES
from web.city_clock import today
from web.htmx import render
from web.middleware.auth import viewer_of
from web.templating import page

CHOICES = {
    "kinds": [(k.value, k.title) for k in ReportKind],
    "types": [(t.value, t.label) for t in PermitType],
    "subtypes": sorted({s.name for s in SUBTYPES}),
    "statuses": [s.value for s in Status],
}
FIELDS = ("kind", "start", "end", "type", "subtype", "status", "street", "mine")
CSV_COLUMNS = ("Permit number", "Type", "Kind of work", "Address", "Status", "Date",
               "Valuation", "Fees", "Contractor")


def _report(request: Request) -> tuple[Report, dict, dict, bool]:
    """The report asked for; with "mine", a contractor's own permits (their license)."""
    report, errors = parse_report(request.query_params, today(request))
    viewer = viewer_of(request)
    may_limit = bool(viewer.role == Role.CONTRACTOR and viewer.verified and viewer.license_no)
    if may_limit and request.query_params.get("mine") == "yes":
        report = replace(report, contractor_license=viewer.license_no)
    # What was typed stays in the form, also when it could not be used (beside its message).
    form = {name: request.query_params.get(name, "") for name in FIELDS}
    dates_refused = "start" in errors or "end" in errors
    form.update({name: value for name, value in (
        ("kind", report.kind.value), ("start", report.start.isoformat()),
        ("end", report.end.isoformat()))
        if not form[name] or not (name in errors or name != "kind" and dates_refused)})
    return report, errors, form, may_limit


async def _context(request: Request) -> dict:
    report, errors, form, may_limit = _report(request)
    reader = request.app.state.database.reader
    rows = await reports.page(reader, report)
    counts = await reports.per_month(reader, report)
    return {"report": report, "errors": errors, "form": form, "may_limit": may_limit,
            "rows": rows[:PAGE_SIZE], "has_next": len(rows) > PAGE_SIZE,
            "totals": await reports.totals(reader, report),
            "bars": month_bars(counts, report.start, report.end), "month_name": month_name,
            "query": _query(form), **CHOICES}


def _query(form: dict) -> str:
    return urlencode([(k, v) for k, v in form.items() if v])


async def report_page(request: Request):
    context = await _context(request)
    return render(request, "reports/report.html", "reports/_results.html", context,
                  400 if context["errors"] else 200)


async def print_view(request: Request):
    return page(request, "reports/print.html", **await _context(request))


def _cell(text: str) -> str:
    """Text a spreadsheet would run as a formula (OWASP "CSV injection") starts with a quote."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


async def _csv(report: Report, reader) -> AsyncIterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    async for batch in reports.every_row(reader, report):
        writer.writerows((r.number, r.permit_type, _cell(r.subtype), _cell(r.address),
                          r.status, r.day.isoformat(), f"{r.valuation:.2f}", f"{r.fees:.2f}",
                          _cell(r.contractor)) for r in batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


async def report_csv(request: Request):
    report, errors, _, _ = _report(request)
    if errors:  # the page says what to correct, with what was typed, rather than another file
        return await report_page(request)
    name = f"permits-{report.kind.value}-{report.start.isoformat()}-to-{report.end.isoformat()}"
    return StreamingResponse(_csv(report, request.app.state.database.reader),
                             media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


routes = [
    Route("/reports", report_page, name="reports"),
    Route("/reports/print", print_view, name="report_print"),
    Route("/reports.csv", report_csv, name="report_csv"),
]
