"""Keyset pages of a staff queue in id order, oldest first, with exact counts (issue 16 §1)."""
from __future__ import annotations

from domain.queue_pages import PAGE_SIZE, PageAsk


async def oldest_first(table, columns: tuple, condition, ask: PageAsk,
                       size: int = PAGE_SIZE) -> tuple[list[dict], int, int]:
    """(rows, total, first) of a Piccolo ``table``'s rows matching ``condition``: ``size`` of
    them after ``ask.after``, before ``ask.before`` or from the start, in id order."""
    query = table.select(*columns).limit(size)
    if ask.before and not ask.after:
        rows = list(reversed(await query.where(condition & (table.id < ask.before))
                             .order_by(table.id, ascending=False)))
    else:
        rows = await query.where(condition & (table.id > (ask.after or 0))).order_by(table.id)
    total = await table.count().where(condition)
    if not (ask.after or ask.before):
        return rows, total, 1  # the first page: nothing before it to count
    if not rows:
        return rows, total, total + 1  # past the end
    return rows, total, await table.count().where(condition & (table.id < rows[0]["id"])) + 1
