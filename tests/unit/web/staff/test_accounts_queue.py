"""The accounts queue, as staff page and filter it without JavaScript: every waiting account
reachable by plain links, oldest first, with exact counts (issue 16 §1)."""
from __future__ import annotations

import asyncio
import re
import uuid
from datetime import datetime, timezone

import pytest

from db.accounts.accounts import create_account
from db.tables import Account
from domain.accounts import Role, Verification
from domain.numbers import LARGEST_ID

MANY = 30


def _run(portal, work):
    portal.client()  # binds the portal's database
    return asyncio.run(work)


@pytest.fixture(scope="module")
def waiting(portal):
    """30 accounts waiting for staff: every third an owner-builder."""
    tag = uuid.uuid4().hex[:6]
    emails = [f"queue.{tag}.{i:02d}@example.com" for i in range(MANY)]

    async def make() -> None:
        now = datetime(2026, 12, 1, tzinfo=timezone.utc)
        for i, email in enumerate(emails):
            owner = i % 3 == 0
            await create_account(
                portal.app.state.database, email=email, password_hash="x", name=f"Queue {i}",
                phone="323-555-0150", role=Role.OWNER_BUILDER if owner else Role.CONTRACTOR,
                license_no=None if owner else "7654399", verification=Verification.PENDING,
                email_verified_at=now, now=now)

    async def remove() -> None:
        await Account.delete().where(Account.email.is_in(emails))

    _run(portal, make())
    yield emails
    _run(portal, remove())


def _pages(client, **params) -> list:
    pages = [client.get("/staff/accounts", params=params)]
    while (found := re.search(r'<a rel="next" href="([^"]+)"', pages[-1].text)):
        pages.append(client.get(found[1].replace("&amp;", "&")))
    return pages


def test_the_queue_pages_to_its_last_account_oldest_first_with_exact_counts(boss, waiting):
    pages = _pages(boss)
    listed = [a for page in pages for a in page.context["found"].rows]
    total = pages[0].context["found"].total
    assert len(listed) == total and len({a.id for a in listed}) == total
    assert [a.id for a in listed] == sorted(a.id for a in listed)  # oldest first
    assert [a.email for a in listed if a.email in waiting] == waiting
    assert f"Accounts 1–25 of {total:,}" in pages[0].text
    assert f"{total:,} accounts are waiting, oldest first." in pages[0].text
    back = boss.get(re.search(r'<a rel="prev" href="([^"]+)"', pages[1].text)[1]
                    .replace("&amp;", "&"))
    assert [a.id for a in back.context["applicants"]] == [
        a.id for a in pages[0].context["found"].rows]


def test_the_kind_of_account_filters_every_page_and_is_kept_in_the_links(boss, waiting):
    pages = _pages(boss, role="owner_builder")
    listed = [a for page in pages for a in page.context["found"].rows]
    assert listed and {a.role for a in listed} == {"owner_builder"}
    assert [a.email for a in listed if a.email in waiting] == waiting[::3]
    assert all("role=owner_builder" in link for page in pages[:-1]
               for link in re.findall(r'<a rel="next" href="([^"]+)"', page.text))


@pytest.mark.parametrize("role", ["staff", "<b>x</b>", "contractor\x00", "１"])
def test_a_kind_that_is_not_a_choice_is_refused_beside_its_field(boss, waiting, role):
    refused = boss.get("/staff/accounts", params={"role": role})
    assert refused.status_code == 400
    assert "Choose contractors or owner-builders from the list." in refused.text
    assert "<b>x</b>" not in refused.text


def test_a_cursor_that_is_not_one_starts_over_and_past_the_end_offers_the_first(boss, waiting):
    first = boss.get("/staff/accounts").context["applicants"]
    for cursor in ("x", "-3", "9" * 40, "٣"):
        assert boss.get("/staff/accounts", params={"after": cursor}).context[
            "applicants"] == first
    past = boss.get("/staff/accounts", params={"after": str(LARGEST_ID)})
    assert past.context["applicants"] == () and "Go to the first page" in past.text


def test_a_decision_lands_back_on_the_page_and_filter_it_was_made_on(portal, boss, waiting):
    from tests.unit.web.journeys import csrf

    pages = _pages(boss, role="owner_builder")
    page = pages[-1]
    applicant = page.context["found"].rows[-1]
    action = re.search(rf'<form action="(/staff/accounts/{applicant.id}/decide[^"]*)"',
                       page.text)[1].replace("&amp;", "&")
    assert "role=owner_builder" in action
    refused = boss.post(action, data={"csrf_token": csrf(boss), "decision": "reject"})
    assert refused.status_code == 422  # no reason: the same page comes back, filter kept
    assert applicant.id in {a.id for a in refused.context["found"].rows}
    decided = boss.post(action, data={"csrf_token": csrf(boss), "decision": "approve"},
                        follow_redirects=False)
    location = decided.headers["location"]
    assert "role=owner_builder" in location and f"decided={applicant.id}" in location
    if len(pages) > 1:
        assert "after=" in location or "before=" in location
