"""What a stranger learns and can do is nothing more than anyone's (issue 14 §2): a declined
applicant is not told who declined, the colleague's notice says only what is true, and phone
numbers are read in the digits 0 to 9 alone."""
from __future__ import annotations

from db.engines import fetch_rows
from tests.unit.web.journeys import (
    confirm_email, csrf, new_email, register_contractor, sign_in, verified_contractor,
)
from tests.unit.web.account.test_city_mail_abuse import a_license

HOLDER = "Harriet Holder"


def a_waiting_colleague(portal, license_no: str, name: str = "Sam Stranger"):
    client, email = portal.client(), new_email("stranger")
    assert register_contractor(client, license_no, email, name=name).status_code == 303
    confirm_email(portal, client, email)
    [(account_id,)] = fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'")
    return client, email, account_id


def test_a_declined_stranger_is_not_told_who_declined(portal):
    license_no = a_license(portal)
    holder, holder_email = verified_contractor(portal, license_no, name=HOLDER)
    stranger, email, account_id = a_waiting_colleague(portal, license_no)
    asked = holder.get(f"/account/colleagues/{account_id}/decline").text
    assert "without your name" in asked and "City staff can still approve" not in asked
    holder.post(f"/account/colleagues/{account_id}/decline", data={"csrf_token": csrf(holder)})
    subject, body = portal.mail_to(email)[-1]
    assert subject.startswith("Your account was not approved")
    assert "declined your request" in body and f"license {license_no}" in body
    assert "Harriet" not in body and holder_email not in body
    assert sign_in(stranger, email).status_code == 303
    dashboard = stranger.get("/dashboard").text
    assert "Harriet" not in dashboard and holder_email not in dashboard
    assert "Declined by a verified account of the license" in dashboard
    assert "Your account was not approved, so it shows no permits here." in dashboard
    assert "once your account is linked" not in dashboard
    [(after,)] = fetch_rows(portal.url, "SELECT after FROM audit_event WHERE action = "
                            f"'colleague decided' AND subject = 'account {account_id}'")
    assert "rejected" in after and "by" in after  # staff can still tell who decided


def test_an_approved_colleague_is_told_who_approved(portal):
    license_no = a_license(portal)
    holder, _ = verified_contractor(portal, license_no, name=HOLDER)
    _, email, account_id = a_waiting_colleague(portal, license_no)
    holder.post(f"/account/colleagues/{account_id}/approve", data={"csrf_token": csrf(holder)})
    subject, body = portal.mail_to(email)[-1]
    assert subject.startswith("Your account was approved")
    assert f"gave the name \u201c{HOLDER}\u201d" in body and "/sign-in" in body


def test_the_colleague_notice_says_only_what_is_true(portal):
    license_no = a_license(portal)
    _, holder_email = verified_contractor(portal, license_no, name=HOLDER)
    a_waiting_colleague(portal, license_no)
    _, body = portal.mail_to(holder_email)[-1]
    assert "because your account is verified for that license" in body
    assert "which the city has not checked" in body
    assert "we tell them a verified account declined, not who" in body
    assert "stays pending" in body
    assert "already holds" not in body and "City staff can also decide" not in body


def test_a_phone_number_in_other_digits_is_refused_politely_and_kept(portal):
    for typed in ("٣٢٣٥٥٥٠١٤٢", "３２３-５５５-０１４２"):
        email = new_email("digits")
        refused = register_contractor(portal.client(), a_license(portal), email, phone=typed)
        assert refused.status_code == 422
        assert refused.context["errors"]["phone"] == (
            "Type the phone number with the digits 0 to 9, like 323-555-0123.")
        assert f'value="{typed}"' in refused.text
        assert fetch_rows(portal.url, f"SELECT count(*) FROM account WHERE email = "
                          f"'{email}'") == [(0,)]
