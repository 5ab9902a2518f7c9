"""Issue 16 §3: a company's verified account removes a colleague who left; the removed account
acts for none of the company's permits anywhere, and is told without being told by whom."""
from __future__ import annotations

import asyncio
import re

from db.engines import fetch_rows
from tests.unit.web.account.test_company_claims import company_with_a_permit
from tests.unit.web.journeys import (
    confirm_email, csrf, new_email, register_contractor, sign_in, verified_contractor
)

NOTICE = "no longer acts for your company. We e-mailed them."


def post(client, path: str):
    return client.post(path, data={"csrf_token": csrf(client)}, follow_redirects=False)


def account_id(portal, email: str) -> int:
    [(found,)] = fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'")
    return found


def submitted_by(client) -> str:
    """A permit the client's account applied for, for its license (the company's)."""
    from tests.unit.web.contractor.submitted import submitted_application

    return submitted_application(client)


def test_a_verified_account_removes_a_colleague_who_then_acts_for_nothing(portal):
    from db.inspections.phone_line import caller_for

    license_no, number, inspection = company_with_a_permit(portal)
    boss, boss_email = verified_contractor(portal, license_no, name="Bea Boss")
    leaver, leaver_email = verified_contractor(portal, license_no, name="Lee Leaver")
    own_number = submitted_by(leaver)
    pin = re.search(r"\b(\d{6})\b", post(leaver, "/account/phone-pin").text)[1]
    portal.client()
    assert asyncio.run(caller_for(own_number, pin)).email == leaver_email
    assert own_number in leaver.get("/cart").text
    leaver_id = account_id(portal, leaver_email)
    profile = boss.get("/account")
    assert [m.email for m in profile.context["members"]] == [leaver_email]
    address = f"/account/colleagues/{leaver_id}/remove"
    assert f'href="{address}"' in profile.text
    asked = boss.get(address)
    assert f"Remove Lee Leaver from license {license_no}?" in asked.text
    assert leaver.get(f"/inspections/{inspection}").status_code == 200
    done = post(boss, address)
    assert done.headers["location"] == f"/account?removed={leaver_id}"
    assert f"Lee Leaver {NOTICE}" in boss.get(done.headers["location"]).text
    [(subject, body)] = portal.mail_to(leaver_email)[-1:]
    assert subject.startswith("Your account no longer acts for a contractor's license")
    assert "Bea" not in body and boss_email not in body and license_no in body
    # Signed in still, it acts for none of the company's permits, its own application's too.
    for path in (f"/inspections/{inspection}", f"/permits/{number}/inspections/request",
                 f"/plan-review/{own_number}"):
        assert leaver.get(path).status_code == 404, path
    assert own_number not in leaver.get("/cart").text
    dashboard = leaver.get("/dashboard").text
    assert number not in dashboard
    # Told it was removed by the company, and how to come back; not that it was refused.
    removed = (f"A verified account of the company removed your account from license "
               f"{license_no}")
    assert f"License {license_no} (your account was removed from it)" in dashboard
    assert removed in dashboard and "not approved" not in dashboard.lower()
    assert "not yet linked" not in dashboard and "call the city" in dashboard
    profile = leaver.get("/account").text
    assert "Removed from the license by a verified account of the company" in profile
    assert removed in profile and "not approved" not in profile.lower()
    assert asyncio.run(caller_for(own_number, pin)) is None
    assert post(leaver, "/account/phone-pin").status_code == 403
    assert fetch_rows(portal.url, "SELECT actor, before, after FROM audit_event WHERE action = "
                                  f"'colleague removed' AND subject = 'account {leaver_id}'") == [
        (boss_email, f"verification: verified; license: {license_no}",
         f"verification: rejected; by: account {account_id(portal, boss_email)}")]
    # A second tap or tab lands on the outcome, and e-mails nobody again.
    sent = len(portal.mail_to(leaver_email))
    for again in (post(boss, address), boss.get(address, follow_redirects=False)):
        assert again.status_code == 303
        assert again.headers["location"] == f"/account?removed={leaver_id}"
    assert len(portal.mail_to(leaver_email)) == sent
    assert boss.get("/account").context["members"] == []
    third, _ = verified_contractor(portal, license_no)
    assert NOTICE not in third.get(f"/account?removed={leaver_id}").text, \
        "a colleague who removed nobody is not told they did"


def test_nobody_but_a_verified_colleague_of_the_license_removes_and_never_itself(portal):
    license_no, _, _ = company_with_a_permit(portal)
    boss, boss_email = verified_contractor(portal, license_no)
    _, colleague_email = verified_contractor(portal, license_no)
    stranger, _ = verified_contractor(portal, "1012345")
    claimant = portal.client()
    claimant_email = new_email("claimant")
    register_contractor(claimant, license_no, claimant_email)
    confirm_email(portal, claimant, claimant_email)
    sign_in(claimant, claimant_email)
    colleague = account_id(portal, colleague_email)
    for client in (stranger, claimant):
        assert client.get(f"/account/colleagues/{colleague}/remove").status_code == 404
        assert post(client, f"/account/colleagues/{colleague}/remove").status_code == 404
    itself = f"/account/colleagues/{account_id(portal, boss_email)}/remove"
    assert boss.get(itself).status_code == 404 and post(boss, itself).status_code == 404
    waiting = f"/account/colleagues/{account_id(portal, claimant_email)}/remove"
    assert post(boss, waiting).status_code == 404, "a waiting account is declined, not removed"
    assert post(boss, "/account/colleagues/99999999/remove").status_code == 404
    assert fetch_rows(portal.url, "SELECT verification FROM account WHERE email IN "
                                  f"('{boss_email}', '{colleague_email}')") == [
        ("verified",), ("verified",)]
    # A crafted address says nothing about someone not removed.
    assert NOTICE not in boss.get(f"/account?removed={colleague}").text


def test_a_removed_colleague_is_no_longer_e_mailed_about_the_permit_it_applied_for(portal):
    from domain.accounts import Role
    from tests.unit.web.inspector.test_inspector import signed_in_as

    license_no, _, _ = company_with_a_permit(portal)
    boss, boss_email = verified_contractor(portal, license_no, name="Bea Boss")
    leaver, leaver_email = verified_contractor(portal, license_no, name="Lee Leaver")
    own_number = submitted_by(leaver)  # its address is on the permit's contacts
    assert post(boss, f"/account/colleagues/{account_id(portal, leaver_email)}/remove"
                ).status_code == 303
    sent = len(portal.mail_to(leaver_email))
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    staff.post(f"/staff/permits/{own_number}/status", data={
        "csrf_token": csrf(staff), "change": "Cancelled", "reason": "Withdrawn by the company."})
    assert fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{own_number}'"
                      ) == [("Cancelled",)]
    assert any(own_number in subject for subject, _ in portal.mail_to(boss_email))
    assert len(portal.mail_to(leaver_email)) == sent
