"""The plan review queue reaches its last item: pages follow each other by keyset, forward and
back, every waiting application once, oldest first, with exact counts (issue 16 §1)."""
from datetime import date, timedelta

from db.applications.review_queue import review_queue
from db.tables import Permit
from domain.queue_pages import PAGE_SIZE
from domain.review_queue import Cursor, QueueAsk
from tests.factories import make_permit

OLDEST = date(2003, 1, 6)


async def _waiting(known) -> list[str]:
    """60 applications for plan review in 2003, three a day, so that days tie."""
    numbers = []
    for i in range(60):
        number = f"BLD2003-{i + 1:05d}"
        await make_permit(number, known["sunset"], "8500 Sunset Blvd",
                          subtype="Residential Remodel", description="Kitchen",
                          status="In Review" if i % 4 == 0 else "Applied",
                          applied_on=OLDEST + timedelta(days=i // 3))
        numbers.append(number)
    return numbers


async def _walk(reader, ask: QueueAsk) -> tuple[list, list]:
    pages, page = [], await review_queue(reader, ask)
    while True:
        pages.append(page)
        if not page.has_next:
            return pages, [row for p in pages for row in p.rows]
        page = await review_queue(reader, QueueAsk(after=page.rows[-1].cursor))


async def test_every_waiting_application_is_reached_once_in_order_forward_and_back(
        bound, reader, known):
    mine = await _waiting(known)
    try:
        pages, rows = await _walk(reader, QueueAsk())
        total = pages[0].total
        assert len(rows) == total == len({row.number for row in rows})
        assert [row.cursor for row in rows] == sorted(row.cursor for row in rows)
        assert [row.number for row in rows if row.number in mine] == mine  # oldest first
        assert all(len(p.rows) == PAGE_SIZE for p in pages[:-1]) and 0 < len(pages[-1].rows)
        assert [p.first for p in pages] == [1 + PAGE_SIZE * i for i in range(len(pages))]
        assert pages[-1].last == total and not pages[0].has_previous
        back, page = [], pages[-1]
        while page.has_previous:
            page = await review_queue(reader, QueueAsk(before=page.rows[0].cursor))
            back.append(page)
        assert [p.first for p in reversed(back)] == [p.first for p in pages[:-1]]
        assert [r.number for p in reversed(back) for r in p.rows] == [
            r.number for p in pages[:-1] for r in p.rows]
    finally:
        await Permit.delete().where(Permit.number.is_in(mine))


async def test_filters_narrow_the_queue_and_its_count(bound, reader, known):
    mine = await _waiting(known)
    try:
        in_review = await review_queue(reader, QueueAsk(status="In Review"))
        assert in_review.total >= 15 and {r.status for r in in_review.rows} == {"In Review"}
        old = await review_queue(reader, QueueAsk(applied_before=OLDEST + timedelta(days=1)))
        assert [r.number for r in old.rows if r.number in mine] == mine[:6]
        electrical = await review_queue(reader, QueueAsk(permit_type="ELE"))
        assert not {r.number for r in electrical.rows} & set(mine)
        assert all(r.number.startswith("ELE") for r in electrical.rows)
    finally:
        await Permit.delete().where(Permit.number.is_in(mine))


async def test_a_page_past_the_end_is_empty_and_knows_there_are_earlier_ones(bound, reader,
                                                                              known):
    page = await review_queue(reader, QueueAsk(after=Cursor(date(2999, 1, 1), 1)))
    assert page.rows == () and not page.has_next
    assert page.has_previous == (page.total > 0)


def test_the_queue_asks_by_the_very_condition_of_its_partial_index():
    """A planner takes the partial index permit_waiting only for a query holding its literal
    condition: a status renamed in domain/ without a new index would slow the queue silently."""
    from db.applications.review_queue import WAITING_CONDITION
    from db.piccolo_migrations import db_2026_12_05t15_10_00_000000 as migration

    [index] = [s for s in migration.COMMON if "permit_waiting" in s]
    assert index.endswith(f" WHERE {WAITING_CONDITION}")
