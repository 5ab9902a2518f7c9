"""Issue 17's day in the field, on a phone in Chromium with the service worker: a route of ten
stops worked without a connection (results with their checklists and photos), synced through a
server crash exactly once, and read by the permits' contractor; a photo the server refuses stays
on the phone with the reason; and without JavaScript a photo goes with the result. (A phone
running out of storage: tests/e2e/test_photos_offline.py.) Service workers are allowed here."""
from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field as field_of
from pathlib import Path

import pytest
from PIL import Image
from PIL.ExifTags import IFD
from playwright.sync_api import expect

from tests.e2e.account_pages import sign_in_as
from tests.e2e.field_day_pages import (  # noqa: F401 (fixture: visitor)
    FRAMING_NAILS, PANEL_LABEL, PHOTOS, SMOKE_ALARM, checklist_of, contractor_of, device_photos,
    mark_checklist, pending, photos_of, take_photos, visitor
)
from tests.e2e.field_phones import (  # noqa: F401 (fixtures: field, phone, other_phone, ...)
    PASSWORD, field, inspector_with_route, other_phone, phone, phone_without_js, results_of,
    signed_in_on_today
)
from tests.e2e.inspector_pages import InspectorPage

pytestmark = pytest.mark.offline

SYNC_TIMEOUT_MS = 60_000  # six photos over a server restart, on a busy machine


@dataclass(frozen=True)
class Visit:
    """What the inspector does at one stop of the route."""
    stop: int  # its place in the route, from 0
    photos: tuple[Path, Path]
    caption: str
    result: str
    notes: str
    failed: dict[str, str] = field_of(default_factory=dict)  # checklist item → words


FLASHING = "Flashing at walls, valleys, chimneys and penetrations"
DRIP_EDGE = "Drip edge at eaves and rake edges"
DAY = (
    Visit(1, (SMOKE_ALARM, FRAMING_NAILS), "Ridge, nails every 6 in.", "Approved",
          "Nailing pattern correct."),
    Visit(4, (FRAMING_NAILS, PANEL_LABEL), "Garage wall and north rake", "Corrections required",
          "Call for a reinspection once corrected.", {
              FLASHING: "No kick-out flashing where the roof meets the garage wall.",
              DRIP_EDGE: "Drip edge missing along the north rake."}),
    Visit(8, (PANEL_LABEL, SMOKE_ALARM), "South slope", "Approved", "Underlayment laps correct."),
)
CORRECTIONS = [
    "CRC R903.2 — Flashing at walls, valleys, chimneys and penetrations. No kick-out flashing "
    "where the roof meets the garage wall.",
    "CRC R905.2.8.5 — Drip edge at eaves and rake edges. Drip edge missing along the north rake.",
]


