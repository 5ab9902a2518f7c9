"""The plan review queue, as a permit technician pages and filters it without JavaScript: every
application reachable by plain links, in order, with exact counts (issue 16 §1)."""
from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta

import pytest

from db.tables import Permit
from tests.factories import make_parcel, make_permit

OLDEST = date(2003, 2, 3)


def _run(portal, work):
    portal.client()  # binds the portal's database
    return asyncio.run(work)


@pytest.fixture(scope="module")
def waiting(portal):
    """30 applications waiting since 2003, older than any other in the portal's data."""
    async def make() -> list[str]:
        parcel = await make_parcel("9999-016-001", 900, "N Queue", "Ave")
        numbers = [f"BLD2003-{i + 101:05d}" for i in range(30)]
        for i, number in enumerate(numbers):
            await make_permit(number, parcel, "900 N Queue Ave", subtype="Residential Remodel",
                              description="Kitchen", status="Applied",
                              applied_on=OLDEST + timedelta(days=i))
        return numbers
    async def remove() -> None:
        await Permit.delete().where(Permit.number.is_in(numbers))

    numbers = _run(portal, make())
    yield numbers
    _run(portal, remove())


def _listed(html: str) -> list[str]:
    return re.findall(r">Review ([A-Z]{3}\d{4}-\d{5})</a>", html)


def _link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a rel="{rel}" href="([^"]+)"', html)
    return found[1].replace("&amp;", "&") if found else None


def test_the_queue_pages_to_its_last_item_by_plain_links(boss, waiting):
    first = boss.get("/staff/reviews")
    assert first.status_code == 200
    total = int(re.search(r"([\d,]+) applications need plan review, oldest first",
                          first.text)[1].replace(",", ""))
    assert _listed(first.text) == waiting[:25] and f"Applications 1–25 of {total:,}" in first.text
    assert _link(first.text, "prev") is None
    second = boss.get(_link(first.text, "next"))
    assert _listed(second.text)[:5] == waiting[25:]
    assert "Applications 26–" in second.text
    back = boss.get(_link(second.text, "prev"))
    assert _listed(back.text) == waiting[:25]
    seen, page = _listed(first.text), second
    while True:  # to the last page, each application once
        seen += _listed(page.text)
        following = _link(page.text, "next")
        if following is None:
            break
        page = boss.get(following)
    assert len(seen) == len(set(seen)) == total
    assert f"of {total:,}</span>" in page.text and _link(page.text, "prev")


def test_filters_are_kept_from_page_to_page(boss, waiting):
    first = boss.get("/staff/reviews", params={"type": "BLD", "age": "30"})
    assert _listed(first.text)[:25] == waiting[:25]
    following = _link(first.text, "next")
    assert "type=BLD" in following and "age=30" in following
    assert 'value="BLD" selected' in first.text and 'value="30" selected' in first.text
    assert _listed(boss.get("/staff/reviews", params={"type": "PLM"}).text) == []


def test_a_filter_that_is_not_a_choice_is_refused_in_words_not_a_500(boss):
    refused = boss.get("/staff/reviews", params={"type": "<script>", "status": "Issued"})
    assert refused.status_code == 400
    assert "Choose a permit type from the list." in refused.text
    assert "Choose a status from the list." in refused.text and "<script>" not in refused.text


def test_a_page_past_the_end_offers_the_first_page(boss, waiting):
    past = boss.get("/staff/reviews", params={"after": "2999-01-01.1", "type": "BLD"})
    assert past.status_code == 200 and "past the end of the queue" in past.text
    assert 'href="/staff/reviews?type=BLD">Go to the first page' in past.text


def test_a_cursor_that_is_not_one_shows_the_first_page(boss, waiting):
    for cursor in ("x", "2026-02-30.5", "2026-01-01.-1", "2026-01-01.1e9"):
        page = boss.get("/staff/reviews", params={"after": cursor})
        assert page.status_code == 200 and _listed(page.text) == waiting[:25], cursor
