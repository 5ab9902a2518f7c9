"""The server side of inspector mode offline: what the device saves, the fragments the result queue
and htmx get, and what never reaches a device it should not."""
from __future__ import annotations

import json
import re
import uuid

from db.engines import fetch_rows
from db.tables import IdempotencyRecord
from domain.accounts import Role
from tests.unit.web.inspection_journeys import THURSDAY, WEDNESDAY, form, on_inspection_day
from tests.unit.web.inspector.test_inspector import booked_inspection, result_form, signed_in_as
from tests.unit.web.journeys import csrf
from web.service_worker import ANY_ID

JSON = {"Accept": "application/json"}


def assigned(portal, inspection_id: int, inspector_id: int) -> None:
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    assert staff.post(f"/staff/inspections/{inspection_id}/assign", data={
        "csrf_token": csrf(staff), "inspector": str(inspector_id)},
        follow_redirects=False).status_code == 303


def test_the_device_saves_today_the_next_working_day_and_each_of_their_stops(clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    other, other_id = signed_in_as(clock, Role.INSPECTOR, "Kofi Mensah-Park")
    assigned(clock, inspection_id, inspector_id)
    saved = inspector.get("/inspector/saved-pages", headers=JSON)
    assert "no-store" in saved.headers["cache-control"]
    assert saved.json() == {
        "account": inspector_id, "csrf": inspector.cookies.get("__Host-csrf"),
        "pages": ["/inspector", "/inspector?day=2026-12-01",
                  f"/inspector?day={WEDNESDAY.isoformat()}",
                  f"/inspector/inspections/{inspection_id}"],
    }
    theirs = other.get("/inspector/saved-pages", headers=JSON).json()
    assert theirs["account"] == other_id
    assert f"/inspector/inspections/{inspection_id}" not in theirs["pages"]
    assert clock.client().get("/inspector/saved-pages", headers=JSON).status_code == 401
    contractor = booked_inspection(clock)[2]
    assert contractor.get("/inspector/saved-pages", headers=JSON).status_code == 403


def test_the_route_shows_each_stops_access_notes_and_its_permits_earlier_inspections(clock):
    number, first_id, contractor = booked_inspection(clock)
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    assigned(clock, first_id, inspector_id)
    on_inspection_day(clock)
    inspector.post(f"/inspector/inspections/{first_id}/result", data={
        **result_form(inspector, first_id), "result": "Approved",
        "public_notes": "Underlayment lapped correctly"})
    location = contractor.post(f"/permits/{number}/inspections/request", data=form(
        contractor, type="195", day=THURSDAY.isoformat(), notes="Gate code 4411#"),
        follow_redirects=False).headers["location"]
    final_id = int(location.split("/")[2].split("?")[0])
    assigned(clock, final_id, inspector_id)
    assert inspector.get(f"/inspector?day={WEDNESDAY.isoformat()}").context["earlier"][
        first_id][0].type_code == "195"
    route = inspector.get(f"/inspector?day={THURSDAY.isoformat()}")
    assert route.context["earlier"][final_id][0].type_code == "145"
    assert f"Earlier inspections of {number} (1)" in route.text
    assert "On-site notes and access codes: Gate code 4411#" in route.text
    assert 'data-page="route"' in route.text and f'data-account="{inspector_id}"' in route.text


def test_htmx_and_the_result_queue_get_the_form_back_with_their_key_and_a_reused_key_is_marked(
        clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)
    url = f"/inspector/inspections/{inspection_id}/result"
    key = str(uuid.uuid4())
    replay = {"HX-Request": "true", "Idempotency-Key": key, "X-CSRF-Token": shown["csrf_token"]}
    refused = inspector.post(url, data={"revision": shown["revision"], "idempotency_key": key,
                                        "result": "Corrections required",
                                        "private_notes": "Dog in the yard"}, headers=replay)
    assert refused.status_code == 422
    assert refused.template.name == "inspector/_result_form.html"
    assert "Idempotency-Key-Reused" not in refused.headers
    assert refused.text.startswith('<div id="result-entry">')
    assert f'name="idempotency_key" value="{key}"' in refused.text
    assert 'data-keyed="yes"' in refused.text, "a corrected resubmission keeps its key"
    assert "Dog in the yard" in refused.text
    assert "Tell the contractor what to correct" in refused.text
    entry = {"revision": shown["revision"], "result": "Approved", "public_notes": "All good"}
    recorded = inspector.post(url, data=entry, headers=replay)
    assert recorded.status_code == 200 and recorded.headers["idempotency-key"] == key
    assert recorded.text.startswith('<div id="result-entry"')
    assert 'href="/inspector?day=2026-12-02">Back to the route' in recorded.text
    reused = inspector.post(url, data={**entry, "result": "Not ready"}, headers=replay)
    assert reused.status_code == 422 and reused.headers["idempotency-key-reused"] == "true"
    assert "already sent with other contents" in reused.text
    assert fetch_rows(clock.url, f"SELECT result FROM inspection WHERE id = {inspection_id}"
                      ) == [("Approved",)]


def test_htmx_without_the_worker_gets_the_fragment_for_the_key_in_its_form(clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)
    recorded = inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        **shown, "result": "Approved"}, headers={"HX-Request": "true"})
    assert recorded.status_code == 200 and "Recorded:" in recorded.text
    assert recorded.headers["idempotency-key"] == shown["idempotency_key"]


