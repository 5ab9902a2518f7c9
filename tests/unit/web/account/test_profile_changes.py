"""Issue 16 §3: contractors and owner-builders change their name and phone, and their e-mail
address once a link mailed to the new address is opened (the old one is told)."""
from __future__ import annotations

from datetime import timedelta

from db.engines import fetch_rows
from tests.unit.web.journeys import (
    PASSWORD, csrf, new_email, register_contractor, sign_in, verified_contractor
)

LINK = "/account/email-change/"


def post(client, path: str, **data):
    return client.post(path, data={"csrf_token": csrf(client), **data}, follow_redirects=False)


def ask(client, new: str, password: str = PASSWORD):
    return post(client, "/account/email", email=new, current=password)


def audit(portal, email: str) -> list[str]:
    return [action for (action,) in fetch_rows(
        portal.url, "SELECT action FROM audit_event WHERE subject = (SELECT 'account ' || id "
        f"FROM account WHERE email = '{email}') ORDER BY id")]


def test_a_contractor_changes_its_name_and_phone_as_registration_checks_them(portal):
    client, email = verified_contractor(portal, "1012345")
    form = client.get("/account/details")
    assert 'value="Ana Ruiz"' in form.text and 'value="323-555-0100"' in form.text
    saved = post(client, "/account/details", name="  Ana  Ruiz-Ortega ", phone="(213) 555 0177")
    assert saved.headers["location"] == "/account?saved=details"
    page = client.get(saved.headers["location"])
    assert "Your name and phone number are saved." in page.text
    assert "Ana Ruiz-Ortega" in page.text and "213-555-0177" in page.text
    assert audit(portal, email)[-1] == "account details changed"
    again = post(client, "/account/details", name="Ana Ruiz-Ortega", phone="213-555-0177")
    assert "are saved" in client.get(again.headers["location"]).text, "a double tap"
    assert audit(portal, email).count("account details changed") == 1
    # Nothing saved lately, nothing said (whatever the address claims).
    other, _ = verified_contractor(portal, "1012345")
    unchanged = post(other, "/account/details", name="Ana Ruiz", phone="323-555-0100")
    assert "are saved" not in other.get(unchanged.headers["location"]).text


def test_a_name_with_a_web_address_or_a_wrong_phone_is_refused_and_kept_to_be_mended(portal):
    client, email = verified_contractor(portal, "1012345")
    refused = post(client, "/account/details", name="Bob at login-city.com", phone="555-01")
    assert refused.status_code == 422
    assert set(refused.context["errors"]) == {"name", "phone"}
    assert 'value="Bob at login-city.com"' in refused.text and 'value="555-01"' in refused.text
    assert 'href="#f-name"' in refused.text and 'maxlength="120"' in refused.text
    long = post(client, "/account/details", name="A" * 121, phone="3" * 31)
    assert long.status_code == 422 and "at most 120" in long.context["errors"]["name"]
    assert fetch_rows(portal.url, f"SELECT first_name FROM account WHERE email = '{email}'") == [
        ("Ana Ruiz",)]


def test_a_new_address_replaces_the_old_only_once_the_link_mailed_to_it_is_opened(portal):
    client, old = verified_contractor(portal, "1012345")
    new = new_email("moved")
    asked = ask(client, new.upper())
    assert asked.headers["location"] == "/account"
    profile = client.get("/account").text
    assert f"We e-mailed a link to {new}" in profile and "Cancel the change" in profile
    [(subject, body)] = portal.mail_to(new)
    assert subject.startswith("Confirm your new e-mail address") and "24 hours" in body
    (told, words) = portal.mail_to(old)[-1]
    assert told.startswith("A change of your e-mail address was asked for")
    assert new not in words and f"{new[0]}\u2022\u2022\u2022@example.com" in words
    assert "https://portal.test/account" in words and "cancel the change" in words
    # Until the link is opened nothing changes, and opening it (GET) changes nothing either.
    path = portal.link_to(new, LINK)
    assert "Change my e-mail address" in portal.client().get(path).text
    assert sign_in(portal.client(), new).status_code == 401
    assert sign_in(portal.client(), old).status_code == 303
    done = post(portal.client(), path)  # opened on another device, signed in as nobody
    assert done.headers["location"] == path
    assert f"is now {new}" in portal.client().get(path).text
    assert sign_in(portal.client(), old).status_code == 401
    assert sign_in(portal.client(), new).status_code == 303
    assert fetch_rows(portal.url, "SELECT username, email_verified_at IS NOT NULL FROM account "
                                  f"WHERE email = '{new}'") == [(new, 1)]
    assert [a for a in audit(portal, new) if a.startswith("e-mail")] == [
        "e-mail confirmed", "e-mail change asked", "e-mail changed"]
    # The old address is told it is done, once: when, and whom to call if it was not them.
    (subject, body) = portal.mail_to(old)[-1]
    assert subject == "Your e-mail address was changed"
    assert [s for s, _ in portal.mail_to(old)].count(subject) == 1
    assert new not in body and f"{new[0]}\u2022\u2022\u2022@example.com" in body
    help_phone = portal.app.state.settings.help_phone
    assert f"If it was not you, someone else may hold your account now: call {help_phone}" in (
        body)


