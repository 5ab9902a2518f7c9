"""What a waiting contractor reads about its claim letter is right and said once (issue 14
§2): when a letter will be printed, that a replaced letter's code was replaced (no try used),
no new letter offered once the account is decided, and the letter's phone number on one line."""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import timedelta

from db.engines import fetch_rows
from tests.unit.web.journeys import code_in_letters, csrf, print_letters, staff_client
from tests.unit.web.account.test_company_claims import company_with_a_permit, first_account


@contextmanager
def later(portal, days: int):
    """The portal's clock ``days`` on, and back afterwards."""
    real = portal.app.state.clock
    portal.app.state.clock = lambda: real() + timedelta(days=days)
    try:
        yield
    finally:
        portal.app.state.clock = real


def enter(client, code: str):
    return client.post("/account/claim", data={"code": code, "csrf_token": csrf(client)})


def test_a_letter_waiting_to_be_printed_says_by_when_it_will_be(portal):
    license_no, _, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)  # Friday 4 December 2026
    assert "It will be printed by Monday 7 December 2026" in client.get("/dashboard").text
    code_in_letters(print_letters(portal), email)
    with later(portal, 11):  # Tuesday 15 December
        asked = client.post("/account/claim/letter", data={"csrf_token": csrf(client)})
        assert "It will be printed by Wednesday 16 December 2026" in asked.text
        assert "We will mail a new letter" in asked.text
        code_in_letters(print_letters(portal), email)
        again = client.get("/account/claim?asked=1").text  # reloaded once it is printed
        assert "We will mail a new letter" not in again and "It will be printed" not in again


def test_the_code_of_a_replaced_letter_says_so_and_uses_no_try(portal):
    license_no, _, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    old = code_in_letters(print_letters(portal), email)
    with later(portal, 11):
        client.post("/account/claim/letter", data={"csrf_token": csrf(client)})
        waiting = enter(client, old)
        assert waiting.status_code == 422 and "replaced by a newer one" in waiting.text
        new = code_in_letters(print_letters(portal), email)
        refused = enter(client, old)
        assert refused.status_code == 422
        assert refused.context["errors"]["code"].startswith(
            "That code is from a letter that was replaced by a newer one")
        assert "5 tries left" in refused.text  # the new letter's tries are all there
        assert enter(client, new).status_code == 200


def test_the_code_field_has_a_maxlength_and_a_long_paste_is_not_a_guess(portal):
    license_no, _, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    code = code_in_letters(print_letters(portal), email)
    page = client.get("/account/claim").text
    assert re.search(r'name="code"[^>]*maxlength="20"', page)
    pasted = enter(client, f"{code} {code}")
    assert pasted.status_code == 422 and "5 tries left" in pasted.text


def test_each_message_is_said_once(portal):
    license_no, _, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    code = code_in_letters(print_letters(portal), email)
    with later(portal, 31):  # the code expired
        expired = enter(client, code)
        assert expired.status_code == 422
        assert expired.text.count("expired on") == 1
        assert 'href="#f-code"' not in expired.text  # no summary linking to a missing field
    wrong = enter(client, ("2" if code[0] != "2" else "3") + code[1:])
    assert wrong.text.count("That code is not right") == 2  # the summary and the field
    assert 'href="#f-code"' in wrong.text and 'id="f-code-error"' in wrong.text
    asked = client.post("/account/claim/letter", data={"csrf_token": csrf(client)})
    assert asked.status_code == 422
    assert asked.text.count("You can ask for a new one from") == 2  # summary and the form


def test_no_new_letter_is_offered_or_sent_once_the_account_is_approved(portal):
    license_no, _, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    code = code_in_letters(print_letters(portal), email)
    for _ in range(5):
        enter(client, ("2" if code[0] != "2" else "3") + code[1:])
    [(letter_id, status)] = fetch_rows(portal.url, "SELECT id, status FROM claim_letter WHERE "
                                       f"account = (SELECT id FROM account WHERE email = "
                                       f"'{email}')")
    assert status == "locked"
    staff = staff_client(portal)
    again = f'action="/staff/letters/{letter_id}/again"'
    assert again in staff.get("/staff/letters").text  # locked, still waiting: may help
    [(account_id,)] = fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'")
    staff.post(f"/staff/accounts/{account_id}/decide",
               data={"decision": "approve", "csrf_token": csrf(staff)})
    assert again not in staff.get("/staff/letters").text
    refused = staff.post(f"/staff/letters/{letter_id}/again", data={"csrf_token": csrf(staff)})
    assert refused.status_code == 404
    assert fetch_rows(portal.url, f"SELECT count(*) FROM claim_letter WHERE account = "
                                  f"{account_id}") == [(1,)]


def test_a_letter_replaced_by_the_account_itself_is_not_offered_again(portal):
    license_no, _, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    code_in_letters(print_letters(portal), email)
    [(first,)] = fetch_rows(portal.url, "SELECT id FROM claim_letter WHERE account = (SELECT id"
                            f" FROM account WHERE email = '{email}')")
    with later(portal, 11):
        client.post("/account/claim/letter", data={"csrf_token": csrf(client)})
        code_in_letters(print_letters(portal), email)
    page = staff_client(portal).get("/staff/letters").text
    assert f'action="/staff/letters/{first}/again"' not in page


def test_the_letter_prints_the_phone_number_on_one_line(portal):
    license_no, _, _ = company_with_a_permit(portal)
    for name in ("Sam", "Samantha Strangeworth-Featherstonehaugh", "Al B"):
        _, email = first_account(portal, license_no, name=name)
    text = print_letters(portal).decode("latin-1")
    phone = portal.app.state.settings.help_phone.replace("(", "\\(").replace(")", "\\)")
    lines = [line.replace("\xa0", " ") for line in re.findall(r"\((.*?)\) Tj", text)]
    parts = phone.split(" ")
    assert all(parts[0] not in line or phone in line for line in lines)
    assert sum(phone in line for line in lines) == 3  # one letter each