def test_a_day_offline_reaches_the_contractor_through_a_server_crash_exactly_once(
        phone, other_phone, visitor, field):
    email, route = inspector_with_route(field, 10)
    contractor = contractor_of(field, route)
    page = signed_in_on_today(phone, email)
    expect(phone.page.get_by_role("main")).to_contain_text("10 inspections, in route order.")
    context = phone.page.context
    context.set_offline(True)
    phone.page.reload()
    expect(page.saved).to_have_text(re.compile(r"^Offline · route saved at "))

    # Three stops of ten: a result each, its checklist, two photos from the camera.
    for n, visit in enumerate(DAY, start=1):
        page.open_stop(route[visit.stop]["address"])
        take_photos(page, list(visit.photos), visit.caption)
        expect(pending(page)).to_have_count(2)
        for photo in pending(page).all():
            expect(photo.get_by_role("img", name=re.compile(r"^Photo taken "))).to_be_visible()
        mark_checklist(page, visit.failed)
        page.enter_result(visit.result, notes=visit.notes)
        entry = phone.page.locator("#result-entry")
        expect(entry).to_contain_text(f"Saved on this device — {n} waiting to sync.")
        expect(entry).to_contain_text("Its 2 photos are sent after it.")
        phone.check()
        page.back_to_route()
    expect(page.badge).to_have_text("9 waiting to sync")
    expect(page.listed_results).to_have_count(3)
    waiting = device_photos(page)
    expect(waiting).to_have_count(6)
    for photo in waiting.all():
        expect(photo.get_by_role("img", name=re.compile(r"^Photo taken "))).to_be_visible()
        expect(photo).to_contain_text("Waiting to sync after its result.")
    phone.check()
    assert [status for _, status, _ in results_of(field, route)] == ["Scheduled"] * 10

    # Back online, the server dies as the first photo reaches it: stored, never answered.
    sent = []

    def crash_at_the_first_photo(request_route):
        sent.append(request_route.request.headers["idempotency-key"])
        if len(sent) > 1:
            request_route.continue_()
            return
        request_route.fetch()  # the server stores it ...
        field.kill()            # ... and dies before the answer reaches the phone
        request_route.abort("connectionreset")

    context.route(PHOTOS, crash_at_the_first_photo)
    context.set_offline(False)
    expect(page.news).to_contain_text("Synced 3 results.")
    expect(page.badge).to_have_text("6 waiting to sync")
    expect(page.device.locator("#device-photos")).to_contain_text("(No connection)")
    visited = [route[visit.stop] for visit in DAY]
    assert results_of(field, visited) == [
        (stop["id"], "Completed", visit.result) for stop, visit in zip(visited, DAY)]
    assert len(photos_of(field, route)) == 1, "stored before the server died"
    field.start()  # on the same port and database
    page.sync_now()
    expect(page.device.locator("#device-outbox")).to_be_hidden(timeout=SYNC_TIMEOUT_MS)
    context.unroute(PHOTOS)
    assert sent.count(sent[0]) >= 2 and len(set(sent)) == 6, "sent again under its own key"

    # Exactly three results and six photos, two on each stop visited; nothing on the others.
    results = {route[visit.stop]["id"]: visit.result for visit in DAY}
    assert results_of(field, route) == [
        (stop["id"], "Completed", results[stop["id"]]) if stop["id"] in results
        else (stop["id"], "Scheduled", None) for stop in route]
    stored = photos_of(field, route)
    assert len(stored) == 6 and len({key for _, key, *_ in stored}) == 6
    assert sorted((inspection, caption) for inspection, _, caption, *_ in stored) == sorted(
        (route[v.stop]["id"], v.caption) for v in DAY for _ in v.photos)
    failed = [(i["code"], i["state"]) for i in json.loads(checklist_of(field, visited[1]))
              if i["state"] == "failed"]
    assert failed == [("CRC R903.2", "failed"), ("CRC R905.2.8.5", "failed")]
    assert phone.page.evaluate("() => PermitlinePhotoQueue.entries()") == []

    # The contractor reads the corrections, with their code sections, and sees the photos.
    corrected = visited[1]
    sign_in_as(other_phone, contractor, PASSWORD)
    other_phone.page.goto(f"/permits/{corrected['permit']}/inspections")
    main = other_phone.page.get_by_role("main")
    expect(main).to_contain_text("145 Roof Nailing – Completed: Corrections required")
    expect(main.get_by_text("Corrections (2)")).to_be_visible()
    expect(main.locator("ol.corrections > li")).to_have_text(CORRECTIONS)
    grid = main.get_by_role("list", name="Photos of the Roof Nailing inspection")
    thumbs = grid.get_by_role("img", name=f"{DAY[1].caption}, full size")
    expect(thumbs).to_have_count(2)
    other_phone.check()
    sources = [thumb.get_attribute("src") for thumb in thumbs.all()]
    for source in sources:
        shown = other_phone.page.request.get(source)
        assert shown.status == 200 and shown.headers["content-type"] == "image/jpeg"
    for stop in (visited[0], visited[2]):
        other_phone.page.goto(f"/permits/{stop['permit']}/inspections")
        expect(other_phone.page.get_by_role("main").get_by_role(
            "list", name="Photos of the Roof Nailing inspection").get_by_role("img")
        ).to_have_count(2)

    # Nobody else sees them: not on the public permit page, not at their address.
    visitor.page.goto(f"/permits/{corrected['permit']}/inspections")
    public = visitor.page.get_by_role("main")
    expect(public).to_contain_text("145 Roof Nailing – Completed: Corrections required")
    expect(public.locator(".photo-grid")).to_have_count(0)
    expect(public).not_to_contain_text("garage wall")
    visitor.check()
    # Asked for at its address, the answer is the one for a photo that does not exist.
    missing = re.sub(r"/photos/\d+/", "/photos/999999/", sources[0])
    answers = [visitor.page.request.get(address, max_redirects=0).status
               for address in (*sources, missing)]
    assert answers[0] != 200 and answers == [answers[-1]] * 3