def test_the_link_signs_out_other_sessions_and_works_once(portal):
    client, old = verified_contractor(portal, "1012345")
    elsewhere = portal.client()
    assert sign_in(elsewhere, old).status_code == 303
    new = new_email("moved")
    ask(client, new)
    path = portal.link_to(new, LINK)
    first, second = post(client, path), post(client, path)  # a double tap
    assert first.headers["location"] == second.headers["location"] == path
    assert "Back to your account" in client.get(path).text
    assert client.get("/account").context["account"].email == new, "this browser stays in"
    assert elsewhere.get("/account", follow_redirects=False).headers["location"].startswith(
        "/sign-in")
    clock = portal.app.state.clock
    portal.app.state.clock = lambda: clock() + timedelta(minutes=16)
    try:
        assert portal.client().get(path).status_code == 404
        assert post(portal.client(), path).status_code == 404
    finally:
        portal.app.state.clock = clock


def test_a_link_opened_where_another_account_is_signed_in_is_refused_there(portal):
    owner, old = verified_contractor(portal, "1012345")
    other, other_email = verified_contractor(portal, "1012345")
    new = new_email("moved")
    ask(owner, new)
    path = portal.link_to(new, LINK)
    shown = other.get(path)
    assert shown.status_code == 409 and "Change my e-mail address" not in shown.text
    assert "This link is for another account than the one signed in here. Sign out first" in (
        shown.text)
    refused = post(other, path)
    assert refused.status_code == 409 and "Sign out first" in refused.text
    assert other.get("/account").context["account"].email == other_email
    assert owner.get("/account").context["account"].email == old
    assert "Your e-mail address was changed" not in [s for s, _ in portal.mail_to(old)]
    # Where the owner is signed in, it works, and leads back to the owner's own account.
    assert post(owner, path).headers["location"] == path
    done = owner.get(path)
    assert f"is now {new}" in done.text and "Back to your account" in done.text
    assert owner.get("/account").context["account"].email == new
    assert "Back to your account" not in other.get(path).text, "not to another account"
    assert other.get("/account").context["account"].email == other_email


def test_an_address_of_another_account_is_refused_only_to_whoever_knows_the_password(portal):
    client, old = verified_contractor(portal, "1012345")
    _, taken = verified_contractor(portal, "1012345")
    guessed = ask(client, taken, password="not-my-password")
    assert guessed.status_code == 422
    assert guessed.context["errors"] == {"current": "Your current password is not right."}
    refused = ask(client, taken)
    assert refused.status_code == 422
    assert refused.context["errors"] == {"email": "An account already uses this e-mail address."}
    assert f'value="{taken}"' in refused.text
    same = ask(client, old)
    assert "already your e-mail address" in same.context["errors"]["email"]
    odd = ask(client, "a@x.com,\r\nBcc: all@city.gov" + "x" * 200)
    assert odd.status_code == 422 and "email" in odd.context["errors"]
    assert len(portal.mail_to(taken)) == 1, "its confirmation alone: nothing sent to it"


def test_an_address_registered_before_the_link_is_opened_is_refused_then(portal):
    client, old = verified_contractor(portal, "1012345")
    new = new_email("raced")
    ask(client, new)
    path = portal.link_to(new, LINK)
    assert register_contractor(portal.client(), "1012345", new).status_code == 303
    refused = post(client, path)
    assert refused.status_code == 409
    assert "An account already uses this e-mail address." in refused.text
    assert client.get("/account").context["account"].email == old


def test_a_second_tap_sends_nothing_twice_and_cancelling_ends_the_link(portal):
    client, old = verified_contractor(portal, "1012345")
    new = new_email("moved")
    before = len(portal.mail_to(old))
    assert "change is cancelled" not in client.get("/account?email=cancelled").text
    ask(client, new)
    ask(client, new)
    assert len(portal.mail_to(new)) == 1 and len(portal.mail_to(old)) == before + 1
    path = portal.link_to(new, LINK)
    cancelled = post(client, "/account/email/cancel")
    assert cancelled.headers["location"] == "/account?email=cancelled"
    assert "The e-mail address change is cancelled" in client.get("/account?email=cancelled").text
    again = post(client, "/account/email/cancel")  # a second tap lands on the message
    assert "change is cancelled" in client.get(again.headers["location"]).text
    assert audit(portal, old).count("e-mail change cancelled") == 1
    assert portal.client().get(path).status_code == 404
    assert post(portal.client(), path).status_code == 404
    assert client.get("/account/email/cancel").status_code == 200  # a reload lands on /account


def test_a_new_password_ends_the_waiting_link_and_wrong_passwords_are_counted(portal):
    client, _ = verified_contractor(portal, "1012345")
    new = new_email("moved")
    ask(client, new)
    path = portal.link_to(new, LINK)
    changed = post(client, "/account/password", current=PASSWORD,
                   password="a-brand-new-password-7")
    assert changed.status_code == 303
    assert portal.client().get(path).status_code == 404
    for _ in range(5):
        ask(client, new_email("guess"), password="wrong-password-0")
    locked = ask(client, new_email("guess"), password="a-brand-new-password-7")
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0


def test_e_mail_changes_are_limited_so_the_old_mailbox_is_not_flooded(portal):
    client, old = verified_contractor(portal, "1012345")
    before = len(portal.mail_to(old))
    for _ in range(3):
        assert ask(client, new_email("many")).status_code == 303
    refused = ask(client, new_email("many"))
    assert refused.status_code == 429 and "Try again in" in refused.context["errors"]["email"]
    assert len(portal.mail_to(old)) == before + 3


def test_staff_accounts_are_not_changed_here(portal):
    from tests.unit.web.journeys import staff_client

    staff = staff_client(portal)
    assert staff.get("/account/details").status_code == 403
    assert post(staff, "/account/email", email=new_email(), current="x").status_code == 403
    assert "Change your e-mail address" not in staff.get("/account").text
