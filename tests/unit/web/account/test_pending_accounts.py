"""A pending account's pages say plainly that it is pending and what to do, and offer nothing
it cannot use: no phone line PIN, no calendar link, no "you can apply" (issue 14 §2)."""
from __future__ import annotations

from tests.unit.web.journeys import (
    code_in_letters, csrf, new_email, print_letters, register_contractor,
)
from tests.unit.web.account.test_company_claims import company_with_a_permit, first_account

LINKED_ONLY = ("Get a phone line PIN", "Get a calendar link", "you can apply for permits")


def test_a_pending_contractor_s_pages_say_it_is_pending_and_offer_no_pin_or_calendar(portal):
    license_no, number, _ = company_with_a_permit(portal)
    client, _ = first_account(portal, license_no)
    dashboard = client.get("/dashboard").text
    assert "Your account is pending" in dashboard
    assert f"License {license_no} (not yet linked)" in dashboard
    assert "Ledger Roofing Inc" not in dashboard  # it does not yet act for the company
    assert "No inspections are scheduled" not in dashboard and "No active permits" not in dashboard
    assert f"The permits and inspections of license {license_no} show here once" in dashboard
    account = client.get("/account").text
    assert "Your account is pending: it is not yet linked to license" in account
    assert 'href="/account/claim">What to do' in account
    assert "Pending: My Dashboard says what to do" in account
    for offer in LINKED_ONLY:
        assert offer not in account, offer
    apply = client.get("/apply")
    assert "Your account is pending" in apply.text and 'href="/account/claim"' in apply.text
    assert "not approved yet" not in apply.text
    for path in ("/account/phone-pin", "/account/calendar-link"):
        refused = client.post(path, data={"csrf_token": csrf(client)})
        assert refused.status_code == 403, path
        assert "Your account is pending" in refused.text, path
        assert "get a phone line PIN or calendar link" in refused.text, path


def test_once_linked_the_account_page_offers_the_pin_and_calendar_again(portal):
    license_no, _, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    code = code_in_letters(print_letters(portal), email)
    client.post("/account/claim", data={"code": code, "csrf_token": csrf(client)})
    account = client.get("/account").text
    assert "pending" not in account.lower()
    for offer in LINKED_ONLY:
        assert offer in account, offer
    assert client.post("/account/calendar-link",
                       data={"csrf_token": csrf(client)}).status_code == 200


def test_the_check_email_page_says_the_account_will_be_pending_and_how_it_ends(portal):
    client = portal.client()
    registered = register_contractor(client, license_no=company_with_a_permit(portal)[0],
                                     email=new_email("check"))
    page = client.get(registered.headers["location"]).text
    assert "Your account is pending" in page
    assert "we mail a letter with a one-time code to the business address" in page
    assert "once you confirm your e-mail address we e-mail them" in page
    assert "we have e-mailed them" not in page and "owner-builder declaration" not in page
    owner = portal.client().get("/register/check-email?for=owner-builder").text
    assert "city staff review the owner-builder declaration" in owner
    assert "one-time code" not in owner
