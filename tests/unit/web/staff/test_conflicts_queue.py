"""The supervisors' queue of kept results pages to its last one by plain links, oldest first,
with exact counts (issue 16 §1: every staff queue reaches its last item)."""
from __future__ import annotations

import asyncio
import json
import re
from datetime import datetime, timezone

import pytest

from db.tables import ResultConflict
from domain.accounts import Role
from tests.unit.web.inspector.test_inspector import signed_in_as

MANY = 30


@pytest.fixture(scope="module")
def kept(portal):
    """30 results kept for a supervisor, entered by one inspector for the known inspection."""
    _, inspector = signed_in_as(portal, Role.INSPECTOR, "Kept Results")
    entry = json.dumps({"result": "Approved", "public_notes": "", "private_notes": "",
                        "reinspection": False})

    async def make() -> list[int]:
        ids = []
        for i in range(MANY):
            rows = await ResultConflict.insert(ResultConflict(
                inspection=portal.ids["scheduled"], account=inspector,
                entered_by="Kept Results", reason="The inspection was rescheduled.",
                entry=entry, entered_at=datetime(2026, 12, 1, 16, i, tzinfo=timezone.utc)))
            ids.append(rows[0]["id"])
        return ids

    async def remove(ids) -> None:
        await ResultConflict.delete().where(ResultConflict.id.is_in(ids))

    portal.client()
    ids = asyncio.run(make())
    yield ids
    portal.client()
    asyncio.run(remove(ids))


def test_the_queue_pages_to_its_last_result_oldest_first(boss, kept):
    pages = [boss.get("/staff/conflicts")]
    while (found := re.search(r'<a rel="next" href="([^"]+)"', pages[-1].text)):
        pages.append(boss.get(found[1].replace("&amp;", "&")))
    listed = [c.id for page in pages for c in page.context["conflicts"]]
    total = pages[0].context["found"].total
    assert len(listed) == total == len(set(listed)) and listed == sorted(listed)
    assert [i for i in listed if i in kept] == kept
    assert f"{total:,} results are waiting for a supervisor, oldest first." in pages[0].text
    assert f"Results 1–25 of {total:,}" in pages[0].text
    back = boss.get(re.search(r'<a rel="prev" href="([^"]+)"', pages[1].text)[1])
    assert [c.id for c in back.context["conflicts"]] == [
        c.id for c in pages[0].context["conflicts"]]


def test_a_cursor_that_is_not_one_starts_over_and_past_the_end_offers_the_first(boss, kept):
    first = [c.id for c in boss.get("/staff/conflicts").context["conflicts"]]
    for cursor in ("x", "0", "-1", "9" * 40, "١"):
        assert [c.id for c in boss.get("/staff/conflicts", params={"after": cursor}).context[
            "conflicts"]] == first
    past = boss.get("/staff/conflicts", params={"after": "999999999"})
    assert past.context["conflicts"] == () and "Go to the first page" in past.text


def test_a_decision_lands_back_on_the_page_it_was_made_on(boss, kept):
    from tests.unit.web.journeys import csrf

    second = boss.get(re.search(r'<a rel="next" href="([^"]+)"',
                                boss.get("/staff/conflicts").text)[1])
    kept_result = second.context["conflicts"][0]
    action = re.search(rf'<form action="(/staff/conflicts/{kept_result.id}/resolve[^"]*)"',
                       second.text)[1].replace("&amp;", "&")
    assert "after=" in action
    decided = boss.post(action, data={"csrf_token": csrf(boss), "decision": "set-aside",
                                      "note": "Duplicate"}, follow_redirects=False)
    location = decided.headers["location"]
    assert "after=" in location and f"decided={kept_result.id}" in location
