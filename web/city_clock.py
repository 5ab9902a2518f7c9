"""The time of a request: now (UTC) and today's date in the city, from the app's clock."""
from __future__ import annotations

from datetime import date, datetime

from starlette.requests import Request


def now(request: Request) -> datetime:
    return request.app.state.clock()


def today(request: Request) -> date:
    """The city's date (PERMITLINE_TIME_ZONE), not the server's."""
    return request.app.state.clock().astimezone(request.app.state.zone).date()


def day_asked(request: Request) -> tuple[date, dict[str, str]]:
    """The ``?day=`` of a day's list, or today; with a message when it is not a date."""
    text = request.query_params.get("day", "")
    if not text:
        return today(request), {}
    try:
        return date.fromisoformat(text), {}
    except ValueError:
        return today(request), {"day": f"“{text[:20]}” is not a date; showing today."}
