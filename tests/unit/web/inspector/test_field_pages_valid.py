"""The field inspector's pages of issue 17 are valid HTML by the Nu HTML Checker (as in
tests/unit/web/test_html_validity.py): photos, the phone's header and bar, route order."""
from __future__ import annotations

from domain.accounts import Role
from tests.unit.web.inspector.test_inspector import booked_inspection, signed_in_as
from tests.unit.web.journeys import csrf
from tests.unit.web.test_html_validity import nu_errors


def test_the_stop_pages_with_photos_and_the_permit_s_thumbnails_are_valid(clock, tmp_path):
    """Issue 17 §1: the result form with its photo field (refused: choose them again), a
    resulted stop's photos and "Add photos" form (refused too), a stop of a day to come, and
    the thumbnails on the permit's Inspections tab."""
    from tests.unit.photo_images import camera_jpeg
    from tests.unit.web.inspection_journeys import on_inspection_day
    from tests.unit.web.inspector.test_inspector import result_form
    from tests.unit.web.inspector.test_photos import send

    number, inspection_id, contractor = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Ingrid Halvorsen")
    stop = f"/inspector/inspections/{inspection_id}"
    pages = {"stop-to-come": inspector.get(stop).text}
    on_inspection_day(clock)
    pages["stop-result-form"] = inspector.get(stop).text
    pages["stop-result-refused"] = inspector.post(f"{stop}/result", data={
        **result_form(inspector, inspection_id), "caption": "x" * 201}).text
    inspector.post(f"{stop}/result", data={**result_form(inspector, inspection_id),
                                            "result": "Approved"})
    send(inspector, inspection_id, camera_jpeg(), caption="Ridge vent")
    pages["stop-photos"] = inspector.get(stop).text
    pages["stop-photos-refused"] = inspector.post(f"{stop}/photos", data={
        "csrf_token": csrf(inspector), "idempotency_key": "k" * 20}).text
    pages["permit-photos"] = contractor.get(f"/permits/{number}/inspections").text
    assert 'id="photo-form"' in pages["stop-to-come"] + pages["stop-photos-refused"]
    assert "Choose the photos again" in pages["stop-result-refused"]
    assert pages["permit-photos"].count('class="photo"') == 1
    assert nu_errors(pages, tmp_path) == []


def test_the_inspector_pages_on_a_phone_are_valid(clock, tmp_path):
    """Issue 17 §3: the one-row header and the bottom bar (an inspector's, staff's, and the
    offline page's for nobody), the route with each stop's "Move up" / "Move down" and its
    arrival and leaving, and a stop's Arrived / Left refused."""
    from tests.unit.web.inspection_journeys import on_inspection_day
    from tests.unit.web.inspector.test_route_order import ROUTE, stops_for, visit

    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Ingrid Halvorsen")
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    first, _ = stops_for(clock, inspector_id, 2)
    on_inspection_day(clock)
    visit(inspector, first, "arrived")
    stop = f"/inspector/inspections/{first}"
    pages = {"route-ordered": inspector.get(ROUTE).text, "stop-arrived": inspector.get(stop).text,
             "stop-left-refused": visit(inspector, first, "whenever").text,
             "stop-for-staff": staff.get(stop).text,
             "offline": clock.client().get("/inspector/offline").text}
    assert pages["route-ordered"].count(">Move down<") == 2
    assert "Arrived 9:30 am" in pages["route-ordered"] + pages["stop-arrived"]
    assert 'class="error-summary"' in pages["stop-left-refused"]
    assert all('class="field-bar"' in page for page in pages.values())
    assert nu_errors(pages, tmp_path) == []
