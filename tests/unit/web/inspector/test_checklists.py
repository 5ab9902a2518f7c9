"""A stop's checklist (issue 17 §2): items marked passed, failed or N/A give the result; failed
ones reach the contractor as corrections with their code sections, on the permit's Inspections
tab and in the e-mail; another result needs a reason; the library is in the page."""
from __future__ import annotations

import json
import re
import uuid

from db.engines import fetch_rows
from domain.accounts import Role
from domain.audit_subjects import inspection_subject
from tests.unit.test_support import conflicts_page_with
from tests.unit.web.inspection_journeys import form, on_inspection_day, ready_permit
from tests.unit.web.inspector.test_inspector import result_form, signed_in_as
from tests.unit.web.journeys import csrf, verified_contractor

# The 145 Re-roof Underlayment checklist of the first version (db/rules/inspection_checklists).
TORN_OFF, SHEATHING, UNDERLAYMENT, FLASHING, DRIP_EDGE, FIRE_CLASS = (
    "item-crc-r908-3", "item-crc-r908-3-2", "item-crc-r905-1-1", "item-crc-r903-2",
    "item-crc-r905-2-8-5", "item-crc-r902-1")
EVERY = (TORN_OFF, SHEATHING, UNDERLAYMENT, FLASHING, DRIP_EDGE, FIRE_CLASS)
FIRST_CORRECTION = ("CRC R908.3 — Roof replacement: existing layers removed down to the roof "
                    "deck. Second layer left on the north slope.")
SECOND_CORRECTION = ("CRC R905.1.1 — Underlayment: type, laps and fastening as the roof "
                     "covering requires.")


def booked(portal):
    """A 145 inspection booked by a contractor (whose e-mail receives its notices), and the
    inspector signed in on its day."""
    contractor, email = verified_contractor(portal, "1012345")
    number = ready_permit(portal)
    location = contractor.post(f"/permits/{number}/inspections/request", data=form(contractor),
                               follow_redirects=False).headers["location"]
    inspection_id = int(location.split("/")[2].split("?")[0])
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(portal)
    return number, inspection_id, contractor, email, inspector


def resulted_events(portal, inspection_id: int) -> list[tuple[str]]:
    """The after of each "inspection resulted" event of the inspection."""
    return fetch_rows(portal.url, "SELECT after FROM audit_event WHERE action = 'inspection "
                      f"resulted' AND subject = '{inspection_subject(inspection_id)}'")


def two_failed(**changes) -> dict[str, str]:
    marks = {TORN_OFF: "failed", f"{TORN_OFF}-words": "Second layer left on the north slope.",
             UNDERLAYMENT: "failed", SHEATHING: "passed", FLASHING: "passed",
             DRIP_EDGE: "passed", FIRE_CLASS: "na"}
    return {**marks, **changes}


def test_two_failed_items_are_the_contractors_two_corrections_with_their_code_sections(clock):
    number, inspection_id, contractor, email, inspector = booked(clock)
    stop = inspector.get(f"/inspector/inspections/{inspection_id}")
    assert [name for _, name in stop.context["checklist"]] == list(EVERY)
    assert 'name="item-crc-r908-3" value="failed"' in stop.text
    assert 'id="f-item-crc-r908-3-words"' in stop.text and "corrections_library.js" in stop.text
    assert stop.text.index('id="checklist"') < stop.text.index('id="f-result"')
    assert 'data-code="CRC R314"' in stop.text, "the whole library is in the page, offline too"
    # No result chosen: the checklist gives it.
    recorded = inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        **result_form(inspector, inspection_id), **two_failed()}, follow_redirects=False)
    assert recorded.status_code == 303
    [(result, stored, reason)] = fetch_rows(
        clock.url, f"SELECT result, checklist, override_reason FROM inspection WHERE id = "
                   f"{inspection_id}")
    assert (result, reason) == ("Corrections required", "")
    assert [(i["id"], i["state"]) for i in json.loads(stored)] == [
        (TORN_OFF[5:], "failed"), (SHEATHING[5:], "passed"), (UNDERLAYMENT[5:], "failed"),
        (FLASHING[5:], "passed"), (DRIP_EDGE[5:], "passed"), (FIRE_CLASS[5:], "na")]

    tab = contractor.get(f"/permits/{number}/inspections")
    [shown] = [i for i in tab.context["rows"] if i.id == inspection_id]
    assert shown.corrections == (FIRST_CORRECTION, SECOND_CORRECTION)
    assert "Corrections (2)" in tab.text
    assert f"<li>{FIRST_CORRECTION}</li><li>{SECOND_CORRECTION}</li>" in tab.text
    assert "CRC R908.3" not in clock.client().get(f"/permits/{number}/inspections").text, (
        "for the permit's contacts, like the notes for the contractor")
    [(subject, body)] = [m for m in clock.mail_to(email) if "resulted" in m[1]]
    assert subject.endswith("inspection Corrections required")
    assert f"Corrections:\n- {FIRST_CORRECTION}\n- {SECOND_CORRECTION}" in body
    resulted = inspector.get(f"/inspector/inspections/{inspection_id}")
    assert resulted.context["stop"].corrections == (FIRST_CORRECTION, SECOND_CORRECTION)
    assert f"<li>{SECOND_CORRECTION}</li>" in resulted.text
    [(after,)] = resulted_events(clock, inspection_id)
    assert "failed items: 2: CRC R908.3, CRC R905.1.1" in after


