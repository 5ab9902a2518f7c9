"""Photos from the field on a phone (issue 17 §1): taken offline with a result, resized and kept on
the device with thumbnails, sent after the result exactly once — also when the connection drops
half-way through a photo; a file the server refuses stays on the phone with the reason; a phone
running out of storage is told and loses saved pages, never what waits to sync; a phone whose
queue predates photos keeps it. Service workers are allowed here."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from playwright.sync_api import expect

from tests.e2e.account_pages import sign_in_as
from tests.e2e.field_phones import (  # noqa: F401 (fixtures: field, phone)
    NEXT_DAY, NUMBERS, PASSWORD, field, inspector_with_route, phone, results_of, signed_in_on_today
)
from tests.e2e.inspector_pages import InspectorPage, city_today, eventually, rows, seeded_route

pytestmark = pytest.mark.offline

PHOTOS = "**/inspector/inspections/*/photos"
TAKEN = "2026:12:04 08:41:07"  # before the suite's moment (Friday 4 December 2026, 9:00)


def field_photo(path: Path, size=(3000, 2000)) -> Path:
    """A phone camera's photo: detailed (noise over gradients, so it does not compress to
    nothing), with the time it was taken and where (EXIF GPS)."""
    noise = Image.effect_noise(size, 48)
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (noise, gradient, ImageOps.invert(gradient)))
    exif = Image.Exif()
    exif[0x0110] = "Field camera"
    taken = exif.get_ifd(0x8769)
    taken[0x9003] = TAKEN
    taken[0x9011] = "-08:00"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (34.0, 5.0, 30.0), 3: "W", 4: (118.0, 22.0, 10.0)})
    image.save(path, "JPEG", quality=92, exif=exif)
    return path


@pytest.fixture
def camera(tmp_path) -> list[Path]:
    return [field_photo(tmp_path / "IMG_0001.jpg"), field_photo(tmp_path / "IMG_0002.jpg")]


@pytest.fixture
def not_a_photo(tmp_path) -> Path:
    path = tmp_path / "IMG_0003.jpg"
    path.write_bytes(b"These are a text file's bytes under a photo's name.\n" * 40)
    return path


def stored_photos(field, route: list[dict]) -> list[tuple]:
    ids = ",".join(str(stop["id"]) for stop in route)
    return rows(field.database_url, "SELECT inspection, caption, taken_at, width, height, "
                f"file_name, key FROM inspection_photo WHERE inspection IN ({ids}) ORDER BY id")


def on_device(page: InspectorPage) -> list[dict]:
    """The photo queue as IndexedDB holds it (without the photos themselves)."""
    return page.page.evaluate("""() => PermitlinePhotoQueue.entries().then((photos) => photos.map(
        (p) => ({...p, blob: p.blob ? {size: p.blob.size, type: p.blob.type} : null})))""")


def pending(page: InspectorPage):
    return page.page.locator("#photo-pending > li")


def test_photos_taken_offline_are_sent_after_their_result_exactly_once(phone, field, camera):
    email, route = inspector_with_route(field, 1)
    page = signed_in_on_today(phone, email)
    phone.page.context.set_offline(True)
    page.open_stop(route[0]["address"])
    phone.page.get_by_label("Photos (optional)").set_input_files(camera)
    phone.page.get_by_label("Caption (optional)").fill("North slope, nails every 6 in.")
    expect(pending(page)).to_have_count(2)
    for item in pending(page).all():
        expect(item.get_by_role("img", name=re.compile(r"^Photo taken "))).to_be_visible()
        expect(item).to_contain_text("Sent after the result, once you record it.")
    kept = on_device(page)
    form_key = phone.page.locator("form[data-outbox] input[name=idempotency_key]").input_value()
    assert [p["status"] for p in kept] == ["draft", "draft"]
    assert all(p["resultKey"] == form_key for p in kept), "taken in the result form"
    assert all((p["width"], p["height"]) == (1600, 1067) for p in kept), "long side 1,600 px"
    assert all(p["blob"]["type"] == "image/jpeg" and p["blob"]["size"] <= 500 * 1024 for p in kept)
    assert all(p["takenAt"] == "2026-12-04T16:41:07.000Z" for p in kept), "from the EXIF"
    assert all(p["thumb"].startswith("data:image/jpeg;base64,") for p in kept)
    phone.check()

    page.enter_result("Approved", notes="Nailing pattern correct")
    entry = phone.page.locator("#result-entry")
    expect(entry).to_contain_text("Saved on this device — 1 waiting to sync.")
    expect(entry).to_contain_text("Its 2 photos are sent after it.")
    expect(page.badge).to_have_text("3 waiting to sync")
    [result] = page.queued()
    assert result["key"] == form_key
    assert [name for name, _ in result["fields"]].count("caption") == 0, "the photos' own"
    assert [(p["status"], p["caption"]) for p in on_device(page)] == [
        ("queued", "North slope, nails every 6 in.")] * 2
    page.device.get_by_text("Photos on this device").click()
    device_photos = page.device.locator("#device-photos > li")
    expect(device_photos).to_have_count(2)
    expect(device_photos.first).to_contain_text("Waiting to sync after its result.")
    expect(device_photos.first.get_by_role("img")).to_be_visible()
    phone.check()
    # Opened again offline, the stop lists them under its photo field.
    phone.page.reload()
    expect(pending(page)).to_have_count(2)
    expect(pending(page).first).to_contain_text("Waiting to sync after its result.")

    sent = []
    phone.page.context.on("request", lambda request: sent.append(
        request.headers.get("idempotency-key")) if request.url.endswith("/photos") else None)
    phone.page.context.set_offline(False)
    expect(page.news).to_contain_text("Synced 1 result.")
    expect(page.news).to_contain_text("Synced 2 photos.")
    expect(pending(page)).to_have_count(0)
    expect(page.device.locator("#device-outbox")).to_be_hidden()
    assert results_of(field, route) == [(route[0]["id"], "Completed", "Approved")]
    stored = stored_photos(field, route)
    assert [(r[0], r[1], r[3], r[4]) for r in stored] == [
        (route[0]["id"], "North slope, nails every 6 in.", 1600, 1067)] * 2
    assert all(r[2].startswith("2026-12-04 16:41:07") for r in stored), "the time taken kept"
    assert sorted(key.split(":", 1)[1] for *_, key in stored) == sorted(p["key"] for p in kept)
    assert sorted(sent) == sorted(p["key"] for p in kept), "each sent once, with its own key"
    assert on_device(page) == [], "nothing sent is kept on the phone"
    uploads = Path(field.environment["PERMITLINE_UPLOAD_DIR"])
    for *_, file_name, _ in stored:
        [path] = uploads.rglob(file_name)
        assert 0x8825 not in Image.open(path).getexif(), "no location in what others see"

    phone.page.reload()
    expect(phone.page.get_by_role("heading", name="Photos (2)")).to_be_visible()
    expect(phone.page.locator("#photos .photo-grid > li")).to_have_count(2)
    phone.check()


def test_a_photo_cut_off_half_sent_is_sent_again_and_stored_once(phone, field, camera):
    email, route = inspector_with_route(field, 1)
    page = signed_in_on_today(phone, email)
    context = phone.page.context
    sent = []

    def lost_answer(request_route):
        sent.append(request_route.request.headers["idempotency-key"])
        if len(sent) == 1:
            request_route.fetch()  # the server stores it ...
            request_route.abort("connectionreset")  # ... and the answer never arrives
        else:
            request_route.continue_()

    context.route(PHOTOS, lost_answer)
    page.open_stop(route[0]["address"])
    phone.page.get_by_label("Photos (optional)").set_input_files(camera[:1])
    expect(pending(page)).to_have_count(1)
    page.enter_result("Approved")
    expect(phone.page.locator("#result-entry")).to_contain_text("Recorded: 145 Roof Nailing")
    expect(page.badge).to_have_text("1 waiting to sync")
    page.device.get_by_text("Photos on this device").click()
    waiting = page.device.locator("#device-photos > li")
    expect(waiting).to_contain_text("tried 1 time (No connection)")
    assert len(stored_photos(field, route)) == 1, "stored before the connection dropped"
    page.sync_now()
    expect(page.news).to_contain_text("Synced 1 photo.")
    expect(page.device.locator("#device-outbox")).to_be_hidden()
    assert len(sent) == 2 and sent[0] == sent[1], "sent again with the same key"
    assert len(stored_photos(field, route)) == 1, "and stored once"
    context.unroute(PHOTOS)


def test_a_photo_the_server_refuses_stays_on_the_phone_with_the_reason(phone, field, camera,
                                                                       not_a_photo):
    email, route = inspector_with_route(field, 1)
    page = signed_in_on_today(phone, email)
    page.open_stop(route[0]["address"])
    page.enter_result("Approved")
    expect(phone.page.locator("#result-entry")).to_contain_text("Recorded: 145 Roof Nailing")
    phone.page.reload()  # a stop already resulted: "Add photos", on their own
    form = phone.page.locator("#photo-form")
    form.get_by_label("Photos (optional)").set_input_files([not_a_photo, camera[0]])
    expect(pending(page)).to_have_count(2)
    expect(pending(page).first).to_contain_text("(no preview)")  # this phone cannot read it
    expect(pending(page).first).to_contain_text("Not sent yet: choose “Add the photos”")
    form.get_by_label("Caption (optional)").fill("Ridge vent")
    form.get_by_role("button", name="Add the photos").click()
    refused = pending(page).filter(has_text="Not accepted")
    expect(refused).to_contain_text("Not accepted: This file is not a photo the city can keep")
    expect(pending(page)).to_have_count(1)
    expect(page.badge).to_have_text("1 needs your attention")
    expect(phone.page.locator("#photos .photo-grid > li")).to_have_count(1)  # the other one
    assert [(r[1], r[3]) for r in stored_photos(field, route)] == [("Ridge vent", 1600)]
    [kept] = on_device(page)
    assert (kept["status"], kept["resultKey"], kept["blob"]) == ("refused", None, None)
    phone.check()
    refused.get_by_role("button", name=re.compile("^Remove")).click()
    expect(pending(page)).to_have_count(0)
    expect(page.device.locator("#device-outbox")).to_be_hidden()
    assert on_device(page) == []


NEARLY_FULL = """(() => {
  const MB = 1024 * 1024;
  navigator.storage.estimate = async () => ({usage: 990 * MB, quota: 1000 * MB});
})()"""


def saved_pages(page: InspectorPage) -> list[str]:
    return page.page.evaluate("""() => caches.open("inspector-pages").then((c) => c.keys())
        .then((keys) => keys.map((r) => new URL(r.url)).map((u) => u.pathname + u.search))""")


def test_a_phone_running_out_of_storage_is_told_and_drops_other_days_pages_first(
        phone, field, camera):
    email, today = inspector_with_route(field, 1)
    page = signed_in_on_today(phone, email)
    next_day = phone.page.get_by_role("link", name=NEXT_DAY).get_attribute("href").split("=")[1]
    [later] = seeded_route(field.database_url, email, 1, next(NUMBERS),
                           day=date.fromisoformat(next_day))
    phone.page.reload()
    later_page = f"/inspector/inspections/{later['id']}"
    eventually(lambda: later_page in saved_pages(page), True)
    phone.page.context.set_offline(True)
    page.open_stop(today[0]["address"])
    phone.page.get_by_label("Photos (optional)").set_input_files(camera[:1])
    page.enter_result("Approved")
    expect(phone.page.locator("#result-entry")).to_contain_text("1 waiting to sync.")

    phone.page.context.add_init_script(NEARLY_FULL)  # the phone fills up
    phone.page.reload()
    warning = page.device.get_by_role("status").filter(has_text="running out of space")
    expect(warning).to_have_text(re.compile(r"^This phone is running out of space for "
                                            r"inspections: 10 MB left\. "))
    expect(warning).to_contain_text("results and photos waiting to sync are kept")
    eventually(lambda: sorted(saved_pages(page)), sorted([
        "/inspector", f"/inspector?day={city_today().isoformat()}",
        f"/inspector/inspections/{today[0]['id']}"]))
    assert len(page.queued()) == 1 and len(on_device(page)) == 1, "never dropped"
    phone.check()
    page.back_to_route()  # today's route still opens offline
    expect(phone.page.get_by_role("main")).to_contain_text("1 inspection")
    phone.page.context.set_offline(False)
    expect(page.news).to_contain_text("Synced 1 photo.")
    assert len(stored_photos(field, today)) == 1


V1_QUEUE = """([entry]) => new Promise((resolve, reject) => {
  const opening = indexedDB.open("permitline-outbox", 1);
  opening.onupgradeneeded = () => {
    opening.result.createObjectStore("entries", {keyPath: "key"});
    opening.result.createObjectStore("meta", {keyPath: "name"});
  };
  opening.onsuccess = () => {
    const db = opening.result;
    const put = db.transaction("entries", "readwrite");
    put.objectStore("entries").put(entry);
    put.oncomplete = () => { db.close(); resolve(); };
    put.onerror = () => reject(put.error);
  };
  opening.onerror = () => reject(opening.error);
})"""


def test_a_result_queued_before_photos_existed_is_kept_and_sent_after_the_update(phone, field):
    email, route = inspector_with_route(field, 1)
    [(account,)] = rows(field.database_url, "SELECT id FROM account WHERE email = ?", email)
    stop = route[0]
    key = "0c9a4c2e-6f1d-4d8e-9a55-1d3b0f3e2a71"
    url = f"/inspector/inspections/{stop['id']}/result"
    # The phone as the version before photos left it: database version 1, one result waiting.
    phone.page.goto("/sign-in")
    phone.page.evaluate(V1_QUEUE, [{
        "key": key, "url": url, "page": f"/inspector/inspections/{stop['id']}",
        "fields": [["idempotency_key", key], ["result", "Approved"], ["public_notes", "Done"],
                   ["entered_at", "2026-12-04T16:30:00.000Z"]],
        "label": f"145 Roof Nailing at {stop['address']}", "account": account,
        "status": "queued", "attempts": 0, "nextAttempt": 0, "created": 1, "stamp": "v1"}])
    sign_in_as(phone, email, PASSWORD)
    page = InspectorPage(phone)
    page.wait_for_worker()
    expect(page.news).to_contain_text("Synced 1 result.")
    assert results_of(field, route) == [(stop["id"], "Completed", "Approved")]
    assert phone.page.evaluate("""() => indexedDB.databases().then((all) => all.find(
        (db) => db.name === "permitline-outbox").version)""") == 2
    assert page.queued() == [] and on_device(page) == [], "the photos' store is there, empty"
    phone.check()
