"""Photos from the field (issue 17 §1): checked by their contents, kept upright without their
location but with their time, stored once a key, and shown only to those who may see them."""
from __future__ import annotations

import os
import uuid
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from PIL import Image

from db.engines import fetch_rows
from domain.accounts import Role
from domain.photos import DAMAGED, FULL, KEY_REUSED, NOT_A_PHOTO, NOT_YOURS, TOO_MANY_PIXELS
from tests.unit.photo_images import TAKEN, camera_jpeg, huge_png, stored_exif, transparent_png
from tests.unit.web.inspection_journeys import on_inspection_day
from tests.unit.web.inspector.test_inspector import booked_inspection, result_form, signed_in_as
from tests.unit.web.journeys import csrf, verified_contractor

JPEG = "image/jpeg"


def send(client, inspection_id: int, data: bytes, key: str | None = None, name: str = "a.jpg",
         **fields):
    """What the device's queue sends: one photo, its own key, the token in a header."""
    return client.post(f"/inspector/inspections/{inspection_id}/photos", data=fields,
                       files={"photos": (name, data, JPEG)}, headers={
                           "Idempotency-Key": key or str(uuid.uuid4()), "HX-Request": "true",
                           "X-CSRF-Token": csrf(client)})


def photo_rows(portal, inspection_id: int) -> list[tuple]:
    return fetch_rows(portal.url, "SELECT id, key, caption, taken_at, file_name, thumb_name,"
                                  " width, height FROM inspection_photo WHERE inspection ="
                                  f" {inspection_id} ORDER BY id")


def stored(portal, name: str) -> bytes:
    with open(os.path.join(portal.app.state.settings.upload_dir, "photos", name), "rb") as file:
        return file.read()


def kept_files(portal) -> set[str]:
    directory = os.path.join(portal.app.state.settings.upload_dir, "photos")
    return set(os.listdir(directory)) if os.path.isdir(directory) else set()


def test_a_photo_is_kept_upright_without_its_location_but_with_the_time_it_was_taken(clock):
    number, inspection_id, _ = booked_inspection(clock)
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    key = str(uuid.uuid4())
    original = camera_jpeg((1200, 900), orientation=6)
    assert stored_exif(original)[2], "the photo as taken carries a position"
    sent = send(inspector, inspection_id, original, key, caption="  Ridge   underlayment ")
    assert sent.status_code == 201 and sent.headers["idempotency-key"] == key
    [(photo_id, photo_key, caption, taken_at, file_name, thumb_name, width, height)] = \
        photo_rows(clock, inspection_id)
    assert sent.text.startswith(f'<li id="photo-{photo_id}" class="photo">')
    assert (photo_key, caption) == (f"{inspector_id}:{key}", "Ridge underlayment")
    kept = stored(clock, file_name)
    main, when, gps = stored_exif(kept)
    assert gps == {} and main == {0x8769: main[0x8769]}, "no position, camera or orientation"
    assert when == {0x9003: TAKEN, 0x9011: "-08:00"}
    assert datetime.fromisoformat(str(taken_at)) == datetime(2026, 11, 30, 9, 41, 7,
                                                             tzinfo=ZoneInfo("Etc/GMT+8"))
    small = stored(clock, thumb_name)
    with Image.open(BytesIO(kept)) as photo, Image.open(BytesIO(small)) as thumb:
        # Turned as the camera said (orientation 6: a quarter turn): the mark is top right.
        assert (photo.format, photo.size, (width, height)) == ("JPEG", (900, 1200), (900, 1200))
        assert photo.getpixel((880, 20))[0] > 240 and photo.getpixel((20, 20))[0] < 200
        assert (thumb.format, thumb.size, stored_exif(small)) == (
            "JPEG", (240, 320), ({}, {}, {}))
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    history = staff.get(f"/permits/{number}/history").text
    assert "photo added" in history and "caption: Ridge underlayment" in history
    assert fetch_rows(clock.url, "SELECT subject FROM audit_event WHERE action = 'photo added'"
                                 f" AND subject = 'inspection {inspection_id}'") == [
        (f"inspection {inspection_id}",)]


