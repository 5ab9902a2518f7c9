"""The audit log as staff search it (issue 16 §5): by person, channel, days and permit or
subject, which inspection each event is about, and sign-ins, wrong passwords and staff
reading documents on the trail."""
from __future__ import annotations

import re

import pytest

from domain.accounts import Role
from tests.unit.web.inspector.test_inspector import booked_inspection, signed_in_as
from tests.unit.web.journeys import sign_in
from tests.unit.web.staff.test_staff_accounts import applicant_of, waiting_contractor
from tests.unit.test_support import accounts_page_with


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr><td>.*?</tr>", html, re.S)


def test_a_sign_in_and_a_wrong_password_are_on_the_trail_by_who_and_channel(portal, boss):
    client, account_id = signed_in_as(portal, Role.INSPECTOR, "Ines Audit")
    email = client.get("/account").context["account"].email
    assert sign_in(portal.client(), email, "not-the-password").status_code == 401
    log = boss.get("/staff/audit", params={"about": f"account {account_id}"})
    rows = _rows(log.text)
    assert any("sign-in refused" in r and "wrong password" in r for r in rows)
    assert any("signed in" in r and email in r for r in rows)
    mine = boss.get("/staff/audit", params={"who": email.upper(), "channel": "web"})
    assert all(email in r for r in _rows(mine.text)) and _rows(mine.text)
    assert not _rows(boss.get("/staff/audit", params={"who": email, "channel": "phone"}).text)


def test_staff_reading_an_applicants_document_is_on_the_trail(portal, boss):
    email = waiting_contractor(portal, "7654323")
    applicant = applicant_of(accounts_page_with(boss, email), email)
    assert boss.get(f"/staff/documents/{applicant.documents[0].id}").status_code == 200
    rows = _rows(boss.get("/staff/audit", params={"about": f"account {applicant.id}"}).text)
    assert any("document downloaded" in r and "license_certificate: license.pdf" in r
               for r in rows)


def test_an_event_about_an_inspection_says_which_and_a_permit_is_found_however_written(clock,
                                                                                       boss):
    number, inspection_id, _ = booked_inspection(clock)
    loose = number.replace("-", " ")
    rows = _rows(boss.get("/staff/audit", params={"about": loose}).text)
    [requested] = [r for r in rows if "inspection requested" in r]
    assert "Re-roof Underlayment, Wednesday 2 December 2026" in requested
    assert f"(inspection {inspection_id})" in requested
    by_subject = _rows(boss.get("/staff/audit",
                                params={"about": f"inspection {inspection_id}"}).text)
    assert len(by_subject) == 1 and "inspection requested" in by_subject[0]


def test_days_are_the_citys_days_and_the_older_link_keeps_the_filters(clock, boss):
    today = boss.get("/staff/audit", params={"from": "2026-12-01", "to": "2026-12-31"})
    assert today.status_code == 200
    none = boss.get("/staff/audit", params={"from": "1999-01-01", "to": "1999-01-02"})
    assert not _rows(none.text) and "No change matches these filters." in none.text
    many = boss.get("/staff/audit", params={"channel": "staff"})
    older = re.search(r'<a href="([^"]+)">Older changes</a>', many.text)
    if older:  # more than a page of staff changes in this session
        assert "channel=staff" in older[1]


@pytest.mark.parametrize("params,field,message", [
    ({"channel": "fax"}, "channel", "Choose a channel from the list."),
    ({"from": "2026-13-01"}, "from", "Enter the day as a date, for example 2026-01-31."),
    ({"to": "٢٠٢٦-01-01"}, "to", "Enter the day as a date, for example 2026-01-31."),
    ({"from": "2026-12-02", "to": "2026-12-01"}, "to", "The last day must be on or after the first."),
    ({"about": "BLD2099-99999"}, "about", "No permit has the number BLD2099-99999."),
    ({"kind": "<b>x</b>"}, "kind", "Choose every change or the changes not about a permit."),
])
def test_a_filter_that_cannot_be_read_is_refused_beside_its_field(boss, params, field,
                                                                   message):
    refused = boss.get("/staff/audit", params=params)
    assert refused.status_code == 400 and message in refused.text
    assert f'id="f-{field}-error"' in refused.text and "<b>x</b>" not in refused.text


@pytest.mark.parametrize("who", ["<script>x</script>", "\x00", "a" * 5000, "' OR 1=1 --"])
def test_hostile_filters_find_nothing_and_are_never_markup(boss, who):
    found = boss.get("/staff/audit", params={"who": who, "about": who})
    assert found.status_code == 200 and "<script>x" not in found.text


@pytest.mark.parametrize("params", [{"to": "9999-12-31"}, {"from": "0001-01-01"},
                                    {"who": "\x00"}, {"about": "\x00account 1"},
                                    {"from": "20261201"}])
def test_the_ends_of_the_calendar_and_nul_characters_are_no_500(boss, params):
    assert boss.get("/staff/audit", params=params).status_code == 200


def test_a_wrong_current_password_is_on_the_trail_with_where_it_came_from(portal, boss):
    from tests.unit.web.journeys import csrf

    client, account_id = signed_in_as(portal, Role.CONTRACTOR, "Pat Guess")
    client.get("/account/password")
    assert client.post("/account/password", data={
        "current": "not-it", "password": "a-new-long-password-1",
        "csrf_token": csrf(client)}).status_code in (401, 422)
    rows = _rows(boss.get("/staff/audit", params={"about": f"account {account_id}"}).text)
    assert any("sign-in refused" in r and "wrong current password" in r and "from: " in r
               for r in rows)
