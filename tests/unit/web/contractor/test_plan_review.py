"""Plan review: staff start, send back with corrections, the applicant answers and resubmits,
staff approve; the fees are then due, and each step is e-mailed."""
from __future__ import annotations

import asyncio

from db.engines import fetch_rows
from domain.accounts import Role
from tests.factories import applied_addition
from tests.unit.test_support import review_queue
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import csrf, verified_contractor


def application_for_review(portal) -> str:
    """An addition (a subtype that needs plan review) applied for by Acme (1012345)."""
    portal.client()  # binds the portal's database
    return asyncio.run(applied_addition())


def send_back(staff, number: str, corrections: str, asking: str = "building") -> None:
    """Staff start the review; ``asking`` lists corrections, the other discipline approves:
    the application is sent back."""
    url, send = f"/staff/reviews/{number}", {"csrf_token": csrf(staff)}
    other = "planning" if asking == "building" else "building"
    for decision, discipline, comment in (("start", "", ""), ("corrections", asking, corrections),
                                          ("approve", other, "")):
        assert staff.post(url, data={**send, "decision": decision, "discipline": discipline,
                                     "comment": comment}).status_code == 200


def test_corrections_go_back_to_the_applicant_who_answers_and_staff_then_approve(portal):
    number = application_for_review(portal)
    reviewer, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    contractor, email = verified_contractor(portal, "1012345")
    assert number in review_queue(reviewer)  # oldest first: on whichever page it falls
    url = f"/staff/reviews/{number}"

    def decide(decision: str, comment: str = "", discipline: str = "building"):
        return reviewer.post(url, data={"csrf_token": csrf(reviewer), "decision": decision,
                                        "comment": comment, "discipline": discipline})

    dropped = decide("start", "Looks complete so far.")
    assert dropped.status_code == 422, "a comment typed when starting is not dropped"
    assert "Starting the review sends no comment" in dropped.text
    assert "<p>Looks complete so far.</p>" in dropped.text
    started = decide("start")
    assert started.status_code == 200
    assert started.context["notice"] == f"{number} is now In Review."
    assert [a.title for a in started.context["application"].current] == [
        "Building", "Planning"], "an addition goes to building and planning"
    refused = decide("corrections", "   ")
    assert refused.status_code == 422 and "List the corrections" in refused.text
    building = decide("corrections", "Sheet A2: show the egress window of the new bedroom "
                                     "(CRC R310).\nSheet S1: footing detail for the new rear wall.")
    assert "still reviewing: Planning" in building.context["notice"]
    status = fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'")
    assert status == [("In Review",)], "the applicant hears once every discipline has decided"
    decide("approve", "Setbacks comply.", discipline="planning")
    status = fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'")
    assert status == [("Applied",)]
    subject, body = next(m for m in portal.mail_to(email) if "corrections required" in m[0])
    assert "CRC R310" in body and f"/plan-review/{number}" in body
    assert "Building:" in body and "Setbacks comply" not in body, "only the corrections"
    assert not [m for m in portal.mail_to(email) if m[0] == f"Permit {number} is now Applied"], \
        "no generic notice saying the application waits for the city"

    assert f'href="/plan-review/{number}"' in contractor.get(f"/permits/{number}").text
    page = contractor.get(f"/plan-review/{number}")
    assert page.status_code == 200 and "Sheet S1: footing detail" in page.text
    assert "Resubmit the application" in page.text and "Corrections required" in page.text
    empty = contractor.post(f"/plan-review/{number}", data={"csrf_token": csrf(contractor),
                                                            "response": ""})
    assert empty.status_code == 422 and "Say how you made each correction" in empty.text
    assert "back with the plan reviewer" not in contractor.get(
        f"/plan-review/{number}?resubmitted=1").text, "a crafted link says nothing"
    sent = contractor.post(f"/plan-review/{number}", data={
        "csrf_token": csrf(contractor),
        "response": "A2 shows a 5.7 sq ft egress window; S1 has detail 4."})
    assert "back with the plan reviewer" in sent.text
    assert fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'"
                      ) == [("In Review",)]
    twice = contractor.post(f"/plan-review/{number}", data={
        "csrf_token": csrf(contractor),
        "response": "A2 shows a 5.7 sq ft egress window; S1 has detail 4."})
    assert twice.status_code == 200 and "back with the plan reviewer" in twice.text, \
        "a double tap lands on the message, not an error"
    again = contractor.post(f"/plan-review/{number}", data={"csrf_token": csrf(contractor),
                                                            "response": "Twice"})
    assert again.status_code == 409, "not waiting for corrections any more"

    approved = decide("approve", "Plans approved.")
    assert approved.status_code == 200 and "Approved" in approved.text
    assert fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'"
                      ) == [("Approved",)]
    kinds = fetch_rows(portal.url, "SELECT kind FROM review_comment WHERE permit = (SELECT id "
                       f"FROM permit WHERE number = '{number}') ORDER BY id")
    assert kinds == [("corrections",), ("response",), ("approval",)]
    assert approved.context["notice"] == f"{number} is now Approved."
    late = decide("approve", "One more thing: label the panel.")
    assert late.status_code == 409, "approved already"
    assert "Your comment, not sent:" in late.text and "One more thing: label the panel." in (
        late.text), "what was typed is kept"
    assert reviewer.get(url).context["notice"] == "", "said once, after the decision"


def test_only_those_acting_for_the_application_and_staff_read_its_review(portal):
    number = application_for_review(portal)
    stranger, _ = verified_contractor(portal, "1023456")
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Rosa Delgado")
    assert stranger.get(f"/plan-review/{number}").status_code == 404
    assert inspector.get(f"/staff/reviews/{number}").status_code == 403
    assert portal.client().get(f"/plan-review/{number}",
                               follow_redirects=False).status_code == 303


def test_a_double_tap_on_resubmit_lands_every_tap_on_the_message(portal):
    from concurrent.futures import ThreadPoolExecutor

    number = application_for_review(portal)
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    contractor, _ = verified_contractor(portal, "1012345")
    send_back(staff, number, "Sheet A2: egress window.")
    form = {"csrf_token": csrf(contractor), "response": "A2 now shows the window."}

    def tap(_):
        return contractor.post(f"/plan-review/{number}", data=form, follow_redirects=False)

    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(tap, range(3)))
    assert [a.status_code for a in answers] == [303] * 3
    assert {a.headers["location"] for a in answers} == {f"/plan-review/{number}?resubmitted=1"}
    assert staff.post(f"/plan-review/{number}", data={
        "csrf_token": csrf(staff), "response": "Answered for them"}).status_code == 403, \
        "staff read the conversation; the applicant answers"
