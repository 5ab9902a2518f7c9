"""Internal staff notes on a permit: kept once, refused in words, and never on a page anyone
outside staff can open."""
from __future__ import annotations

import re

from domain.accounts import Role
from tests.unit.web.contractor.test_applications import post
from tests.unit.web.contractor.test_plan_review import application_for_review
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import verified_contractor

SECRET = "Owner disputes the setback: do not discuss on the phone (ticket 5521)"


def key(page) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', page.text)[1]


def test_a_note_is_kept_once_and_read_by_staff_only(portal):
    number = application_for_review(portal)
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    url = f"/staff/permits/{number}/notes"
    page = staff.get(url)
    assert page.status_code == 200 and "No notes yet." in page.text
    once = key(page)
    empty = post(staff, f"{url}/add", note="   ", form_key=once)
    assert empty.status_code == 422 and "Write the note." in empty.text
    long = post(staff, f"{url}/add", note="x" * 2001, form_key=once)
    assert long.status_code == 422 and "2,000 characters" in long.text
    assert 'value="' + once + '"' in long.text, "the same form, so its key, comes back"
    for _ in range(2):  # a double tap
        kept = post(staff, f"{url}/add", note=SECRET + "\x00", form_key=once)
        assert kept.status_code == 303
    shown = staff.get(kept.headers["location"])
    assert shown.text.count(SECRET) == 1 and "Only city staff read it." in shown.text
    assert "Only city staff read it." not in signed_in_as(portal, Role.STAFF, "Cora Desk")[0].get(
        kept.headers["location"]).text, "'Note added' is said to the clerk who added it alone"
    brought_back = post(staff, f"{url}/add", note="A second thought", form_key=once)
    assert brought_back.status_code == 422 and "already sent" in brought_back.text
    assert "A second thought" in brought_back.text, "an old form's new words are not dropped"
    fresh = key(brought_back)
    assert fresh != once
    assert post(staff, f"{url}/add", note="A second thought", form_key=fresh).status_code == 303
    assert staff.get(url).text.count("A second thought") == 1
    assert "Staff notes" in staff.get(f"/permits/{number}").text
    expired = post(staff, f"{url}/add", note="Another", form_key="")
    assert expired.status_code == 422 and "expired" in expired.text
    contractor, _ = verified_contractor(portal, "1012345")
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Rosa Delgado")
    for outsider in (contractor, inspector, portal.client()):
        for path in (f"/permits/{number}", f"/permits/{number}/history",
                     f"/plan-review/{number}", f"/permits/{number}/fees"):
            assert SECRET not in outsider.get(path).text, path
        assert outsider.get(url, follow_redirects=False).status_code in (303, 403)
        assert post(outsider, f"{url}/add", note="x", form_key=once).status_code in (303, 403)
    assert SECRET not in staff.get(f"/permits/{number}/history").text, \
        "the audit trail says a note was kept, not what it says"
    assert "staff note added" in staff.get(f"/staff/audit?about={number}").text