def test_another_result_needs_a_reason_and_without_one_everything_typed_comes_back(clock):
    number, inspection_id, contractor, _, inspector = booked(clock)
    shown = result_form(inspector, inspection_id)
    entry = {**shown, **two_failed(), "result": "Approved", "public_notes": "Looks done",
             "private_notes": "Owner on site"}
    refused = inspector.post(f"/inspector/inspections/{inspection_id}/result", data=entry)
    assert refused.status_code == 422
    assert refused.context["errors"] == {"override_reason": (
        "The checklist gives “Corrections required”. To record “Approved” instead, say why "
        "in Override the derived result.")}
    assert 'href="#f-override_reason"' in refused.text
    assert 'value="Second layer left on the north slope."' in refused.text
    for name, state in two_failed().items():
        if not name.endswith("-words"):
            assert f'id="{name}-{state}" name="{name}" value="{state}" checked' in refused.text
    assert 'value="Approved" checked' in refused.text and "Owner on site" in refused.text
    assert "The checklist gives “Corrections required”." in refused.text
    assert refused.context["values"]["idempotency_key"] == shown["idempotency_key"]
    recorded = inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        **entry, "override_reason": "Second layer removed while I was there"},
        follow_redirects=False)
    assert recorded.status_code == 303
    assert fetch_rows(clock.url, "SELECT result, override_reason FROM inspection WHERE id = "
                                  f"{inspection_id}") == [
        ("Approved", "Second layer removed while I was there")]
    [(after,)] = resulted_events(clock, inspection_id)
    assert "override reason: Second layer removed while I was there" in after
    assert FIRST_CORRECTION in contractor.get(f"/permits/{number}/inspections").text


def test_an_item_not_on_the_checklist_is_not_read_and_hostile_marks_are_refused(clock):
    _, inspection_id, _, _, inspector = booked(clock)
    shown = result_form(inspector, inspection_id)
    url = f"/inspector/inspections/{inspection_id}/result"
    hostile = inspector.post(url, data={
        **shown, TORN_OFF: "<script>alert(1)</script>", "result": "Approved",
        f"{UNDERLAYMENT}-words": "<img src=x onerror=alert(1)>", "override_reason": "x" * 301})
    assert hostile.status_code == 422
    assert hostile.context["errors"] == {
        TORN_OFF: "Choose Passed, Failed or N/A.",
        UNDERLAYMENT: "Mark this item Passed, Failed or N/A, or clear your words.",
        "override_reason": "Keep the reason to 300 characters; it has 301."}
    assert "<script>alert" not in hostile.text and "<img src=x" not in hostile.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile.text, "kept, as typed"
    approved = inspector.post(url, data={
        **shown, "result": "Approved", "item-not-on-this-list": "failed",
        "item-crc-r314": "failed", **{name: "passed" for name in EVERY}}, follow_redirects=False)
    assert approved.status_code == 303
    [(result, stored)] = fetch_rows(clock.url, "SELECT result, checklist FROM inspection "
                                                f"WHERE id = {inspection_id}")
    assert result == "Approved"
    assert {i["id"] for i in json.loads(stored)} == {name[5:] for name in EVERY}


