"""Each inspector's order of a day's stops and the times they arrived and left, on both engines
(issue 17 §3): one row per inspector and day, only their own stops of that day, the last order
sent wins; taps kept offline applied in the order pressed."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from db.inspections.route_order import move_stop, ordered_route, save_order, saved_order
from db.inspections.site_visits import Recorder, record_tap, record_taps
from db.tables import Inspection, Permit, RouteOrder
from domain.outcomes import Accepted, Rejected
from domain.route_order import DOWN, UP
from domain.site_visits import ARRIVED, LEFT, Tap, Visit
from tests.unit.db.inspections.booking_week import (
    LA, NOW, TUESDAY, WEDNESDAY, district_with_permits, inspector_account
)

AT_942 = datetime(2031, 3, 4, 9, 42, tzinfo=LA).astimezone(timezone.utc)
AT_1005 = datetime(2031, 3, 4, 10, 5, tzinfo=LA).astimezone(timezone.utc)


async def stops_of(inspector_id: int, count: int, day=TUESDAY) -> list[int]:
    """``count`` inspections on ``day`` assigned to the inspector, in driving order (one parcel:
    by id)."""
    district, numbers = await district_with_permits(count)
    ids = []
    for number in numbers:
        permit = await Permit.select(Permit.id).where(Permit.number == number).first()
        rows = await Inspection.insert(Inspection(
            permit=permit["id"], type_code="145", type_name="Roof Nailing", requested_on=day,
            scheduled_for=day, status="Scheduled", district=district, inspector="Rosa",
            inspector_account=inspector_id))
        ids.append(rows[0]["id"])
    return ids


async def route_ids(inspector_id: int, day=TUESDAY) -> list[int]:
    stops, _ = await ordered_route(inspector_id, day)
    return [stop.id for stop in stops]


async def test_the_order_sent_is_kept_to_the_inspectors_own_stops_of_that_day(bound):
    rosa, kofi = await inspector_account(bound), await inspector_account(bound, "Kofi")
    a, b, c = await stops_of(rosa, 3)
    kofis = await stops_of(kofi, 1)
    wednesday = await stops_of(rosa, 1, WEDNESDAY)
    assert await route_ids(rosa) == [a, b, c], "the driving order until one is set"
    saved = await save_order(bound, rosa, TUESDAY, [*kofis, c, 999_999_998, *wednesday, a], NOW)
    assert saved.stops == [c, a, b], "another's, another day's and made-up ids are ignored"
    assert await route_ids(rosa) == [c, a, b]
    assert await route_ids(kofi) == kofis, "nobody else's route changes"
    assert (await saved_order(rosa, TUESDAY)).updated_at == NOW


async def test_the_last_order_sent_wins_and_one_row_is_kept_per_inspector_and_day(bound):
    rosa = await inspector_account(bound)
    a, b, c = await stops_of(rosa, 3)
    await save_order(bound, rosa, TUESDAY, [c, b, a], NOW)
    later = NOW + timedelta(minutes=5)
    await save_order(bound, rosa, TUESDAY, [b, c, a], later)
    assert await route_ids(rosa) == [b, c, a]
    assert await RouteOrder.count().where(RouteOrder.account == rosa) == 1
    assert (await saved_order(rosa, TUESDAY)).stamp == int(later.timestamp() * 1000)


async def test_two_phones_saving_a_new_day_at_once_leave_one_row(bound):
    rosa = await inspector_account(bound)
    a, b = await stops_of(rosa, 2)
    await asyncio.gather(save_order(bound, rosa, TUESDAY, [b, a], NOW),
                         save_order(bound, rosa, TUESDAY, [a, b], NOW))
    assert await RouteOrder.count().where(RouteOrder.account == rosa) == 1


async def test_stops_added_later_come_after_the_ordered_ones(bound):
    rosa = await inspector_account(bound)
    a, b = await stops_of(rosa, 2)
    await save_order(bound, rosa, TUESDAY, [b, a], NOW)
    c, d = await stops_of(rosa, 2)
    assert await route_ids(rosa) == [b, a, c, d]


async def test_a_stop_moves_one_place_from_the_form_and_other_ids_change_nothing(bound):
    rosa, kofi = await inspector_account(bound), await inspector_account(bound, "Kofi")
    a, b, c = await stops_of(rosa, 3)
    kofis = await stops_of(kofi, 2)
    await move_stop(bound, rosa, TUESDAY, c, UP, NOW)
    assert await route_ids(rosa) == [a, c, b]
    await move_stop(bound, rosa, TUESDAY, a, DOWN, NOW)
    assert await route_ids(rosa) == [c, a, b]
    await move_stop(bound, rosa, TUESDAY, kofis[1], UP, NOW)
    await move_stop(bound, rosa, TUESDAY, None, UP, NOW)
    await move_stop(bound, rosa, WEDNESDAY, a, DOWN, NOW)
    assert await route_ids(rosa) == [c, a, b]
    assert await route_ids(kofi) == kofis
    assert not await RouteOrder.exists().where(RouteOrder.account == kofi)


async def visit_of(inspection_id: int) -> Visit:
    row = await Inspection.select(Inspection.arrived_at, Inspection.left_at).where(
        Inspection.id == inspection_id).first()
    return Visit(*(value and value.astimezone(timezone.utc) for value in row.values()))


async def test_arrived_and_left_are_recorded_for_the_assigned_inspector_or_staff(bound):
    rosa, kofi = await inspector_account(bound), await inspector_account(bound, "Kofi")
    (stop,) = await stops_of(rosa, 1)
    assert isinstance(await record_tap(bound, stop, Recorder(kofi, False), ARRIVED, AT_942, LA),
                      Rejected)
    assert await record_tap(bound, stop, Recorder(rosa, False), ARRIVED, AT_942, LA) == Accepted(
        Visit(AT_942))
    refused = await record_tap(bound, stop, Recorder(rosa, False), LEFT,
                               AT_942 - timedelta(minutes=1), LA)
    assert "before the arrival" in refused.message
    await record_tap(bound, stop, Recorder(kofi, True), LEFT, AT_1005, LA)
    assert await visit_of(stop) == Visit(AT_942, AT_1005)
    assert await record_tap(bound, 999_999_997, Recorder(rosa, False), LEFT, AT_1005, LA) is None


async def test_taps_kept_offline_are_applied_in_the_order_pressed_each_with_its_outcome(bound):
    rosa = await inspector_account(bound)
    first, second = await stops_of(rosa, 2)
    received = AT_1005 + timedelta(hours=1)
    sent = [Tap(first, LEFT, AT_1005.isoformat()), Tap(first, ARRIVED, AT_942.isoformat()),
            Tap(second, LEFT, AT_1005.isoformat()),
            Tap(second, ARRIVED, (received + timedelta(hours=2)).isoformat())]
    outcomes = dict(((tap.inspection_id, tap.event), outcome) for tap, outcome in
                    await record_taps(bound, sent, Recorder(rosa, False), received, LA))
    assert await visit_of(first) == Visit(AT_942, AT_1005), "arrived before it left"
    assert "ahead of the city's time" in outcomes[(second, ARRIVED)].message
    assert "Press Arrived" in outcomes[(second, LEFT)].message
    assert await visit_of(second) == Visit()
