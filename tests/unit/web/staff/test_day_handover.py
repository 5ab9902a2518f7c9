"""The board per inspector and per district, and a sick inspector's day handed to another in
one step (issue 16 §3)."""
from __future__ import annotations

import uuid

from db.engines import fetch_rows
from domain.accounts import Role
from domain.inspection_board import CHOOSE_FROM, NOT_A_DISTRICT, NOTHING_HELD, SAME_INSPECTOR
from tests.unit.web.inspection_journeys import WEDNESDAY, form, ready_permit
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import csrf

DAY = WEDNESDAY.isoformat()


def _book(clock, staff, district: str) -> int:
    number = ready_permit(clock, district)
    location = staff.post(f"/staff/permits/{number}/inspections/book", data=form(staff),
                          follow_redirects=False).headers["location"]
    return int(location.split("/")[-1].split("?")[0])


def _assign(staff, inspection_id: int, inspector_id: int) -> None:
    assert staff.post(f"/staff/inspections/{inspection_id}/assign",
                      data={"csrf_token": csrf(staff), "inspector": str(inspector_id)},
                      follow_redirects=False).status_code == 303


def _holders(clock, ids: list[int]) -> list[int]:
    rows = fetch_rows(clock.url, "SELECT inspector_account FROM inspection WHERE id IN "
                                 f"({', '.join(map(str, ids))}) ORDER BY id")
    return [r[0] for r in rows]


def test_a_sick_inspector_s_day_goes_to_another_and_the_board_narrows_to_each(clock):
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    _, ana = signed_in_as(clock, Role.INSPECTOR, f"Ana Sick {uuid.uuid4().hex[:4]}")
    _, ben = signed_in_as(clock, Role.INSPECTOR, f"Ben Able {uuid.uuid4().hex[:4]}")
    north, south = f"N{uuid.uuid4().hex[:5]}", f"S{uuid.uuid4().hex[:5]}"
    ids = [_book(clock, staff, north), _book(clock, staff, north), _book(clock, staff, south)]
    for inspection_id in ids[:2]:
        _assign(staff, inspection_id, ana)
    _assign(staff, ids[2], ben)
    mine = staff.get(f"/staff/inspections?day={DAY}&inspector={ana}")
    assert [s.id for s in mine.context["stops"]] == ids[:2]
    assert (ana, mine.context["holders"][0][1]) in mine.context["holders"]
    by_district = staff.get(f"/staff/inspections?day={DAY}&district={south}")
    assert [s.id for s in by_district.context["stops"]] == [ids[2]]
    handed = staff.post("/staff/inspections/handover", data={
        "csrf_token": csrf(staff), "day": DAY, "from": str(ana), "to": str(ben)},
        follow_redirects=False)
    assert handed.status_code == 303
    board = staff.get(handed.headers["location"])
    assert _holders(clock, ids) == [ben, ben, ben]
    assert [s.id for s in board.context["stops"] if s.id in ids] == ids, "Ben's board now"
    assert "now has 3 inspections scheduled on this day" in board.context["notice"]
    assert "has 0 still scheduled" in board.context["notice"]
    events = fetch_rows(clock.url, "SELECT channel, action FROM audit_event WHERE subject IN "
                                   f"('inspection {ids[0]}', 'inspection {ids[1]}') AND action "
                                   "= 'inspection reassigned'")
    assert len(events) == 4, "one event per inspection for each assignment and the handover"
    cancelled = staff.post(f"/staff/inspections/{ids[2]}/cancel",
                           data={"csrf_token": csrf(staff)}, follow_redirects=False)
    assert cancelled.status_code == 303
    assert "now has 2 inspections scheduled" in staff.get(
        handed.headers["location"]).context["notice"], "a cancelled one is not counted"
    again = staff.post("/staff/inspections/handover", data={
        "csrf_token": csrf(staff), "day": DAY, "from": str(ana), "to": str(ben)},
        follow_redirects=False)
    assert again.status_code == 409 and again.context["errors"] == {"from": NOTHING_HELD}, \
        "a second tap is told Ana holds nothing now, and the board shows Ben's day"
    assert {s.inspector_id for s in again.context["stops"] if s.id in ids} == {ben}
    _, cara = signed_in_as(clock, Role.INSPECTOR, f"Cara Third {uuid.uuid4().hex[:4]}")
    stale = staff.post("/staff/inspections/handover", data={
        "csrf_token": csrf(staff), "day": DAY, "from": str(ana), "to": str(cara)})
    assert stale.status_code == 409 and "now has" not in stale.text, \
        "a second tab handing Ana's day to Cara reports no handover that never happened"
    nobody = staff.post("/staff/inspections/handover", data={
        "csrf_token": csrf(staff), "day": DAY, "from": "", "to": str(ben)})
    assert nobody.status_code == 422 and nobody.context["errors"] == {"from": CHOOSE_FROM}


def test_a_handover_is_refused_to_the_same_inspector_or_a_non_inspector(clock):
    staff, staff_id = signed_in_as(clock, Role.STAFF, "Cora Counter")
    _, ana = signed_in_as(clock, Role.INSPECTOR, "Ana Sick")
    inspection_id = _book(clock, staff, f"N{uuid.uuid4().hex[:5]}")
    _assign(staff, inspection_id, ana)
    same = staff.post("/staff/inspections/handover", data={
        "csrf_token": csrf(staff), "day": DAY, "from": str(ana), "to": str(ana)})
    assert same.status_code == 422 and same.context["errors"] == {"to": SAME_INSPECTOR}
    clerk = staff.post("/staff/inspections/handover", data={
        "csrf_token": csrf(staff), "day": DAY, "from": str(ana), "to": str(staff_id)})
    assert clerk.status_code == 422 and "to" in clerk.context["errors"]
    assert _holders(clock, [inspection_id]) == [ana]
    not_a_day = staff.post("/staff/inspections/handover", data={
        "csrf_token": csrf(staff), "day": "someday", "from": str(ana), "to": str(ana)})
    assert not_a_day.status_code == 400


def test_filters_not_on_the_lists_are_dropped_with_a_message(clock):
    staff, staff_id = signed_in_as(clock, Role.STAFF, "Cora Counter")
    page = staff.get(f"/staff/inspections?day={DAY}&district=<script>&inspector={staff_id}")
    assert page.status_code == 200
    assert page.context["errors"]["district"] == NOT_A_DISTRICT
    assert "inspector" in page.context["errors"]
    assert page.context["ask"].inspector is None and page.context["ask"].district is None
    assert "<script>" not in page.text
