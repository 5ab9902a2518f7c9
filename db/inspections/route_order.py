"""Each inspector's order of a day's stops (issue 17 §3): one row per account and day, read with
the route, moved a stop at a time from the page without JavaScript, or sent whole from the phone
(the last one sent wins)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from db.database import Database
from db.inspections.route import Stop, route
from db.reader import as_datetime
from db.tables import RouteOrder
from domain.route_order import arranged, in_order, kept_to, moved, stored_ids


@dataclass(frozen=True)
class DayOrder:
    """The order an inspector saved for a day (ids of the day's stops), and when; no row:
    an empty order, never saved."""
    stops: list[int]
    updated_at: datetime | None = None

    @property
    def stamp(self) -> int:
        """When it was saved, in milliseconds (0: never): the phone compares it with the
        order it keeps, to tell a page saved before its last change from a newer one."""
        return int(self.updated_at.timestamp() * 1000) if self.updated_at else 0


async def saved_order(account_id: int, day: date) -> DayOrder:
    row = await RouteOrder.select(RouteOrder.stops, RouteOrder.updated_at).where(
        (RouteOrder.account == account_id) & (RouteOrder.day == day)).first()
    if row is None:
        return DayOrder([])
    return DayOrder(stored_ids(row["stops"]), as_datetime(row["updated_at"]))


async def ordered_route(account_id: int, day: date) -> tuple[list[Stop], DayOrder]:
    """The inspector's stops of ``day`` in their own order (stops added since they set it come
    after, in driving order), with the order as saved."""
    stops = await route(account_id, day)
    order = await saved_order(account_id, day)
    return arranged(stops, order.stops), order


async def _save(account_id: int, day: date, stops: list[int], now: datetime) -> None:
    """Insert or replace the day's row; inside the caller's transaction. The unique index on
    (account, day) makes two savers of a new day agree on both engines."""
    await RouteOrder.raw(
        "INSERT INTO route_order (account, day, stops, updated_at) VALUES ({}, {}, {}, {})"
        " ON CONFLICT (account, day) DO UPDATE SET stops = excluded.stops,"
        " updated_at = excluded.updated_at", account_id, day, json.dumps(stops), now)


async def save_order(database: Database, account_id: int, day: date, sent: list[int],
                     now: datetime) -> DayOrder:
    """The order a phone sent for ``day``, kept to the inspector's own stops of that day (any
    other id is ignored); the stops it does not name follow in the order they had."""
    async with database.transaction():
        day_ids = await _day_ids(account_id, day)
        before = in_order((await saved_order(account_id, day)).stops, day_ids)
        stops = in_order(kept_to(sent, day_ids), before)
        await _save(account_id, day, stops, now)
    return DayOrder(stops, now)


async def move_stop(database: Database, account_id: int, day: date, inspection_id: int | None,
                    direction: str, now: datetime) -> None:
    """One stop of the inspector's ``day`` moved one place up or down (the form without
    JavaScript); nothing changes for a stop not on that day's route."""
    async with database.transaction():
        day_ids = await _day_ids(account_id, day)
        if inspection_id not in day_ids:
            return
        current = in_order((await saved_order(account_id, day)).stops, day_ids)
        await _save(account_id, day, moved(current, inspection_id, direction), now)


async def _day_ids(account_id: int, day: date) -> list[int]:
    """The day's stops in the default driving order (db.inspections.route.route's)."""
    return [stop.id for stop in await route(account_id, day)]
