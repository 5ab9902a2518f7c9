"""Error pages say why (issue 14 §10): a 403 names who the page is for, a 429 when to try
again, a missing page what to do next; never a bare "Error"."""
from __future__ import annotations

import asyncio

from db.engines import fetch_rows
from db.rate_limits import key, spend
from domain.rate_limits import COLLEAGUE_DECISIONS_PER_ADDRESS
from tests.factories import KNOWN_NOW
from tests.unit.web.journeys import (
    confirm_email, csrf, new_email, register_contractor, staff_client
)


def test_a_page_for_another_kind_of_account_says_whom_it_is_for(contractor):
    client, _ = contractor
    refused = client.get("/staff/accounts")
    assert refused.status_code == 403
    assert "<h1>Your account cannot do this</h1>" in refused.text
    assert ("This page is for city staff, and you are signed in with a contractor account."
            in refused.text)


def test_a_contractor_page_refused_to_staff_names_who_may_use_it(portal):
    refused = staff_client(portal).get("/cart")
    assert refused.status_code == 403
    assert ("This page is for licensed contractors and owner-builders, and you are signed in "
            "with a staff account.") in refused.text


def test_a_missing_page_says_plainly_what_to_do(portal):
    missing = portal.client().get("/no/such/page")
    assert missing.status_code == 404 and "<h1>Page not found</h1>" in missing.text
    assert "There is no page at this address. If you typed it, check it" in missing.text
    assert "search for a permit by its number or street address" in missing.text
    assert "Not Found" not in missing.text, "never the bare status phrase"


def test_too_many_decisions_say_when_to_try_again(contractor, portal):
    client, _ = contractor
    limit = {key("colleague decision", "address", "testclient"):
             COLLEAGUE_DECISIONS_PER_ADDRESS}

    async def use_up():
        for _ in range(COLLEAGUE_DECISIONS_PER_ADDRESS.uses):
            async with portal.app.state.database.transaction():
                await spend(portal.app.state.database, limit, KNOWN_NOW)

    email = new_email("colleague")
    register_contractor(portal.client(), "1012345", email)
    confirm_email(portal, portal.client(), email)
    [(colleague,)] = fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'")
    asyncio.run(use_up())
    refused = client.post(f"/account/colleagues/{colleague}/approve",
                          data={"csrf_token": csrf(client)})
    assert refused.status_code == 429
    assert "<h1>Too many tries: please wait</h1>" in refused.text
    assert "Too many decisions from this connection lately. Try again in " in refused.text
    assert int(refused.headers["retry-after"]) > 0
