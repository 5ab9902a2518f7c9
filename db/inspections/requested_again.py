"""What a second tap of the inspection request form asked for, so it is answered as the first."""
from __future__ import annotations

from datetime import date

from db.tables import Inspection
from domain.inspection_types import SCHEDULED


async def just_requested(permit_number: str, type_code: str, day_text: str, requested_on: date
                         ) -> int | None:
    """The id of the inspection of ``type_code`` on ``permit_number`` scheduled for the day
    written ``day_text``, requested on ``requested_on``: what a second tap of the request
    form asked for again (the caller checks the account may see it)."""
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return None
    row = await Inspection.select(Inspection.id).where(
        (Inspection.permit.number == permit_number) & (Inspection.type_code == type_code)
        & (Inspection.scheduled_for == day) & (Inspection.status == SCHEDULED)
        & (Inspection.requested_on == requested_on)).first()
    return row["id"] if row else None
