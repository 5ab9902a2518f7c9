"""Staff booking, moving and cancelling inspections for a caller (issue 16 §3): the web's rules,
the channel "counter" in the audit log, and a supervisor's override of the lead time and
cut-off, never without a reason."""
from __future__ import annotations

import re
from datetime import date

from db.engines import fetch_rows
from domain.accounts import Role
from domain.counter_service import CHANGE_CUTOFF, LEAD_TIME, NEED_REASON, NOT_SUPERVISOR
from tests.unit.web.inspection_journeys import (
    THURSDAY, WEDNESDAY, WEDNESDAY_MORNING, form, ready_permit
)
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import verified_contractor

TUESDAY = date(2026, 12, 1)  # the clock fixture's day: inside the lead time


def _events(portal, inspection_id: int) -> list[tuple]:
    return fetch_rows(portal.url, "SELECT actor, channel, action, after FROM audit_event "
                                  f"WHERE subject = 'inspection {inspection_id}' ORDER BY id")


def _booked_id(response) -> int:
    assert response.status_code == 303, response.text[:500]
    found = re.fullmatch(r"/staff/inspections/(\d+)\?done=booked", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


def _status(portal, inspection_id: int) -> tuple:
    return fetch_rows(portal.url, "SELECT status, scheduled_for FROM inspection WHERE id = "
                                  f"{inspection_id}")[0]


def test_staff_book_for_a_caller_under_the_web_s_rules_and_the_contacts_are_e_mailed(clock):
    contractor, contractor_email = verified_contractor(clock, "1012345")
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    number = ready_permit(clock)
    shown = staff.get(f"/staff/permits/{number}/inspections/book")
    assert shown.status_code == 200
    assert shown.context["dates"][0].day == WEDNESDAY, "the lead time holds at the counter"
    assert "inside the lead time" not in shown.text, "only a supervisor is offered the override"
    assert shown.context["values"] == {}, "the caller's name is typed, not the clerk's"
    response = staff.post(f"/staff/permits/{number}/inspections/book",
                          data=form(staff, contact_name="Luis Caller"), follow_redirects=False)
    inspection_id = _booked_id(response)
    page = staff.get(response.headers["location"])
    held = page.context["held"]
    assert held.day == WEDNESDAY and held.confirmation in page.text
    assert "Read the confirmation number to the caller" in page.text
    assert "Luis Caller" in page.text
    twice = staff.post(f"/staff/permits/{number}/inspections/book",
                       data=form(staff, contact_name="Luis Caller"), follow_redirects=False)
    assert twice.headers["location"] == response.headers["location"], "a double tap books once"
    (actor, channel, action, after), = _events(clock, inspection_id)
    assert (channel, action) == ("counter", "inspection requested")
    assert actor.startswith("staff.") and held.confirmation in after
    subject, _ = clock.mail_to(contractor_email)[-1]
    assert subject == f"{number}: 145 Re-roof Underlayment inspection scheduled"
    dashboard = contractor.get("/dashboard")
    assert inspection_id in dashboard.context["changeable"], \
        "the contractor changes it on the web as if booked there"


def test_a_refused_booking_keeps_what_the_clerk_typed(clock):
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    number = ready_permit(clock)
    response = staff.post(f"/staff/permits/{number}/inspections/book",
                          data=form(staff, day=TUESDAY.isoformat(), contact_phone="12"))
    assert response.status_code == 422
    assert set(response.context["errors"]) == {"day", "contact_phone"}
    assert "Lockbox 7781 on the side gate" in response.text


def test_only_a_supervisor_overrides_and_never_without_a_reason(clock):
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    boss, _ = signed_in_as(clock, Role.STAFF, "Sam Supervisor", supervisor=True)
    number = ready_permit(clock)
    asked = staff.get(f"/staff/permits/{number}/inspections/book?override=1")
    assert asked.context["dates"][0].day == WEDNESDAY, "a clerk's ?override=1 changes nothing"
    refused = staff.post(f"/staff/permits/{number}/inspections/book",
                         data=form(staff, day=TUESDAY.isoformat(), override="1",
                                   override_reason="Pool inspection, crew waiting"))
    assert refused.status_code == 422
    assert refused.context["errors"] == {"override_reason": NOT_SUPERVISOR}
    offered = boss.get(f"/staff/permits/{number}/inspections/book?override=1")
    assert offered.context["dates"][0].day == TUESDAY, "the override offers today"
    no_reason = boss.post(f"/staff/permits/{number}/inspections/book",
                          data=form(boss, day=TUESDAY.isoformat(), override="1",
                                    override_reason="   "))
    assert no_reason.status_code == 422
    assert no_reason.context["errors"] == {"override_reason": NEED_REASON}
    assert "Lockbox 7781" in no_reason.text
    assert fetch_rows(clock.url, "SELECT count(*) FROM inspection i JOIN permit p ON "
                                 f"p.id = i.permit WHERE p.number = '{number}'") == [(0,)]
    booked = boss.post(f"/staff/permits/{number}/inspections/book",
                       data=form(boss, day=TUESDAY.isoformat(), override="1",
                                 override_reason="Concrete truck booked; inspector agreed"),
                       follow_redirects=False)
    inspection_id = _booked_id(booked)
    assert _status(clock, inspection_id)[0] == "Scheduled"
    requested, overridden = _events(clock, inspection_id)
    assert overridden[1:3] == ("counter", "scheduling rule overridden")
    assert LEAD_TIME in overridden[3] and "Concrete truck booked" in overridden[3]


def test_an_override_within_the_usual_rules_leaves_no_override_in_the_log(clock):
    boss, _ = signed_in_as(clock, Role.STAFF, "Sam Supervisor", supervisor=True)
    number = ready_permit(clock)
    booked = boss.post(f"/staff/permits/{number}/inspections/book",
                       data=form(boss, override="1", override_reason="Just in case"),
                       follow_redirects=False)
    assert [e[2] for e in _events(clock, _booked_id(booked))] == ["inspection requested"]


def _book(clock, staff, number: str) -> int:
    return _booked_id(staff.post(f"/staff/permits/{number}/inspections/book",
                                 data=form(staff), follow_redirects=False))


def test_staff_move_and_cancel_for_a_caller_on_the_counter_channel(clock):
    _, contractor_email = verified_contractor(clock, "1012345")
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    number = ready_permit(clock)
    inspection_id = _book(clock, staff, number)
    form_page = staff.get(f"/staff/inspections/{inspection_id}/move")
    assert [o.day for o in form_page.context["dates"]][0] == THURSDAY
    moved = staff.post(f"/staff/inspections/{inspection_id}/move",
                       data={"csrf_token": form(staff)["csrf_token"], "day": THURSDAY.isoformat()},
                       follow_redirects=False)
    assert moved.headers["location"].endswith("?done=moved")
    assert _status(clock, inspection_id)[0] == "Scheduled"
    assert str(_status(clock, inspection_id)[1]) == THURSDAY.isoformat()
    again = staff.post(f"/staff/inspections/{inspection_id}/move",
                       data={"csrf_token": form(staff)["csrf_token"], "day": THURSDAY.isoformat()},
                       follow_redirects=False)
    assert again.status_code == 303, "a double tap lands on what the first one did"
    cancelled = staff.post(f"/staff/inspections/{inspection_id}/cancel",
                           data={"csrf_token": form(staff)["csrf_token"]},
                           follow_redirects=False)
    assert cancelled.headers["location"].endswith("?done=cancelled")
    assert _status(clock, inspection_id)[0] == "Cancelled"
    twice = staff.post(f"/staff/inspections/{inspection_id}/cancel",
                       data={"csrf_token": form(staff)["csrf_token"]}, follow_redirects=False)
    assert twice.headers["location"].endswith("?done=cancelled")
    events = _events(clock, inspection_id)
    assert [e[1:3] for e in events] == [("counter", "inspection requested"),
                                       ("counter", "inspection rescheduled"),
                                       ("counter", "inspection cancelled")]
    private = fetch_rows(clock.url, f"SELECT private_notes FROM inspection WHERE id = "
                                    f"{inspection_id}")[0][0]
    assert "Cora Counter (city staff, for a caller)" in private
    subjects = [s for s, _ in clock.mail_to(contractor_email)]
    assert subjects[-2:] == [f"{number}: 145 Re-roof Underlayment inspection moved",
                             f"{number}: 145 Re-roof Underlayment inspection cancelled"]


def test_past_the_cut_off_only_a_supervisor_cancels_with_a_reason(clock):
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    boss, _ = signed_in_as(clock, Role.STAFF, "Sam Supervisor", supervisor=True)
    number = ready_permit(clock)
    inspection_id = _book(clock, staff, number)
    clock.app.state.clock = lambda: WEDNESDAY_MORNING  # past 7 am on its day
    page = staff.get(f"/staff/inspections/{inspection_id}")
    assert "closed at 7:00 AM on its day" in page.text
    assert "Call the inspection line" not in page.text, "staff are told, not sent to the line"
    assert "with a reason" not in page.text
    refused = staff.post(f"/staff/inspections/{inspection_id}/cancel",
                         data={"csrf_token": form(staff)["csrf_token"]})
    assert refused.status_code == 409
    assert _status(clock, inspection_id)[0] == "Scheduled"
    offered = boss.get(f"/staff/inspections/{inspection_id}")
    assert "with a reason" in offered.text
    question = boss.get(f"/staff/inspections/{inspection_id}/cancel?override=1")
    assert 'name="override_reason"' in question.text
    done = boss.post(f"/staff/inspections/{inspection_id}/cancel",
                     data={"csrf_token": form(boss)["csrf_token"], "override": "1",
                           "override_reason": "Owner in hospital; site closed"},
                     follow_redirects=False)
    assert done.headers["location"].endswith("?done=cancelled")
    overridden = [e for e in _events(clock, inspection_id)
                  if e[2] == "scheduling rule overridden"]
    assert len(overridden) == 1 and CHANGE_CUTOFF in overridden[0][3]
    assert "Owner in hospital" in overridden[0][3]


def test_a_contractor_cannot_use_the_counter_and_unknown_ids_are_not_found(clock):
    contractor, _ = verified_contractor(clock, "1012345")
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    number = ready_permit(clock)
    assert contractor.get(f"/staff/permits/{number}/inspections/book").status_code == 403
    assert staff.get("/staff/permits/BLD2026-99999/inspections/book").status_code == 404
    assert staff.get("/staff/inspections/99999999").status_code == 404
    assert staff.post("/staff/inspections/99999999/cancel",
                      data={"csrf_token": form(staff)["csrf_token"]}).status_code == 404


def test_a_second_caller_for_the_same_inspection_is_refused_not_swallowed(clock):
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    number = ready_permit(clock)
    first = _book(clock, staff, number)
    other = staff.post(f"/staff/permits/{number}/inspections/book",
                       data=form(staff, contact_name="Bea Other", notes="B's gate code 999"),
                       follow_redirects=False)
    assert other.status_code == 422, "another caller's request is no double tap"
    assert "B&#39;s gate code 999" in other.text or "B's gate code 999" in other.text
    assert _status(clock, first)[0] == "Scheduled"


def test_moving_to_the_day_it_holds_is_no_move_and_a_crafted_done_says_nothing(clock):
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    other_staff, _ = signed_in_as(clock, Role.STAFF, "Dan Desk")
    number = ready_permit(clock)
    inspection_id = _book(clock, staff, number)
    same = staff.post(f"/staff/inspections/{inspection_id}/move",
                      data={"csrf_token": form(staff)["csrf_token"], "day": WEDNESDAY.isoformat()})
    assert same.status_code == 422, "nothing moved: the page does not say Moved"
    crafted = other_staff.get(f"/staff/inspections/{inspection_id}?done=cancelled")
    assert crafted.context["notice"] is None, "another clerk did not cancel anything"
    own = staff.get(f"/staff/inspections/{inspection_id}?done=booked")
    assert own.context["notice"].startswith("Booked.")


def test_an_override_refused_says_the_form_s_other_problems_too(clock):
    boss, _ = signed_in_as(clock, Role.STAFF, "Sam Supervisor", supervisor=True)
    number = ready_permit(clock)
    refused = boss.post(f"/staff/permits/{number}/inspections/book",
                        data=form(boss, type="", day="", override="1", override_reason=""))
    assert refused.status_code == 422
    assert {"override_reason", "type", "day"} <= set(refused.context["errors"])


def test_a_refused_cancellation_is_said_to_staff_in_the_counter_s_words(clock):
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    number = ready_permit(clock)
    inspection_id = _book(clock, staff, number)
    clock.app.state.clock = lambda: WEDNESDAY_MORNING
    refused = staff.post(f"/staff/inspections/{inspection_id}/cancel",
                         data={"csrf_token": form(staff)["csrf_token"]})
    assert refused.status_code == 409
    assert "route is set" in refused.text and "Call the inspection line" not in refused.text


def test_a_supervisor_moves_an_inspection_inside_the_lead_time_with_a_reason(clock):
    staff, _ = signed_in_as(clock, Role.STAFF, "Cora Counter")
    boss, _ = signed_in_as(clock, Role.STAFF, "Sam Supervisor", supervisor=True)
    number = ready_permit(clock)
    inspection_id = _book(clock, staff, number)
    offered = boss.get(f"/staff/inspections/{inspection_id}/move?override=1")
    assert TUESDAY in [o.day for o in offered.context["dates"]], "today, inside the lead time"
    assert TUESDAY not in [o.day for o in staff.get(
        f"/staff/inspections/{inspection_id}/move?override=1").context["dates"]]
    moved = boss.post(f"/staff/inspections/{inspection_id}/move",
                      data={"csrf_token": form(boss)["csrf_token"], "day": TUESDAY.isoformat(),
                            "override": "1", "override_reason": "Inspector free this afternoon"},
                      follow_redirects=False)
    assert moved.headers["location"].endswith("?done=moved")
    assert str(_status(clock, inspection_id)[1]) == TUESDAY.isoformat()
    actions = [e[2] for e in _events(clock, inspection_id)]
    assert actions[-2:] == ["inspection rescheduled", "scheduling rule overridden"], \
        "the override is logged after the change it allowed"
    assert LEAD_TIME in _events(clock, inspection_id)[-1][3]
