"""Expiring issued permits whose life ended (domain.permit_life), and telling their contacts."""
from __future__ import annotations

from datetime import date, datetime

from db.permit_status import apply_status
from db.tables import Permit
from db.transactions import write_transaction
from domain.notifications import NoticeContext
from domain.outcomes import Accepted
from domain.permits import Status

BATCH = 200


async def expire_permits(today: date, now: datetime, notice: NoticeContext) -> list[str]:
    """Mark every issued permit whose expiration date has passed as Expired, with history and
    notices, a batch per transaction; returns their numbers. Running it twice changes nothing
    the second time."""
    expired: list[str] = []
    while True:
        rows = await Permit.select(Permit.number).where(
            (Permit.status == Status.ISSUED.value) & (Permit.expires_on < today)
        ).order_by(Permit.id).limit(BATCH)
        if not rows:
            return expired
        before = len(expired)
        async with write_transaction():
            for row in rows:
                outcome = await apply_status(
                    row["number"], Status.EXPIRED, now, today, "Permitline",
                    "No approved inspection within 180 days (CBC 105.5).", notice)
                if isinstance(outcome, Accepted):
                    expired.append(row["number"])
        if len(expired) == before:  # nothing could change: do not spin on the same rows
            return expired
