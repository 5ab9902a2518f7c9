"""An inspector sets the day's order of stops and records arriving and leaving (issue 17 §3):
"Move up" / "Move down" without JavaScript, the whole order and the offline taps sent by the
phone, and the Arrived and Left buttons of a stop."""
from __future__ import annotations

import asyncio
import json
import uuid
from datetime import datetime, timezone

from db.engines import fetch_rows
from db.tables import Inspection, Permit
from domain.accounts import Role
from tests.unit.web.inspection_journeys import (
    LA, THURSDAY, WEDNESDAY, on_inspection_day, ready_permit
)
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import csrf

ROUTE = f"/inspector?day={WEDNESDAY.isoformat()}"


def stops_for(portal, inspector_id: int, count: int, day=WEDNESDAY) -> list[int]:
    """``count`` inspections on ``day`` assigned to the inspector, in one district of their
    own: driving order is the order made."""
    district = f"R{uuid.uuid4().hex[:6]}"
    numbers = [ready_permit(portal, district) for _ in range(count)]

    async def create() -> list[int]:
        ids = []
        for number in numbers:
            permit = await Permit.select(Permit.id).where(Permit.number == number).first()
            rows = await Inspection.insert(Inspection(
                permit=permit["id"], type_code="145", type_name="Roof Nailing",
                requested_on=day, scheduled_for=day, status="Scheduled", district=district,
                inspector="Rosa", inspector_account=inspector_id))
            ids.append(rows[0]["id"])
        return ids

    return asyncio.run(create())


def shown(client, path: str = ROUTE) -> list[int]:
    return [stop.id for stop in client.get(path).context["stops"]]


def move(client, inspection, direction: str, day: str = WEDNESDAY.isoformat()):
    return client.post("/inspector/route/order", data={
        "csrf_token": csrf(client), "day": day, "inspection": str(inspection),
        "direction": direction}, follow_redirects=False)


def test_without_javascript_a_stop_moves_and_the_route_comes_back_at_that_stop(clock):
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    a, b, c = stops_for(clock, inspector_id, 3)
    page = inspector.get(ROUTE)
    assert shown(inspector) == [a, b, c]
    assert page.text.count(">Move up<") == 3 and f'id="stop-{c}"' in page.text
    moved = move(inspector, c, "up")
    assert moved.status_code == 303
    assert moved.headers["location"] == f"{ROUTE}#stop-{c}"
    assert shown(inspector) == [a, c, b]
    assert move(inspector, a, "down").status_code == 303
    assert shown(inspector) == [c, a, b]
    # What is not one of her stops that day moves nothing, and never fails.
    _, kofi_id = signed_in_as(clock, Role.INSPECTOR, "Kofi Mensah-Park")
    (kofis,) = stops_for(clock, kofi_id, 1)
    (thursdays,) = stops_for(clock, inspector_id, 1, THURSDAY)
    for hostile in (kofis, thursdays, "abc", "-1", "1e9", "9" * 400, "", "<b>1</b>"):
        assert move(inspector, hostile, "up").status_code == 303
    assert move(inspector, b, "sideways").status_code == 303
    assert move(inspector, b, "up", THURSDAY.isoformat()).status_code == 303
    assert shown(inspector) == [c, a, b]
    assert shown(inspector, f"/inspector?day={THURSDAY.isoformat()}") == [thursdays]
    unreadable = move(inspector, b, "up", "2026-13-45")
    assert unreadable.status_code == 400 and "could not be read" in unreadable.text


def sync(client, account_id, day=WEDNESDAY.isoformat(), **fields):
    return client.post("/inspector/route/sync", data={
        "account": str(account_id), "day": day, **fields},
        headers={"X-CSRF-Token": csrf(client), "Accept": "application/json"})


def test_the_phone_sends_its_whole_order_kept_to_the_inspectors_own_stops(clock):
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    other, other_id = signed_in_as(clock, Role.INSPECTOR, "Kofi Mensah-Park")
    a, b, c = stops_for(clock, inspector_id, 3)
    (kofis,) = stops_for(clock, other_id, 1)
    sent = sync(inspector, inspector_id, stops=f"{kofis},{c},abc,,{c},999999999,{a}")
    assert sent.status_code == 200
    answer = sent.json()
    assert answer["stops"] == [c, a, b] and answer["stamp"] > 0 and answer["taps"] == []
    page = inspector.get(ROUTE)
    assert [s.id for s in page.context["stops"]] == [c, a, b]
    assert f'data-stamp="{answer["stamp"]}"' in page.text
    assert sync(inspector, inspector_id, stops=f"{b},{c},{a}").json()["stops"] == [b, c, a]
    assert shown(inspector) == [b, c, a], "the last order sent wins"
    assert shown(other) == [kofis]
    # Hostile values: a huge list, garbage, another day, another account's phone.
    huge = ",".join(str(i) for i in range(900_000_000, 900_005_000))
    assert sync(inspector, inspector_id, stops=huge).status_code == 200
    assert shown(inspector) == [b, c, a], "none of those ids is hers: the order stays"
    assert sync(inspector, inspector_id, stops="x,-1,0").json()["stops"] == [b, c, a]
    assert sync(inspector, inspector_id, day=THURSDAY.isoformat(),
                stops=f"{a},{b}").json()["stops"] == []
    assert sync(inspector, inspector_id, day="someday").status_code == 400
    stranger = sync(inspector, other_id, stops=f"{a},{b},{c}")
    assert stranger.status_code == 409 and "another account" in stranger.json()["error"]
    assert sync(inspector, inspector_id).json()["stops"] is None, "no order sent: none saved"
    assert shown(inspector) == [b, c, a]


