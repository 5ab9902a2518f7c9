"""Wherever an e-mail address is typed it names one mailbox, plainly (issue 14 §4): a list, a
display name or a smuggled header is refused with a message, and nothing is mailed to it."""
from __future__ import annotations

import pytest

from db.engines import fetch_rows
from tests.unit.web.journeys import csrf, new_email, register_contractor
from tests.unit.web.contractor.test_applications import post, start

SMUGGLED = ["{me}, victim@example.org", "{me}; victim@example.org", "Ana <{me}>",
            '"ana ruiz"{at}', "{me}\r\nBcc: victim@example.org", "ana@{me}"]


def typed(pattern: str, email: str) -> str:
    return pattern.format(me=email, at=email[email.index("@"):])


def mailed_to_victim() -> str:
    return "SELECT count(*) FROM outbox_message WHERE recipient LIKE '%victim%' OR recipient " \
           "LIKE '%,%' OR recipient LIKE '%<%' OR recipient LIKE '% %'"


@pytest.mark.parametrize("pattern", SMUGGLED)
def test_registration_refuses_anything_but_one_address_and_mails_nothing(portal, pattern):
    before = fetch_rows(portal.url, mailed_to_victim())
    email = new_email("one")
    response = register_contractor(portal.client(), "1012345", typed(pattern, email))
    assert response.status_code == 422 and "e-mail address" in response.context["errors"]["email"]
    assert fetch_rows(portal.url, mailed_to_victim()) == before
    assert fetch_rows(portal.url, "SELECT count(*) FROM account WHERE email LIKE "
                      f"'%{email.split('@')[0]}%'") == [(0,)]


@pytest.mark.parametrize("pattern", SMUGGLED)
def test_links_are_sent_only_to_one_plain_address(portal, pattern):
    before = fetch_rows(portal.url, mailed_to_victim())
    client = portal.client()
    forgot = client.post("/account/forgot-password", data={
        "email": typed(pattern, "someone@example.com"), "csrf_token": csrf(client)})
    assert forgot.status_code == 422 and "e-mail address" in forgot.context["errors"]["email"]
    client.post("/account/verify", data={"email": typed(pattern, "someone@example.com"),
                                         "csrf_token": csrf(client)})
    assert fetch_rows(portal.url, mailed_to_victim()) == before


def test_the_owner_s_address_on_an_application_is_one_mailbox(portal, contractor):
    client, _ = contractor
    base = f"/applications/{start(client, 'e-plumbing')}"
    post(client, f"{base}/address", address="8500 Sunset Blvd")
    post(client, f"{base}/scope", subtype="Water Heater", description="Water heater")
    post(client, f"{base}/valuation", valuation="2,000", **{"PLM-WATER-HEATER": "1"})
    refused = post(client, f"{base}/contacts", owner_name="Olivia Owner",
                   owner_phone="3235550155", owner_email="olivia@example.com, victim@example.org")
    assert refused.status_code == 422
    assert refused.context["errors"]["owner_email"] == "Enter one e-mail address only."
    assert 'value="olivia@example.com, victim@example.org"' in refused.text
