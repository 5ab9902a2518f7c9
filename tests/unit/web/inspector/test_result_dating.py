"""Results are dated and credited truthfully (issue 14 §6): none before the inspection's day,
the time entered on the device kept beside the time it arrived, a supervisor's "Record it"
credited to the inspector, and statuses said once."""
from __future__ import annotations

import asyncio
import html
import re
import uuid
from datetime import datetime, timedelta

from db.engines import fetch_rows
from db.tables import Inspection
from domain.accounts import Role
from tests.unit.test_support import conflicts_page_with
from tests.unit.web.inspection_journeys import LA, WEDNESDAY_MORNING, on_inspection_day
from tests.unit.web.inspector.test_inspector import booked_inspection, result_form, signed_in_as
from tests.unit.web.journeys import csrf

FORM_TAG = re.compile(r"<form[^>]*data-outbox")


def outside_templates(html: str) -> str:
    return re.sub(r"<template.*?</template>", "", html, flags=re.S)


def test_a_stop_of_a_later_day_has_no_result_form_and_its_result_is_refused(clock):
    number, inspection_id, _ = booked_inspection(clock)  # Wednesday's, seen on Tuesday
    inspector, rosa = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    staff.post(f"/staff/inspections/{inspection_id}/assign",
               data={"csrf_token": csrf(staff), "inspector": str(rosa)})
    page = inspector.get(f"/inspector/inspections/{inspection_id}")
    assert page.context["waits"] == ("This inspection is on Wednesday 2 December 2026: its "
                                     "result can be recorded from that day.")
    assert not FORM_TAG.search(outside_templates(page.text)), "no form to tap by mistake"
    assert 'data-day="2026-12-02"' in page.text and 'data-zone="America/Los_Angeles"' in page.text
    url = f"/inspector/inspections/{inspection_id}/result"
    shown = result_form(inspector, inspection_id)
    key = str(uuid.uuid4())
    replay = {"HX-Request": "true", "Idempotency-Key": key, "X-CSRF-Token": shown["csrf_token"]}
    entry = {"revision": shown["revision"], "result": "Approved", "public_notes": "All good",
             "entered_at": "2026-12-01T18:00:00.000Z"}
    refused = inspector.post(url, data=entry, headers=replay)
    assert refused.status_code == 422 and "Idempotency-Key-Reused" not in refused.headers
    assert "This inspection is on Wednesday 2 December 2026" in refused.text, \
        "the result queue shows it"
    plain = inspector.post(url, data={**shown, "result": "Approved"}, follow_redirects=False)
    assert plain.status_code == 422 and "can be recorded from that day" in plain.text
    for unfinished in ({}, {"result": "Corrections required", "public_notes": ""}):
        early = inspector.post(url, data={**shown, **unfinished}, follow_redirects=False)
        assert early.status_code == 422
        summary = re.findall(r'<li><a href="#f-[a-z_]+">(.*?)</a>', early.text, re.S)
        assert "can be recorded from that day" in summary[0], (
            "the day is said first, before anything the inspector could correct")
        assert "Choose the result" not in early.text
    assert fetch_rows(clock.url, f"SELECT status, result FROM inspection WHERE id = "
                                 f"{inspection_id}") == [("Scheduled", None)]
    route = inspector.get("/inspector?day=2026-12-02").text.split("in route order")[1]
    assert "Its result can be recorded from Wednesday 2 December 2026." in route
    assert "Enter result" not in route and ">View<" in route, "to view, not to result"

    on_inspection_day(clock)  # the same entry, made again on the day, is recorded
    entry["entered_at"] = "2026-12-02T17:15:00.000Z"
    assert inspector.post(url, data=entry, headers=replay).status_code == 200
    assert fetch_rows(clock.url, f"SELECT status, result FROM inspection WHERE id = "
                                 f"{inspection_id}") == [("Completed", "Approved")]


