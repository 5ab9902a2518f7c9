"""The staff queue of applications that need plan review (oldest first: first come, first
served)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.reader import as_date
from domain.subtypes import SUBTYPES

REVIEWED = tuple(s.name for s in SUBTYPES if s.plan_review)
ROWS = 50


@dataclass(frozen=True)
class Waiting:
    number: str
    subtype: str
    site_address: str
    status: str
    applied_on: date
    applicant: str | None


async def waiting_for_review(reader) -> tuple[int, list[Waiting]]:
    marks = ", ".join("?" * len(REVIEWED))
    where = f"status IN ('Applied', 'In Review') AND subtype IN ({marks})"
    count = (await reader.fetch(f"SELECT count(*) FROM permit WHERE {where}", REVIEWED))[0][0]
    rows = await reader.fetch(
        "SELECT number, subtype, site_address, status, applied_on, contractor_name"
        f" FROM permit WHERE {where} ORDER BY applied_on, id LIMIT {ROWS}", REVIEWED)
    return count, [Waiting(r[0], r[1], r[2], r[3], as_date(r[4]), r[5]) for r in rows]
