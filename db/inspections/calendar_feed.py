"""A contractor's private calendar feed of upcoming inspections, found by a secret's digest."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from db.accounts.email_links import token_digest
from db.inspections.calendar import PLACE, CalendarEntry, geo_of, place_of
from db.permits.access import acts_for
from db.reader import as_date
from db.tables import Account, Inspection, Permit
from domain.inspection_types import SCHEDULED

FEED_LIMIT = 500


async def set_calendar_token(account_id: int, token: str) -> None:
    """A new secret replaces the old one: the old feed URL stops working."""
    await Account.update({Account.calendar_token_hash: token_digest(token)}).where(
        Account.id == account_id)


async def feed_entries(token: str, today: date) -> list[CalendarEntry] | None:
    """Upcoming inspections of the permits the feed's account acts for; None for an unknown
    secret."""
    if not token:
        return None
    account = await Account.select(Account.id, Account.license_no, Account.verification).where(
        (Account.calendar_token_hash == token_digest(token))
        & (Account.active == True)).first()  # noqa: E712
    if account is None:
        return None
    owner = SimpleNamespace(**account)

    rows = await Inspection.select(
        Inspection.id, Inspection.permit.number, *PLACE, Inspection.type_code, Inspection.type_name, Inspection.scheduled_for,
        Inspection.confirmation, Inspection.revision,
    ).where((Inspection.status == SCHEDULED) & (Inspection.scheduled_for >= today)
            & Inspection.permit.is_in(Permit.select(Permit.id).where(acts_for(owner)))
            ).order_by(Inspection.scheduled_for).limit(FEED_LIMIT)
    return [CalendarEntry(r["id"], r["permit.number"], place_of(r), r["type_code"],
                          r["type_name"], as_date(r["scheduled_for"]), r["confirmation"],
                          sequence=r["revision"], geo=geo_of(r)) for r in rows]
