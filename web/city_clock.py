"""The time of a request: now (UTC) and today's date in the city, from the app's clock."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from starlette.requests import Request

from domain.result_timing import CityTime


def now(request: Request) -> datetime:
    return request.app.state.clock()


def today(request: Request) -> date:
    """The city's date (PERMITLINE_TIME_ZONE), not the server's."""
    return request.app.state.clock().astimezone(request.app.state.zone).date()


def city_time(request: Request) -> CityTime:
    """Now, with the city's time zone to read it in (what a result is dated by)."""
    return CityTime(now(request), request.app.state.zone)


def city_today(time_zone: str, at: datetime | None = None) -> date:
    """The city's date outside a request (the command line, demo data): at 10 pm in Los
    Angeles on 31 December the server's UTC clock already says 1 January."""
    return (at or datetime.now(timezone.utc)).astimezone(ZoneInfo(time_zone)).date()


def day_asked(request: Request) -> tuple[date, dict[str, str]]:
    """The ``?day=`` of a day's list, or today; with a message when it is not a date."""
    text = request.query_params.get("day", "")
    if not text:
        return today(request), {}
    try:
        return date.fromisoformat(text), {}
    except ValueError:
        return today(request), {"day": f"“{text[:20]}” is not a date; showing today."}