def test_the_time_entered_on_the_device_is_kept_beside_the_time_it_arrived(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe")
    on_inspection_day(clock)  # 9:30 am; entered offline at 8:05 am
    entered = datetime(2026, 12, 2, 8, 5, tzinfo=LA)
    shown = result_form(inspector, inspection_id)
    url = f"/inspector/inspections/{inspection_id}/result"
    replay = {"HX-Request": "true", "Idempotency-Key": str(uuid.uuid4()),
              "X-CSRF-Token": shown["csrf_token"], "Outbox-Deferred": "1"}
    assert inspector.post(url, data={"revision": shown["revision"], "result": "Approved",
                                     "entered_at": entered.isoformat()},
                          headers=replay).status_code == 200
    again = inspector.post(url, data={"revision": shown["revision"], "result": "Approved",
                                      "entered_at": "2026-12-02T09:29:00-08:00"},
                           headers=replay)
    assert again.headers["idempotent-replayed"] == "true", (
        "re-recorded unchanged after its answer was lost: a replay, the first time kept")
    [(inspected, received)] = fetch_rows(clock.url, "SELECT inspected_at, received_at FROM "
                                                    f"inspection WHERE id = {inspection_id}")
    assert datetime.fromisoformat(str(inspected)) == entered
    assert datetime.fromisoformat(str(received)) == WEDNESDAY_MORNING
    history = staff.get(f"/permits/{number}/history")
    assert ("entered: Wednesday 2 December 2026, 8:05 AM PST; received: Wednesday 2 December "
            "2026, 9:30 AM PST") in history.text
    tab = contractor.get(f"/permits/{number}/inspections").text
    assert ("Wednesday 2 December 2026, 8:05 AM PST; reached the city Wednesday 2 December "
            "2026, 9:30 AM PST") in tab


def test_a_result_entered_before_its_day_or_ahead_of_the_citys_clock_is_refused(clock):
    _, inspection_id, _ = booked_inspection(clock)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)
    url = f"/inspector/inspections/{inspection_id}/result"
    replay = {"HX-Request": "true", "Idempotency-Key": str(uuid.uuid4()),
              "X-CSRF-Token": shown["csrf_token"]}
    entry = {"revision": shown["revision"], "result": "Approved"}
    queued_yesterday = inspector.post(url, data={
        **entry, "entered_at": "2026-12-01T16:00:00-08:00"}, headers=replay)
    assert queued_yesterday.status_code == 422
    assert "entered on Tuesday 1 December 2026, before the inspection's day" in html.unescape(
        queued_yesterday.text)
    ahead = (WEDNESDAY_MORNING + timedelta(minutes=20)).isoformat()
    fast = inspector.post(url, data={**entry, "entered_at": ahead}, headers=replay)
    assert fast.status_code == 422
    assert "clock is ahead of the city's time" in html.unescape(fast.text)
    assert fetch_rows(clock.url, f"SELECT status FROM inspection WHERE id = {inspection_id}"
                      ) == [("Scheduled",)]