def test_the_outcome_is_stored_as_data_and_every_replay_gets_the_first_answer(clock):
    """Issue 15: no page is rendered inside the result's transaction; the record keeps the
    outcome's facts, and the answer is rendered from them the first time and on each replay."""
    _, inspection_id, _ = booked_inspection(clock)
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    _, other_id = signed_in_as(clock, Role.INSPECTOR, "Sam Okafor")
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)
    assigned(clock, inspection_id, other_id)  # reassigned since the page: kept, not recorded
    key = str(uuid.uuid4())
    outbox = {"HX-Request": "true", "Idempotency-Key": key, "X-CSRF-Token": shown["csrf_token"]}
    url, entry = f"/inspector/inspections/{inspection_id}/result", {
        "revision": shown["revision"], "result": "Approved"}
    first = inspector.post(url, data=entry, headers=outbox)
    assert first.status_code == 200 and "Kept for a supervisor:" in first.text
    assert "145 Re-roof Underlayment at 123 Kings Rd." in first.text
    [(body, location)] = fetch_rows(clock.url, "SELECT body, location FROM idempotency_record "
                                               f"WHERE key = '{inspector_id}:{key}'")
    facts = json.loads(body)
    assert (facts["inspection"], facts["outcome"], location) == (inspection_id, "kept", "")
    assert facts["reason"] and facts["reason"] in first.text and "<" not in body
    for _ in range(2):
        replay = inspector.post(url, data=entry, headers=outbox)
        assert (replay.status_code, replay.text) == (first.status_code, first.text)
        assert replay.headers["idempotency-key"] == key
        assert replay.headers["idempotent-replayed"] == "true"
    assert fetch_rows(clock.url, "SELECT count(*) FROM result_conflict WHERE inspection = "
                                 f"{inspection_id}") == [(1,)], "kept once"
    # A record stored before (the page itself) is answered as it is until it expires.
    page = '<div id="result-entry">Kept</div>'
    IdempotencyRecord.update({IdempotencyRecord.body: page}).where(
        IdempotencyRecord.key == f"{inspector_id}:{key}").run_sync()
    earlier = inspector.post(url, data=entry, headers=outbox)
    assert (earlier.status_code, earlier.text) == (200, page)


def test_the_offline_page_and_the_worker_carry_nobodys_details(clock):
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    offline = inspector.get("/inspector/offline")
    assert offline.status_code == 200
    assert "This page is not saved on this device" in offline.text
    assert "Rosa" not in offline.text and "Sign out" not in offline.text
    assert inspector.cookies.get("__Host-csrf") not in offline.text
    worker = inspector.get("/sw.js").text
    assert 'const OFFLINE_PAGE = "/inspector/offline";' in worker
    scripts = re.findall(r'"(/static/js/[a-z_]+\.js\?v=[0-9a-f]+)"',
                         re.search(r"importScripts\(([^)]*)\)", worker).group(1))
    assert [script.split("?")[0] for script in scripts] == [
        "/static/js/result_queue.js", "/static/js/result_sync.js", "/static/js/saved_route.js",
        "/static/js/photo_queue.js", "/static/js/photo_sync.js", "/static/js/photo_resize.js"]
    for script in scripts:
        assert inspector.get(script).status_code == 200
    assert "{{" not in worker and "{%" not in worker, "the template is rendered"
    # The paths are the routes': the patterns match them, and nothing else.
    result_post = re.search(r'const RESULT_POST = new RegExp\(("[^"]*")\);', worker).group(1)
    assert re.fullmatch(json.loads(result_post), "/inspector/inspections/42/result")
    assert not re.fullmatch(json.loads(result_post), "/inspector/inspections/42/results")
    assert 'const SAVED_PAGES = "/inspector/saved-pages";' in worker
    assert f'const PHOTO_POST = "/inspector/inspections/{ANY_ID}/photos";' in worker


