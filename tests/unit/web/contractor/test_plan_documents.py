"""Plans attached in the wizard and with an answer to corrections: checked by content, named
safely, versioned, sent once and kept, read only by the permit's people and staff (audited),
always as a download."""
from __future__ import annotations

import re
from datetime import date

from db.engines import fetch_rows
from domain.accounts import Role
from tests.unit.web.contractor.test_applications import post, start
from tests.unit.web.contractor.test_plan_review import send_back
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import csrf, verified_contractor

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def attach(client, path: str, kind: str, name: str, data: bytes, mime="application/pdf"):
    """The attach form as a browser sends it: the CSRF field first, then the file."""
    return client.post(path, data={"csrf_token": csrf(client), "kind": kind},
                       files={"file": (name, data, mime)}, follow_redirects=False)


def remodel_draft(client) -> str:
    """A remodel (work that needs plan review) answered up to its documents step."""
    base = f"/applications/{start(client)}"
    post(client, f"{base}/address", address="8500 Sunset Blvd")
    post(client, f"{base}/scope", subtype="Residential Remodel", description="Kitchen remodel")
    post(client, f"{base}/valuation", valuation="85,000", stories="2")
    assert post(client, f"{base}/contacts", owner_name="Olivia Owner",
                owner_phone="3235550155").headers["location"] == f"{base}/documents"
    return base


def documents(portal, number: str) -> list[tuple]:
    return fetch_rows(portal.url, "SELECT kind, version, round, filename FROM plan_document"
                      " WHERE permit = (SELECT id FROM permit WHERE number = "
                      f"'{number}') ORDER BY id")


def test_reviewed_work_is_sent_with_its_plan_set_checked_by_content(portal):
    client, email = verified_contractor(portal, "1012345")
    base = remodel_draft(client)
    bare = post(client, f"{base}/documents")
    assert bare.status_code == 422
    assert "Attach the plan set: Residential Remodel work is reviewed" in bare.text
    fake = attach(client, f"{base}/documents/attach", "calculations", "calcs.pdf",
                  b"<html><script>alert(1)</script>")
    assert fake.status_code == 422 and "contents are none of these" in fake.text
    assert re.search(r'<option value="calculations" selected>', fake.text), "the choice is kept"
    nothing = attach(client, f"{base}/documents/attach", "plan_set", "", b"")
    assert nothing.status_code == 422 and "Choose a file to attach." in nothing.text
    odd_kind = attach(client, f"{base}/documents/attach", "<script>", "a.pdf", PDF)
    assert odd_kind.status_code == 422 and "Choose what the file is" in odd_kind.text

    first = attach(client, f"{base}/documents/attach", "plan_set", "old set.pdf", PDF)
    assert first.status_code == 303 and "attached=" in first.headers["location"]
    hostile = attach(client, f"{base}/documents/attach", "plan_set",
                     '../../etc/set\u202e<x>.html', PDF + b"v2")
    assert hostile.status_code == 303
    photo = attach(client, f"{base}/documents/attach", "photos", "site.png", PNG, "image/png")
    assert photo.status_code == 303
    step = client.get(photo.headers["location"])
    assert step.status_code == 200 and "Photos of the site attached: site.png." in step.text
    assert client.get(f"{base}/documents?attached=999999999").context["notice"] == ""
    listed = [(d.kind, d.filename) for d in step.context["documents"]]
    assert listed == [("plan_set", "old set.pdf"), ("plan_set", "set_x.pdf"),
                      ("photos", "site.png")], "a plan set in two files; names lose their tricks"
    assert {d.title for d in step.context["documents"] if d.kind == "plan_set"} == {
        "Plan set v1"}
    [photo_row] = [d for d in step.context["documents"] if d.kind == "photos"]
    taken_back = post(client, f"{base}/documents/{photo_row.id}/remove")
    assert taken_back.status_code == 303
    assert post(client, f"{base}/documents").headers["location"] == f"{base}/review"
    review = client.get(f"{base}/review")
    assert "Plan set v1 (old set.pdf); Plan set v1 (set_x.pdf)" in review.text
    post(client, f"{base}/submit")
    number = client.get(f"{base}/submitted").context["permit"].number
    assert documents(portal, number) == [("plan_set", 1, 1, "old set.pdf"),
                                         ("plan_set", 1, 1, "set_x.pdf")]

    subject, body = next(m for m in portal.mail_to(email) if "application received" in m[0])
    assert subject == f"{number}: application received"
    assert "plan review (Building, Planning)" in body and "first review is due by" in body
    [(reviews,)] = fetch_rows(portal.url, "SELECT count(*) FROM review_assignment WHERE permit"
                              f" = (SELECT id FROM permit WHERE number = '{number}')")
    assert reviews == 2


