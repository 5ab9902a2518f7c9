"""Passwords: reset links used once, changes signing out other sessions, guesses of the current one
locked out."""
from __future__ import annotations

from datetime import timedelta


from tests.unit.web.journeys import (
    PASSWORD, csrf, new_email, sign_in,
)


def test_password_reset_works_once_and_signs_out_everywhere(portal, contractor):
    other_device, email = contractor
    client = portal.client()
    client.get("/account/forgot-password")
    sent = client.post("/account/forgot-password",
                       data={"email": email, "csrf_token": csrf(client)})
    assert "we have sent it a link" in sent.text
    path = portal.link_to(email, "/account/reset/")
    assert client.get(path).status_code == 200
    weak = client.post(path, data={"password": "12345678",
                                   "csrf_token": csrf(client)})
    assert weak.status_code == 422
    done = client.post(path, data={"password": "new-harbor-lights-7",
                                   "csrf_token": csrf(client)},
                       follow_redirects=False)
    assert done.status_code == 303
    assert client.post(path, data={"password": "another-one-entirely",
                                   "csrf_token": csrf(client)}
                       ).status_code == 404
    twice = client.post(path, data={"password": "new-harbor-lights-7",
                                    "csrf_token": csrf(client)})
    assert twice.status_code == 200, "a second tap of the same form lands where the first did"
    assert "Your password was changed and every other session signed out" in twice.text
    assert other_device.get("/dashboard", follow_redirects=False).status_code == 303
    assert sign_in(portal.client(), email).status_code == 401
    assert sign_in(portal.client(), email, "new-harbor-lights-7").status_code == 303


def test_a_reset_link_expires_after_an_hour(portal, contractor):
    _, email = contractor
    client = portal.client()
    client.get("/account/forgot-password")
    client.post("/account/forgot-password",
                data={"email": email, "csrf_token": csrf(client)})
    path = portal.link_to(email, "/account/reset/")
    real_clock = portal.app.state.clock
    portal.app.state.clock = lambda: real_clock() + timedelta(minutes=61)
    try:
        page = client.get(path)
        assert page.status_code == 404 and "expired" in page.text
    finally:
        portal.app.state.clock = real_clock


def test_a_reset_request_for_an_unknown_address_looks_the_same_and_sends_nothing(portal):
    client = portal.client()
    client.get("/account/forgot-password")
    email = new_email("nobody")
    page = client.post("/account/forgot-password",
                       data={"email": email, "csrf_token": csrf(client)})
    assert page.status_code == 200 and "If an account uses" in page.text
    assert portal.mail_to(email) == []


def test_changing_the_password_revokes_other_sessions_but_keeps_this_one(portal, contractor):
    client, email = contractor
    other = portal.client()
    assert sign_in(other, email).status_code == 303
    form = {"current": "wrong-one", "password": "fresh-orchard-55",
            "csrf_token": csrf(client)}
    assert client.post("/account/password", data=form).status_code == 422
    form["current"] = PASSWORD
    changed = client.post("/account/password", data=form)
    assert changed.status_code == 200 and "Your password was changed" in changed.text
    assert client.get("/dashboard").status_code == 200
    assert other.get("/dashboard", follow_redirects=False).status_code == 303
    twice = client.post("/account/password", data=form)  # a second tab, or a double tap
    assert twice.status_code == 200 and "Your password was changed" in twice.text
    assert "not right" not in twice.text


def _change_password(client, current: str, new: str = "fresh-orchard-55"):
    return client.post("/account/password", data={
        "current": current, "password": new, "csrf_token": csrf(client)})


def test_guessing_the_current_password_is_locked_out_like_signing_in(portal, contractor):
    """Issue 14 §5: 8 wrong guesses on /account/password, and the 9th changed the password."""
    client, email = contractor
    for n in range(5):
        wrong = _change_password(client, f"guess-number-{n}")
        assert wrong.status_code == 422
        assert wrong.context["errors"]["current"] == "Your current password is not right."
    locked = _change_password(client, PASSWORD)  # even the right one
    assert locked.status_code == 429
    assert locked.context["errors"]["current"] == (
        "Too many wrong passwords. For your security, try again in 15 minutes or reset your "
        "password.")
    assert 0 < int(locked.headers["retry-after"]) <= 15 * 60 + 1
    for n in range(3):
        assert _change_password(client, f"more-guesses-{n}").status_code == 429
    assert sign_in(portal.client(), email).status_code == 429  # the same lock as sign-in
    real_clock = portal.app.state.clock
    portal.app.state.clock = lambda: real_clock() + timedelta(minutes=16)
    try:
        assert sign_in(portal.client(), email).status_code == 303  # nothing was changed
        changed = _change_password(client, PASSWORD)
        assert changed.status_code == 200 and "Your password was changed" in changed.text
    finally:
        portal.app.state.clock = real_clock
    assert sign_in(portal.client(), email, "fresh-orchard-55").status_code == 303


def test_wrong_passwords_at_sign_in_and_on_the_change_form_add_up(portal, contractor):
    client, email = contractor
    for _ in range(3):
        assert sign_in(portal.client(), email, "guess-guess").status_code == 401
    for n in range(2):
        assert _change_password(client, f"guess-{n}").status_code == 422
    assert _change_password(client, PASSWORD).status_code == 429


def test_a_right_current_password_with_a_weak_new_one_counts_no_failure(portal, contractor):
    client, email = contractor
    for _ in range(6):
        weak = _change_password(client, PASSWORD, new="12345678")
        assert weak.status_code == 422 and "current" not in weak.context["errors"]
    assert sign_in(portal.client(), email).status_code == 303


def test_an_empty_current_password_is_asked_for_and_not_counted(portal, contractor):
    client, email = contractor
    for _ in range(6):
        empty = _change_password(client, "")
        assert empty.status_code == 422
        assert empty.context["errors"]["current"] == "Enter your current password."
    assert _change_password(client, PASSWORD).status_code == 200


def test_a_password_reset_lifts_the_lockout(portal, contractor):
    _, email = contractor
    for _ in range(5):
        sign_in(portal.client(), email, "guess-guess")
    assert sign_in(portal.client(), email).status_code == 429
    client = portal.client()
    client.post("/account/forgot-password", data={"email": email, "csrf_token": csrf(client)})
    path = portal.link_to(email, "/account/reset/")
    client.post(path, data={"password": "after-the-lockout-2", "csrf_token": csrf(client)})
    assert sign_in(portal.client(), email, "after-the-lockout-2").status_code == 303
