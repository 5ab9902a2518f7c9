"""What a second tap of a form asked for again, found so the answer is the first one's."""
from __future__ import annotations

from datetime import date, datetime

from db.accounts import matches
from db.reader import as_datetime
from db.tables import Account, Inspection
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


async def just_registered(email: str, password: str, since: datetime) -> bool:
    """Whether the account of ``email`` was registered after ``since``, is still unconfirmed
    and has ``password``: the same registration form sent twice."""
    row = await Account.select(Account.password, Account.created_at).where(
        (Account.username == email) & Account.email_verified_at.is_null()).first()
    return bool(row) and as_datetime(row["created_at"]) > since and await matches(
        row["password"], password)