def test_a_photo_the_server_refuses_after_the_sync_stays_on_the_phone_with_the_reason(
        phone, field, tmp_path):
    not_a_photo = tmp_path / "IMG_0417.jpg"
    not_a_photo.write_bytes(b"A text file saved under a photo's name.\n" * 50)
    email, route = inspector_with_route(field, 1)
    page = signed_in_on_today(phone, email)
    phone.page.context.set_offline(True)
    page.open_stop(route[0]["address"])
    take_photos(page, [SMOKE_ALARM, not_a_photo], "Ridge vent")
    expect(pending(page)).to_have_count(2)
    expect(pending(page).nth(1)).to_contain_text("(no preview)")  # this phone cannot read it
    page.enter_result("Approved")
    expect(phone.page.locator("#result-entry")).to_contain_text("Its 2 photos are sent after it.")

    phone.page.context.set_offline(False)
    expect(page.news).to_contain_text("Synced 1 result.")
    expect(page.badge).to_have_text("1 needs your attention")
    refused = device_photos(page)
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text(
        "Not accepted: This file is not a photo the city can keep: send a JPEG, PNG or WebP")
    expect(phone.page.locator("#photos .photo-grid > li")).to_have_count(1)  # the good one
    phone.check()
    assert results_of(field, route) == [(route[0]["id"], "Completed", "Approved")]
    assert [(caption, width) for _, _, caption, width, *_ in photos_of(field, route)] == [
        ("Ridge vent", 1600)]
    # Opened again, the stop lists the refused photo under "Add photos", with the reason.
    phone.page.reload()
    expect(phone.page.get_by_role("heading", name="Photos (1)")).to_be_visible()
    expect(pending(page)).to_have_count(1)
    expect(pending(page)).to_contain_text("Not accepted: This file is not a photo")
    phone.check()


def test_without_javascript_a_photo_goes_with_the_result(phone_without_js, field):
    tab = phone_without_js
    email, route = inspector_with_route(field, 1)
    stop = route[0]
    sign_in_as(tab, email, PASSWORD)
    page = InspectorPage(tab)
    page.open_today()
    page.open_stop(stop["address"])
    take_photos(page, [FRAMING_NAILS], "Nails every 6 in. at the ridge")
    page.enter_result("Approved", notes="Nailing pattern correct.")
    expect(page.heading).to_have_text(re.compile(r"^Today: "))
    assert results_of(field, route) == [(stop["id"], "Completed", "Approved")]
    [(_, key, caption, width, height, _)] = photos_of(field, route)
    assert (caption, width, height) == ("Nails every 6 in. at the ridge", 1536, 2048), "upright"
    assert key.endswith("-1"), "keyed after its result"

    tab.page.goto(f"/inspector/inspections/{stop['id']}")
    photos = tab.page.get_by_role("region", name="Photos (1)")
    thumb = photos.get_by_role("img", name="Nails every 6 in. at the ridge, full size")
    expect(thumb).to_be_visible()
    tab.check()
    full = tab.page.request.get(photos.get_by_role("link").first.get_attribute("href"))
    assert full.status == 200 and full.headers["content-type"] == "image/jpeg"
    assert full.headers["cache-control"] == "private, max-age=86400"
    served = Image.open(io.BytesIO(full.body()))
    assert served.size == (1536, 2048)
    exif = served.getexif()
    assert IFD.GPSInfo not in exif, "no location in what others see"
    assert exif.get_ifd(IFD.Exif).get(0x9003) == "2026:11:30 10:02:55", "the time taken kept"
    assert tab.page.request.get(thumb.get_attribute("src")).status == 200


def test_the_checklist_chooses_the_result_until_the_inspector_does(phone, field):
    """Second reader: marking the items neither chose nor said the result they give
    (static/js/checklist_result.js)."""
    email, route = inspector_with_route(field, 1)
    page = signed_in_on_today(phone, email)
    page.open_stop(route[0]["address"])
    form = phone.page.locator("form[data-outbox]")

    def result(name: str):
        return form.get_by_role("radio", name=name, exact=True)

    hint = form.locator("#f-override_reason-hint")
    mark_checklist(page, {})
    expect(result("Approved")).to_be_checked()
    expect(hint).to_contain_text("The checklist gives “Approved”.")
    first = form.locator("#checklist fieldset.check-item").first
    first.get_by_role("radio", name=re.compile("^Failed")).check()
    expect(result("Corrections required")).to_be_checked()
    expect(hint).to_contain_text("The checklist gives “Corrections required”.")
    result("Not ready").check()  # the inspector's own choice stays
    first.get_by_role("radio", name=re.compile("^Passed")).check()
    expect(result("Not ready")).to_be_checked()
    expect(hint).to_contain_text("The checklist gives “Approved”.")
    phone.check()