def test_record_it_credits_the_inspector_and_the_supervisor_and_tells_the_inspector(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    inspector, rosa = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    other, kofi = signed_in_as(clock, Role.INSPECTOR, "Kofi Mensah-Park")
    for inspector_id in (rosa, kofi):  # Rosa's page is loaded, then it goes to Kofi
        if inspector_id == kofi:
            shown = result_form(inspector, inspection_id)
        staff.post(f"/staff/inspections/{inspection_id}/assign",
                   data={"csrf_token": csrf(staff), "inspector": str(inspector_id)})
    on_inspection_day(clock)
    entered = datetime(2026, 12, 2, 8, 5, tzinfo=LA)
    kept = inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        **shown, "result": "Approved", "public_notes": "All good",
        "entered_at": entered.isoformat()}, follow_redirects=False)
    assert kept.headers["location"].endswith(f"&sent={inspection_id}")
    queue, [waiting] = conflicts_page_with(staff, inspection_id)
    assert waiting.refusal is None and "Record it" in queue.text
    assert "Entered Wednesday 2 December 2026, 8:05 AM PST; reached the city" in queue.text
    clock.app.state.clock = lambda: WEDNESDAY_MORNING + timedelta(hours=3)
    clerk, _ = signed_in_as(clock, Role.STAFF, "Cal Clerk")
    read_only = clerk.get("/staff/conflicts").text
    assert f"/staff/conflicts/{waiting.id}/resolve" not in read_only, "no form for a clerk"
    assert "Only a supervisor decides: you can read the queue." in read_only
    refused = clerk.post(f"/staff/conflicts/{waiting.id}/resolve", data={
        "csrf_token": csrf(clerk), "decision": "record", "note": "Saw Rosa there"})
    assert refused.status_code == 403
    assert "Only a supervisor records or sets aside a result: nothing was changed." in (
        refused.text)
    assert "Your note, not saved: “Saw Rosa there”" in refused.text, "what was typed is kept"
    done = staff.post(f"/staff/conflicts/{waiting.id}/resolve", data={
        "csrf_token": csrf(staff), "decision": "record", "note": "Rosa did go"},
        follow_redirects=False)
    assert done.status_code == 303
    assert staff.get(done.headers["location"]).context["notice"] == (
        f"The 145 Re-roof Underlayment result for {number} was recorded on the permit; Rosa "
        "Delgado is being e-mailed.")
    assert staff.get("/staff/conflicts?decided=999999").context["notice"] == "", (
        "the address bar alone says nothing")

    [(inspector_name, approved_by, inspected, received)] = fetch_rows(clock.url, (
        "SELECT inspector, approved_by, inspected_at, received_at FROM inspection WHERE id = "
        f"{inspection_id}"))
    assert (inspector_name, approved_by) == ("Rosa Delgado", "Dana Whitcombe")
    assert datetime.fromisoformat(str(inspected)) == entered, "when Rosa entered it"
    assert datetime.fromisoformat(str(received)) == WEDNESDAY_MORNING, "when it arrived"
    tab = html.unescape(staff.get(f"/permits/{number}/inspections").text)
    assert ("Inspected by Rosa Delgado; recorded by Dana Whitcombe after a supervisor's "
            "review") in tab
    audit = staff.get(f"/permits/{number}/history").text
    assert "inspector: Rosa Delgado" in audit and "approved by: Dana Whitcombe" in audit
    board = staff.get("/staff/inspections?day=2026-12-02").text
    assert "Inspected by Rosa Delgado; recorded by Dana Whitcombe" in board
    assert fetch_rows(clock.url, f"SELECT inspector_account FROM inspection WHERE id = "
                                 f"{inspection_id}") == [(rosa,)], "credited by account too"
    stop_link = f'href="/inspector/inspections/{inspection_id}"'
    assert stop_link in inspector.get("/inspector?day=2026-12-02").text, "on Rosa's route"
    assert stop_link not in other.get("/inspector?day=2026-12-02").text, "not Kofi's"

    email = fetch_rows(clock.url, f"SELECT email FROM account WHERE id = {rosa}")[0][0]
    [(subject, body)] = clock.mail_to(email)
    assert subject == (f"Your 145 Re-roof Underlayment result for {number} was recorded")
    assert "Dana Whitcombe's note, as typed:\n> Rosa did go" in body
    route = inspector.get("/inspector").text
    assert "A supervisor decided (1)" in route and "Recorded, credited to you" in route
    assert "Rosa did go" in route and "Results waiting for a supervisor" not in route


def test_record_it_is_offered_only_when_it_can_succeed_and_a_refusal_names_the_result(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    inspector, rosa = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    staff.post(f"/staff/inspections/{inspection_id}/assign",
               data={"csrf_token": csrf(staff), "inspector": str(rosa)})
    shown = result_form(inspector, inspection_id)
    assert contractor.post(f"/inspections/{inspection_id}/cancel", data={
        "csrf_token": csrf(contractor)}, follow_redirects=False).status_code in (200, 303)
    on_inspection_day(clock)
    inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        **shown, "result": "Approved"})
    queue, [waiting] = conflicts_page_with(staff, inspection_id)
    assert waiting.refusal == "The inspection was already cancelled when this result arrived."
    item = queue.text.split(f'id="f-decision-{waiting.id}"')[1].split("</li>")[0]
    assert 'value="record"' not in item and 'value="set-aside"' in item
    assert "The inspection was already cancelled when this result arrived." in item
    assert item.count("already cancelled") == 1, "the reason is said once"
    assert "So it cannot be recorded: set it aside with a note." in item

    refused = staff.post(f"/staff/conflicts/{waiting.id}/resolve", data={
        "csrf_token": csrf(staff), "decision": "record"})
    assert refused.status_code == 409
    assert (f"The 145 Re-roof Underlayment result (Approved) for permit {number} of Wednesday "
            "2 December 2026 cannot be recorded: the inspection was already cancelled") in (
        refused.text)
    item = refused.text.split(f'id="f-decision-{waiting.id}"')[1].split("</li>")[0]
    assert "So it cannot be recorded" not in item, "the error says it, once"
    assert f'href="#f-decision-{waiting.id}"' in refused.text, "the summary links to it"
    assert staff.post(f"/staff/conflicts/{waiting.id}/resolve", data={
        "csrf_token": csrf(staff), "decision": "set-aside", "note": "Cancelled by Acme"},
        follow_redirects=False).status_code == 303
    again = staff.post(f"/staff/conflicts/{waiting.id}/resolve", data={
        "csrf_token": csrf(staff), "decision": "set-aside"})
    assert again.status_code == 409 and "was already decided by Dana Whitcombe" in again.text
    assert "Set aside: not recorded" in inspector.get("/inspector").text