def test_only_inspector_pages_load_the_offline_scripts_and_signing_out_is_a_full_page_load(
        clock):
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    assert "js/inspector.js" in inspector.get("/inspector").text
    assert "js/inspector.js" not in inspector.get("/account").text
    assert "js/inspector.js" not in clock.client().get("/").text
    # static/js/permitline.js drops the saved route on a page served to nobody signed in,
    # except on the offline page (served from the phone, it holds the device panel).
    assert "data-signed-in" in inspector.get("/account").text
    assert "data-signed-in" not in clock.client().get("/").text
    assert 'id="device"' in inspector.get("/inspector/offline").text
    signed_out = inspector.post("/sign-out", data={"csrf_token": csrf(inspector)},
                                headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert signed_out.status_code == 200 and signed_out.headers["hx-redirect"] == "/"
    assert inspector.get("/inspector", follow_redirects=False).status_code == 303


def test_a_missing_inspection_is_marked_for_the_result_queue_and_a_reused_key_is_replaced(clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)
    gone = inspector.post("/inspector/inspections/99999999/result", data={
        **shown, "result": "Approved"}, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert gone.status_code == 404 and gone.headers["permitline-missing"] == "inspection"
    assert "permitline-missing" not in clock.client().get("/nowhere").headers
    key = str(uuid.uuid4())
    replay = {"HX-Request": "true", "Idempotency-Key": key}
    url = f"/inspector/inspections/{inspection_id}/result"
    inspector.post(url, data={**shown, "result": "Approved"}, headers=replay)
    reused = inspector.post(url, data={**shown, "result": "Approved", "public_notes": "Other"},
                            headers=replay)
    assert reused.status_code == 422 and reused.headers["idempotency-key-reused"] == "true"
    assert key not in reused.text and 'data-keyed="yes"' not in reused.text, (
        "a new key: entering it again is a new submission, not the reused one")


def test_a_key_replayed_against_another_inspection_is_refused_and_records_nothing(clock):
    _, first_id, _ = booked_inspection(clock)
    _, second_id, _ = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    shown = result_form(inspector, first_id)
    key = str(uuid.uuid4())
    replay = {"HX-Request": "true", "Idempotency-Key": key, "X-CSRF-Token": shown["csrf_token"]}
    entry = {"revision": "0", "result": "Approved", "public_notes": "Fastened per plan"}
    first = inspector.post(f"/inspector/inspections/{first_id}/result", data=entry,
                           headers=replay)
    assert first.status_code == 200 and "Recorded:" in first.text
    other = inspector.post(f"/inspector/inspections/{second_id}/result", data=entry,
                           headers=replay)
    assert other.status_code == 422, "never 200 'Recorded' for the first inspection"
    assert other.headers["idempotency-key-reused"] == "other-target", "kept as rejected"
    assert "idempotency-key" not in other.headers, "not an echo: the device keeps the entry"
    assert "already used for another inspection, so it was not recorded" in other.text
    assert f"/inspector/inspections/{second_id}/result" in other.text, "its own form"
    assert key not in other.text and "Fastened per plan" in other.text, (
        "a new key, the entry's values kept: recorded again, it is a new submission")
    assert fetch_rows(clock.url, f"SELECT id, result FROM inspection WHERE id IN ({first_id}, "
                                 f"{second_id}) ORDER BY id") == [(first_id, "Approved"),
                                                                  (second_id, None)]
    replay = inspector.post(f"/inspector/inspections/{first_id}/result", data=entry,
                            headers=replay)
    assert replay.headers["idempotent-replayed"] == "true", "its own target still replays"
