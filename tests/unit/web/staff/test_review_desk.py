"""Plan review's desk: each discipline given to a reviewer, a discipline added, a reviewer's
workload, and the applicant's "Corrections required" on the permit and the dashboard."""
from __future__ import annotations

from datetime import date

from db.engines import fetch_rows
from domain.accounts import Role
from tests.unit.web.contractor.test_plan_review import application_for_review, send_back
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import csrf, verified_contractor


def test_reviews_are_assigned_added_and_listed_on_the_reviewers_workload(portal):
    number = application_for_review(portal)  # applied on 2 November 2026
    dana, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    lee, _ = signed_in_as(portal, Role.STAFF, "Lee Okafor")
    url = f"/staff/reviews/{number}"
    dana.post(url, data={"csrf_token": csrf(dana), "decision": "start"})
    page = dana.get(url)
    building, planning = page.context["application"].current
    assert building.due_on == date(2026, 11, 17), "10 business days; Veterans Day is closed"
    ids = dict((name, id) for id, name in page.context["reviewers"])
    given = dana.post(f"{url}/assign", data={"csrf_token": csrf(dana),
                                              "assignment": str(building.id),
                                              "reviewer": str(ids["Lee Okafor"])},
                      follow_redirects=False)
    assert given.status_code == 303
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Rosa Delgado")
    not_staff = dana.post(f"{url}/assign", data={
        "csrf_token": csrf(dana), "assignment": str(planning.id),
        "reviewer": str(fetch_rows(portal.url, "SELECT max(id) FROM account")[0][0])})
    assert not_staff.status_code == 409 and "Choose a reviewer" in not_staff.text
    hostile = dana.post(f"{url}/assign", data={"csrf_token": csrf(dana),
                                               "assignment": "1 OR 1=1", "reviewer": "x"})
    assert hostile.status_code == 422
    added = dana.post(f"{url}/disciplines", data={"csrf_token": csrf(dana),
                                                  "discipline": "fire"})
    assert added.status_code == 200 and "Fire" in added.text
    twice = dana.post(f"{url}/disciplines", data={"csrf_token": csrf(dana),
                                                  "discipline": "fire"})
    assert twice.status_code == 409 and "Fire already reviews this round." in twice.text

    work = lee.get("/staff/workload")
    assert work.status_code == 200 and "My reviews" in work.text
    rows = [w for group in work.context["groups"].values() for w in group]
    assert [(w.number, w.discipline) for w in rows if w.number == number] == [
        (number, "building")]
    assert number in dana.get("/staff/workload", params={
        "reviewer": str(ids["Lee Okafor"])}).text, "a colleague's desk, by name"
    assert inspector.get("/staff/workload").status_code == 403
    assert inspector.post(f"{url}/assign", data={"csrf_token": csrf(inspector),
                                                 "assignment": str(planning.id),
                                                 "reviewer": ""}).status_code == 403


def test_the_applicant_reads_corrections_required_on_the_permit_and_the_dashboard(portal):
    number = application_for_review(portal)
    contractor, _ = verified_contractor(portal, "1012345")
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    send_back(staff, number, "Show the rear setback.", asking="planning")
    permit = contractor.get(f"/permits/{number}")
    assert "Status: <span class=\"status status-corrections-required\">Corrections required" \
        in permit.text and "review clock is stopped" in permit.text
    dashboard = contractor.get("/dashboard")
    assert number in [p.number for p in dashboard.context["action_needed"]]
    assert "Action needed" in dashboard.text and f"/plan-review/{number}" in dashboard.text
    assert "Corrections required" in portal.client().get(f"/permits/{number}").text


def test_a_decision_refused_keeps_the_comment_and_says_why(portal):
    number = application_for_review(portal)
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    url = f"/staff/reviews/{number}"
    send = {"csrf_token": csrf(staff)}
    staff.post(url, data={**send, "decision": "start"})
    fire = staff.post(url, data={**send, "decision": "corrections", "discipline": "fire",
                                 "comment": "Sprinklers in the new bedroom."})
    assert fire.status_code == 409 and "Fire does not review this round" in fire.text
    assert "<p>Sprinklers in the new bedroom.</p>" in fire.text, "the comment is not lost"
    staff.post(url, data={**send, "decision": "approve", "discipline": "planning"})
    again = staff.post(url, data={**send, "decision": "corrections", "discipline": "planning",
                                  "comment": "Show the rear setback."})
    assert again.status_code == 409 and "Planning has already decided" in again.text
    assert "<p>Show the rear setback.</p>" in again.text
    unknown = staff.post(url, data={**send, "decision": "approve", "discipline": "zoning"})
    assert unknown.status_code == 409 and "Choose a discipline from the list." in unknown.text


def test_the_queue_filters_by_open_discipline_and_by_reviewer(portal):
    from tests.unit.test_support import review_queue

    number = application_for_review(portal)
    dana, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    signed_in_as(portal, Role.STAFF, "Quinn Filterson")
    url = f"/staff/reviews/{number}"
    dana.post(url, data={"csrf_token": csrf(dana), "decision": "start"})
    page = dana.get(url)
    building = page.context["application"].current[0]
    lee = next(i for i, name in page.context["reviewers"] if name == "Quinn Filterson")
    dana.post(f"{url}/assign", data={"csrf_token": csrf(dana), "assignment": str(building.id),
                                     "reviewer": str(lee)})
    assert number in review_queue(dana, discipline="building", reviewer=str(lee))
    assert number in review_queue(dana, discipline="planning", reviewer="none")
    assert number not in review_queue(dana, discipline="building", reviewer="none")
    assert number not in review_queue(dana, discipline="fire")
    for name, value in (("discipline", "zoning"), ("reviewer", "99999999"),
                        ("reviewer", "<script>")):
        refused = dana.get("/staff/reviews", params={name: value})
        assert refused.status_code == 400 and refused.context["errors"].keys() == {name}
    kept = dana.get("/staff/reviews", params={"discipline": "building", "reviewer": str(lee)})
    assert kept.context["form"]["discipline"] == "building" and kept.context["queue"].total >= 1