def test_a_cancelled_inspection_reads_cancelled_once_and_credits_no_inspector(clock):
    number, inspection_id, contractor = booked_inspection(clock)
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    inspector, rosa = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    staff.post(f"/staff/inspections/{inspection_id}/assign",
               data={"csrf_token": csrf(staff), "inspector": str(rosa)})
    contractor.post(f"/inspections/{inspection_id}/cancel",
                    data={"csrf_token": csrf(contractor)})
    def its_item(text: str) -> str:  # other tests' inspections share the day
        return text.split(f'href="/inspector/inspections/{inspection_id}"')[0].rsplit(
            "<li>", 1)[1] + text.split(f'href="/inspector/inspections/{inspection_id}"')[
            1].split("</li>")[0]

    pages = {
        "board": its_item(staff.get("/staff/inspections?day=2026-12-02").text),
        "route": its_item(inspector.get("/inspector?day=2026-12-02").text),
        "stop": inspector.get(f"/inspector/inspections/{inspection_id}").text,
        "permit": contractor.get(f"/permits/{number}/inspections").text,
        "staff's permit": staff.get(f"/permits/{number}/inspections").text,
        "public": clock.client().get(f"/permits/{number}/inspections").text,
    }
    for name, text in pages.items():
        assert "Cancelled: Cancelled" not in text, name
        assert "Inspected by" not in text and "Rosa Delgado" not in text, name
        assert "Notes for the city" not in text and "Notes for the contractor" not in text, (
            "the cancellation's reason is nobody's notes: " + name)
    for name in ("stop", "staff's permit"):
        assert "<dt>Why it was cancelled</dt><dd>Cancelled by " in pages[name], name
    [row] = [r for r in clock.client().get("/open-data/inspections.json").json()
             if r["PermitNum"] == number]
    assert (row["Result"], row["Inspector"], row["InspectionNotes"]) == ("Cancelled", "", "")

    async def old_style_note():  # demo data once wrote why into the contractor's notes
        await Inspection.update({Inspection.public_notes: "Cancelled by the contractor."}
                                ).where(Inspection.id == inspection_id)

    asyncio.run(old_style_note())
    assert "Cancelled by the contractor." not in contractor.get(
        f"/permits/{number}/inspections").text, "never shown as the inspector's notes"
    assert "145 Re-roof Underlayment</strong> – Cancelled<br>" in pages["public"]
    assert "· Cancelled</p>" in pages["board"] and "· Cancelled</p>" in pages["route"]


def test_a_result_for_a_later_days_inspection_is_refused_for_its_day_before_any_conflict(
        clock):
    """A stop of tomorrow, cancelled (or changed) since the route was loaded: its result is
    refused as not before its day, online and from the result queue alike, and kept for no
    supervisor (a conflict answer first told the inspector it was waiting for one)."""
    _, inspection_id, contractor = booked_inspection(clock)  # Wednesday's, seen on Tuesday
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    shown = result_form(inspector, inspection_id)
    assert contractor.post(f"/inspections/{inspection_id}/cancel", data={
        "csrf_token": csrf(contractor)}, follow_redirects=False).status_code in (200, 303)
    url = f"/inspector/inspections/{inspection_id}/result"
    replay = {"HX-Request": "true", "Idempotency-Key": str(uuid.uuid4()),
              "X-CSRF-Token": shown["csrf_token"]}
    synced = inspector.post(url, data={"revision": shown["revision"], "result": "Approved",
                                       "entered_at": "2026-12-01T18:00:00.000Z"},
                            headers=replay)
    assert synced.status_code == 422
    assert "This inspection is on Wednesday 2 December 2026" in synced.text
    assert "already cancelled" not in synced.text and "supervisor" not in synced.text
    plain = inspector.post(url, data={**shown, "result": "Approved"}, follow_redirects=False)
    assert plain.status_code == 422, "not the route with a conflict to look at"
    assert "can be recorded from that day" in plain.text
    assert "already cancelled" not in plain.text
    assert fetch_rows(clock.url, "SELECT count(*) FROM result_conflict WHERE inspection = "
                                 f"{inspection_id}") == [(0,)]
