"""The cashier's screens: a day's close (page and CSV) and the payments to refund."""
from __future__ import annotations

import csv
import io

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from db.payments.daily_close import daily_close, taken_twice
from domain.accounts import Role
from domain.daily_close import close_filename, csv_rows, read_day, verdict
from domain.money import format_usd
from domain.outcomes import Rejected
from domain.payments import GATEWAY_WORDS
from web.access import require
from web.city_clock import today
from web.templating import page


async def close_page(request: Request):
    """?day=YYYY-MM-DD (today by default): the day's totals, each ledger entry, and whether
    they reconcile; the payments to refund, whatever their day."""
    require(request, Role.STAFF)
    on = today(request)
    asked = read_day(request.query_params.get("day", ""), on)
    refunds = await taken_twice()
    if isinstance(asked, Rejected):
        return page(request, "staff/cashier.html", 400, close=None, errors=asked.errors,
                    typed=request.query_params.get("day", ""), refunds=refunds,
                    gateways=GATEWAY_WORDS, today=on)
    close = await daily_close(asked.value, request.app.state.zone)
    return page(request, "staff/cashier.html", close=close, errors={},
                typed=asked.value.isoformat(), refunds=refunds, gateways=GATEWAY_WORDS,
                verdict=verdict(close, format_usd), today=on)


async def close_csv(request: Request):
    require(request, Role.STAFF)
    asked = read_day(request.query_params.get("day", ""), today(request))
    if isinstance(asked, Rejected):
        return await close_page(request)
    close = await daily_close(asked.value, request.app.state.zone)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(csv_rows(close, request.app.state.zone))
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{close_filename(asked.value)}"',
        "Cache-Control": "private, no-store"})


routes = [
    Route("/staff/cashier", close_page, name="staff_cashier"),
    Route("/staff/cashier/close.csv", close_csv, name="staff_cashier_csv"),
]