def visit(client, inspection_id: int, event: str, **extra):
    return client.post(f"/inspector/inspections/{inspection_id}/visit", data={
        "csrf_token": csrf(client), "event": event}, follow_redirects=False, **extra)


def at(hour: int, minute: int):
    return lambda: datetime(2026, 12, 2, hour, minute, tzinfo=LA).astimezone(timezone.utc)


def test_arrived_and_left_are_recorded_and_shown_on_the_stop_and_the_route(clock):
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    (stop,) = stops_for(clock, inspector_id, 1)
    page = f"/inspector/inspections/{stop}"
    early = visit(inspector, stop, "arrived")  # Tuesday: the inspection is on Wednesday
    assert early.status_code == 422
    assert "This inspection is on Wednesday 2 December 2026" in early.text
    on_inspection_day(clock)
    too_soon = visit(inspector, stop, "left")
    assert too_soon.status_code == 422 and 'href="#f-visit"' in too_soon.text
    assert "Press Arrived when you reach the site: leaving is recorded after arriving." in (
        too_soon.text)
    arrived = visit(inspector, stop, "arrived")
    assert arrived.status_code == 303 and arrived.headers["location"] == f"{page}#f-visit"
    assert "Arrived 9:30 am" in inspector.get(page).text
    clock.app.state.clock = at(10, 5)
    assert visit(inspector, stop, "left").status_code == 303
    assert "Arrived 9:30 am · Left 10:05 am" in inspector.get(page).text
    assert "Arrived 9:30 am · Left 10:05 am" in inspector.get(ROUTE).text
    clock.app.state.clock = at(10, 10)
    visit(inspector, stop, "left")
    assert "Arrived 9:30 am · Left 10:10 am" in inspector.get(page).text, "pressed again"
    assert visit(inspector, stop, "whenever").status_code == 422
    other, _ = signed_in_as(clock, Role.INSPECTOR, "Kofi Mensah-Park")
    refused = visit(other, stop, "arrived")
    assert refused.status_code == 403 and "Only the inspector this inspection is assigned to" in (
        refused.text)
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    clock.app.state.clock = at(11, 0)
    assert visit(staff, stop, "arrived").status_code == 303
    assert fetch_rows(clock.url, f"SELECT left_at FROM inspection WHERE id = {stop}") == [
        (None,)], "arriving again after leaving starts the visit over"
    assert visit(inspector, 999_999_998, "arrived").status_code == 404


def test_taps_kept_offline_go_with_the_order_dated_by_the_phone_within_bounds(clock):
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    first, second = stops_for(clock, inspector_id, 2)
    clock.app.state.clock = at(11, 0)
    taps = [{"inspection": first, "event": "arrived", "at": "2026-12-02T17:42:00.000Z"},
            {"inspection": first, "event": "left", "at": "2026-12-02T18:05:00.000Z"},
            {"inspection": second, "event": "arrived", "at": "2026-12-02T23:59:00.000Z"},
            {"inspection": 999_999_998, "event": "left", "at": "2026-12-02T18:05:00.000Z"},
            {"inspection": "drop", "event": "left", "at": "x"}]
    answer = sync(inspector, inspector_id, stops=f"{second},{first}",
                  taps=json.dumps(taps)).json()
    assert answer["stops"] == [second, first]
    outcome = {(t["inspection"], t["event"]): t for t in answer["taps"]}
    assert len(answer["taps"]) == 4, "what is not a tap is left out"
    assert outcome[(first, "left")]["line"] == "Arrived 9:42 am · Left 10:05 am"
    assert "ahead of the city's time" in outcome[(second, "arrived")]["message"]
    assert "no longer on the city's records" in outcome[(999_999_998, "left")]["message"]
    route = inspector.get(ROUTE)
    assert [s.id for s in route.context["stops"]] == [second, first]
    assert "Arrived 9:42 am · Left 10:05 am" in route.text
    assert sync(inspector, inspector_id, taps="{not json").status_code == 200