def test_a_photo_sent_again_is_stored_once_and_its_key_on_another_photo_is_refused(clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    key, photo = str(uuid.uuid4()), camera_jpeg()
    first = send(inspector, inspection_id, photo, key, caption="Vent", taken_at="")
    files = kept_files(clock)
    again = send(inspector, inspection_id, photo, key, caption="Vent", taken_at="")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["idempotency-replayed"] == "true" and again.text == first.text
    assert again.headers["idempotency-key"] == key
    assert len(photo_rows(clock, inspection_id)) == 1 and kept_files(clock) == files
    other = send(inspector, inspection_id, camera_jpeg(shade=40), key, caption="Vent")
    assert other.status_code == 422 and other.headers["idempotency-key-reused"] == "true"
    assert other.headers["permitline-refused"] == "photo"
    assert other.text == f'<p class="error-text">{KEY_REUSED}</p>'.replace("'", "&#39;")
    assert len(photo_rows(clock, inspection_id)) == 1 and kept_files(clock) == files
    missing = send(inspector, 99999999, photo)
    assert missing.status_code == 404 and missing.headers["permitline-missing"] == "inspection"


def test_a_png_is_taken_and_what_is_not_a_photo_is_refused_with_the_reason(clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    # A PNG has no camera time: the device's stamp says when it was taken.
    png = send(inspector, inspection_id, transparent_png(), name="plan.png",
               taken_at="2026-12-01T09:55:00-08:00")
    assert png.status_code == 201
    [row] = photo_rows(clock, inspection_id)
    assert datetime.fromisoformat(str(row[3])) == datetime.fromisoformat(
        "2026-12-01T09:55:00-08:00")
    with Image.open(BytesIO(stored(clock, row[4]))) as kept:
        assert (kept.format, kept.mode, kept.getpixel((5, 5))) == ("JPEG", "RGB", (255, 255, 255))
    files = kept_files(clock)
    jpeg = camera_jpeg()
    for data, reason in ((b"Meeting notes: bring the ladder.\n" * 40, NOT_A_PHOTO),
                         (jpeg[:len(jpeg) // 2], DAMAGED), (huge_png(), TOO_MANY_PIXELS)):
        refused = send(inspector, inspection_id, data, name="photo.jpg")
        assert refused.status_code == 422, reason
        assert refused.headers["permitline-refused"] == "photo"
        assert reason.replace("'", "&#39;") in refused.text
        assert "idempotency-key-reused" not in refused.headers
    assert len(photo_rows(clock, inspection_id)) == 1 and kept_files(clock) == files


def test_without_javascript_photos_are_added_ten_at_a_time_up_to_forty(clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    page = inspector.get(f"/inspector/inspections/{inspection_id}")
    assert 'id="photo-form"' in page.text and 'enctype="multipart/form-data"' in page.text
    small = [("photos", (f"p{n}.jpg", camera_jpeg((64, 48), shade=n), JPEG)) for n in range(10)]
    for round_ in range(4):
        key = inspector.get(f"/inspector/inspections/{inspection_id}").context["photo_key"]
        added = inspector.post(f"/inspector/inspections/{inspection_id}/photos", data={
            "csrf_token": csrf(inspector), "idempotency_key": key, "caption": f"Round {round_}"},
            files=small, follow_redirects=False)
        assert added.status_code == 303, added.text[:300]
        landed = inspector.get(added.headers["location"])
        assert landed.context["photos_added"] == "10 photos added to this inspection."
    assert len(landed.context["photos"]) == 40 and landed.text.count('class="photo"') == 40
    assert inspector.get(f"/inspector/inspections/{inspection_id}?added={key}x"
                         ).context["photos_added"] == "", "the address bar alone says nothing"
    full = send(inspector, inspection_id, camera_jpeg((64, 48), shade=99))
    assert full.status_code == 422 and FULL in full.text
    too_many = inspector.post(f"/inspector/inspections/{inspection_id}/photos", data={
        "csrf_token": csrf(inspector), "idempotency_key": str(uuid.uuid4()),
        "caption": "x" * 201}, files=small[:1])
    assert too_many.status_code == 422
    assert 'href="#f-caption">Keep the caption to 200 characters; this one has 201.' in \
        too_many.text
    assert 'value="' + "x" * 201 + '"' in too_many.text, "what was typed stays"
    assert len(photo_rows(clock, inspection_id)) == 40


def test_without_javascript_a_result_s_photos_are_stored_with_it_once(clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    files = kept_files(clock)
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)
    url = f"/inspector/inspections/{inspection_id}/result"
    two = [("photos", ("a.jpg", camera_jpeg(shade=1), JPEG)),
           ("photos", ("b.jpg", camera_jpeg(shade=2), JPEG))]
    refused = inspector.post(url, data={**shown, "result": "Corrections required",
                                        "caption": "Torn felt"}, files=two)
    assert refused.status_code == 422 and 'value="Torn felt"' in refused.text
    assert "Choose the photos again: a browser cannot keep them" in refused.text
    assert photo_rows(clock, inspection_id) == [] and kept_files(clock) == files
    entry = {**shown, "result": "Approved", "public_notes": "Good", "caption": "Ridge"}
    recorded = inspector.post(url, data=entry, files=two, follow_redirects=False)
    assert recorded.status_code == 303
    rows = photo_rows(clock, inspection_id)
    assert [(row[1], row[2]) for row in rows] == [
        (f"{inspector_id}:{shown['idempotency_key']}-{n}", "Ridge") for n in (1, 2)]
    again = inspector.post(url, data=entry, files=two, follow_redirects=False)
    assert again.status_code == 303 and again.headers["idempotent-replayed"] == "true"
    assert photo_rows(clock, inspection_id) == rows and len(kept_files(clock)) == len(files) + 4
    other = inspector.post(url, data=entry, files=two[:1])
    assert other.status_code == 422 and "already sent with other contents" in other.text
    stop = inspector.get(f"/inspector/inspections/{inspection_id}")
    assert [photo.id for photo in stop.context["photos"]] == [row[0] for row in rows]
    assert 'id="photo-form"' in stop.text, "a resulted stop takes more photos"


def test_only_staff_inspectors_and_the_permit_s_contacts_see_a_photo(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    send(inspector, inspection_id, camera_jpeg(), caption="Flashing")
    [(photo_id, *_)] = photo_rows(clock, inspection_id)
    addresses = (f"/inspections/photos/{photo_id}", f"/inspections/photos/{photo_id}/thumb")
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    for client in (contractor, inspector, staff):
        for address in addresses:
            seen = client.get(address)
            assert seen.status_code == 200 and seen.headers["content-type"] == JPEG
            assert seen.headers["cache-control"] == "private, max-age=86400"
            assert seen.headers["x-content-type-options"] == "nosniff"
        assert f'href="{addresses[0]}"' in client.get(f"/permits/{number}/inspections").text
    stranger, _ = verified_contractor(clock, "1023456")
    anonymous = clock.client()
    for address in (*addresses, f"/inspections/photos/{photo_id + 1000}"):
        assert stranger.get(address).status_code == 404
        signed_out = anonymous.get(address, follow_redirects=False)
        assert signed_out.status_code == 303 and signed_out.headers["location"].startswith(
            "/sign-in")
    for client in (stranger, anonymous):
        for address in (f"/permits/{number}", f"/permits/{number}/inspections"):
            assert "/inspections/photos/" not in client.get(address).text


def test_photos_of_an_inspection_assigned_to_another_inspector_are_refused(clock):
    """Second reader: any inspector could add photos to another's stop; now as for its result
    (domain.inspection_results.conflict_reason): its inspector, anyone while nobody holds it,
    and staff."""
    _, inspection_id, _ = booked_inspection(clock)
    holder, holder_id = signed_in_as(clock, Role.INSPECTOR, "Ingrid Halvorsen")
    other, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    assert staff.post(f"/staff/inspections/{inspection_id}/assign", data={
        "csrf_token": csrf(staff), "inspector": str(holder_id)},
        follow_redirects=False).status_code == 303
    on_inspection_day(clock)
    refused = send(other, inspection_id, camera_jpeg())
    assert refused.status_code == 422 and NOT_YOURS in refused.text
    assert send(holder, inspection_id, camera_jpeg()).status_code == 201
    assert send(staff, inspection_id, camera_jpeg()).status_code == 201
    assert len(photo_rows(clock, inspection_id)) == 2