def test_a_document_is_a_download_for_its_people_and_staff_and_staff_reads_are_audited(portal):
    client, _ = verified_contractor(portal, "1012345")
    base = remodel_draft(client)
    attach(client, f"{base}/documents/attach", "plan_set", "plans.pdf", PDF)
    [document] = client.get(f"{base}/documents").context["documents"]
    path = f"/documents/{document.id}"
    stranger, _ = verified_contractor(portal, "1023456")
    assert stranger.get(path).status_code == 404, "a draft's files are its author's alone"
    mine = client.get(path)
    assert mine.status_code == 200 and mine.content == PDF
    assert mine.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in mine.headers["content-security-policy"]
    assert mine.headers["x-content-type-options"] == "nosniff"
    post(client, f"{base}/documents")
    post(client, f"{base}/submit")
    number = client.get(f"{base}/submitted").context["permit"].number
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    assert staff.get(path).status_code == 200
    events = fetch_rows(portal.url, "SELECT actor, after FROM audit_event WHERE action = "
                        "'document downloaded' AND permit = (SELECT id FROM permit WHERE "
                        f"number = '{number}')")
    assert len(events) == 1 and "Plan set v1: plans.pdf" in events[0][1]
    assert stranger.get(path).status_code == 404
    assert portal.client().get(path, follow_redirects=False).status_code == 303
    assert client.get("/documents/999999999").status_code == 404


def test_corrected_plans_are_the_next_version_and_what_was_sent_stays(portal):
    client, _ = verified_contractor(portal, "1012345")
    base = remodel_draft(client)
    attach(client, f"{base}/documents/attach", "plan_set", "plans.pdf", PDF)
    post(client, f"{base}/documents")
    post(client, f"{base}/submit")
    number = client.get(f"{base}/submitted").context["permit"].number
    answer = f"/plan-review/{number}"
    early = attach(client, f"{answer}/documents/attach", "plan_set", "v2.pdf", PDF)
    assert early.status_code == 409, "nothing is attached while the city reviews"

    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    url = f"/staff/reviews/{number}"
    send_back(staff, number, "Sheet A3: show the new header size.")
    page = client.get(answer)
    assert "Corrections required" in page.text and "Attach the corrected plans" in page.text
    [sent] = page.context["application"].sent_documents
    kept = post(client, f"{answer}/documents/{sent.id}/remove")
    assert kept.status_code == 409 and "kept on record" in kept.text
    assert attach(client, f"{answer}/documents/attach", "plan_set", "plans v2.pdf",
                  PDF + b"2").status_code == 303
    post(client, answer, response="A3 shows a 4x12 header.")
    assert documents(portal, number) == [("plan_set", 1, 1, "plans.pdf"),
                                         ("plan_set", 2, 2, "plans v2.pdf")]
    review = staff.get(url)
    assert [a.discipline for a in review.context["application"].current] == ["building"], \
        "only the discipline that asked for corrections reviews again"
    assert "Plan set v2" in review.text and "With resubmission 1" in review.text


def test_a_body_too_large_or_without_its_token_is_refused(portal):
    client, _ = verified_contractor(portal, "1012345")
    base = remodel_draft(client)
    huge = client.post(f"{base}/documents/attach",
                       content=b"--x\r\n" + b"\0" * 1000 + b"\r\n--x--\r\n",
                       headers={"content-type": "multipart/form-data; boundary=x",
                                "content-length": str(101 * 1024 * 1024),
                                "x-csrf-token": csrf(client)})
    assert huge.status_code in (400, 413)
    no_token = client.post(f"{base}/documents/attach", data={"kind": "plan_set"}, files={
        "file": ("a.pdf", PDF + b"\0" * (200 * 1024), "application/pdf")},
        follow_redirects=False)
    assert no_token.status_code == 403
    assert fetch_rows(portal.url, "SELECT count(*) FROM plan_document WHERE application = "
                      f"{base.rsplit('/', 1)[1]}") == [(0,)]


def test_a_first_review_is_due_ten_business_days_after_receipt(portal):
    from db.rules.scheduling_policies import calendar_from, policy_for
    from domain.review_disciplines import due_on

    # Received the Friday before Christmas: the city's closures (24 and 31 December) and the
    # holidays (Christmas, New Year's Day) do not count.
    received = date(2026, 12, 18)
    assert due_on(received, True, policy_for(received), calendar_from(received)) == date(
        2027, 1, 7)
    assert due_on(received, False, policy_for(received), calendar_from(received)) == date(
        2026, 12, 29)


def test_a_file_chosen_and_save_and_continue_pressed_is_attached_not_dropped(portal):
    client, _ = verified_contractor(portal, "1012345")
    base = remodel_draft(client)
    went_on = client.post(f"{base}/documents/attach", data={
        "csrf_token": csrf(client), "kind": "plan_set", "then": "continue"},
        files={"file": ("plans.pdf", PDF, "application/pdf")}, follow_redirects=False)
    assert went_on.status_code == 303 and went_on.headers["location"] == f"{base}/review"
    assert "Plan set v1 (plans.pdf)" in client.get(f"{base}/review").text
    post(client, f"{base}/submit")
    late = attach(client, f"{base}/documents/attach", "photos", "late.png", PNG, "image/png")
    assert late.status_code == 409 and "Nothing was attached: this application was already " \
        "sent" in late.text


def test_a_remodel_without_plans_cannot_go_on_by_either_button(portal):
    client, _ = verified_contractor(portal, "1012345")
    base = remodel_draft(client)
    refused = client.post(f"{base}/documents/attach", data={
        "csrf_token": csrf(client), "kind": "plan_set", "then": "continue"},
        follow_redirects=False)
    assert refused.status_code == 422 and "Attach the plan set" in refused.text
    nothing = client.post(f"{base}/documents/attach", data={
        "csrf_token": csrf(client), "kind": "plan_set", "then": "stay"}, follow_redirects=False)
    assert nothing.status_code == 422 and "Choose a file to attach." in nothing.text