def test_the_result_queue_replays_a_checklist_once_and_other_marks_are_other_contents(clock):
    _, inspection_id, _, _, inspector = booked(clock)
    shown = result_form(inspector, inspection_id)
    key = str(uuid.uuid4())
    queue = {"HX-Request": "true", "Idempotency-Key": key, "X-CSRF-Token": shown["csrf_token"]}
    url = f"/inspector/inspections/{inspection_id}/result"
    entry = {**shown, **two_failed(), "entered_at": "2026-12-02T17:20:00Z"}
    first = inspector.post(url, data=entry, headers=queue)
    assert first.status_code == 200 and "Recorded:" in first.text
    again = inspector.post(url, data={**entry, "entered_at": "2026-12-02T17:21:00Z"},
                           headers=queue)
    assert again.headers["idempotent-replayed"] == "true" and again.text == first.text
    other = inspector.post(url, data={**entry, UNDERLAYMENT: "passed"}, headers=queue)
    assert other.status_code == 422 and "already sent with other contents" in other.text
    assert len(resulted_events(clock, inspection_id)) == 1


def test_a_checklist_kept_for_a_supervisor_is_recorded_with_its_corrections(clock):
    number, inspection_id, contractor, _, inspector = booked(clock)
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    other, other_id = signed_in_as(clock, Role.INSPECTOR, "Kofi Mensah-Park")
    shown = result_form(inspector, inspection_id)
    staff.post(f"/staff/inspections/{inspection_id}/assign",
               data={"csrf_token": csrf(staff), "inspector": str(other_id)})
    kept = inspector.post(f"/inspector/inspections/{inspection_id}/result",
                          data={**shown, **two_failed()}, follow_redirects=False)
    assert kept.status_code == 303
    _, [waiting] = conflicts_page_with(staff, inspection_id)
    assert [i.state for i in waiting.entry.checklist][:3] == ["failed", "passed", "failed"]
    staff.post(f"/staff/conflicts/{waiting.id}/resolve", data={
        "csrf_token": csrf(staff), "decision": "record", "note": "Rosa did go"})
    assert fetch_rows(clock.url, f"SELECT result FROM inspection WHERE id = {inspection_id}"
                      ) == [("Corrections required",)]
    page = contractor.get(f"/permits/{number}/inspections").text
    assert FIRST_CORRECTION in page and SECOND_CORRECTION in page


def test_the_stop_page_is_compact_markup_without_inline_script_or_style(clock):
    _, inspection_id, _, _, inspector = booked(clock)
    page = inspector.get(f"/inspector/inspections/{inspection_id}").text
    form = page[page.index('id="checklist"'):page.index('id="f-result"')]
    assert "style=" not in form and "<script" not in form and "onclick" not in form
    assert len(re.findall(r'type="radio"', form)) == 3 * len(EVERY)
    assert len(re.findall(r'data-correction-target="your words on', form)) == len(EVERY)
    # The search box and its status are only for JavaScript; the list is for everyone.
    assert re.search(r'<div class="field" data-library-js hidden>', form)


def test_the_checklist_pages_are_valid_html_in_each_state(clock, tmp_path):
    """The stop with its checklist and library (fresh and refused), the resulted stop and the
    contractor's tab with corrections, and the editor refused."""
    from tests.unit.web.test_html_validity import nu_errors

    number, inspection_id, contractor, _, inspector = booked(clock)
    url = f"/inspector/inspections/{inspection_id}"
    fresh = inspector.get(url).text
    refused = inspector.post(f"{url}/result", data={
        **result_form(inspector, inspection_id), **two_failed(), TORN_OFF: "x",
        "result": "Approved"})
    assert refused.status_code == 422 and f'href="#f-{TORN_OFF}"' in refused.text
    inspector.post(f"{url}/result", data={**result_form(inspector, inspection_id),
                                          **two_failed()})
    boss, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    editor = boss.post("/staff/rules/checklists", data={
        "csrf_token": csrf(boss), "effective": "2020-01-01", "checklist-145": "no bar"})
    assert editor.status_code == 422
    pages = {"stop": fresh, "stop-refused": refused.text,
             "stop-resulted": inspector.get(url).text,
             "tab": contractor.get(f"/permits/{number}/inspections").text,
             "editor-refused": editor.text}
    assert "Corrections (2)" in pages["tab"] and "Corrections (2)" in pages["stop-resulted"]
    assert nu_errors(pages, tmp_path) == []
