"""Steps of the inspection journeys that several web tests take."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from db.tables import FeeItem
from tests.factories import free_number, make_parcel, make_permit
from tests.unit.web.journeys import csrf

LA = ZoneInfo("America/Los_Angeles")
# Tuesday 1 December 2026, 10 am in the city: the earliest date is Wednesday the 2nd.
TUESDAY_MORNING = datetime(2026, 12, 1, 10, 0, tzinfo=LA).astimezone(timezone.utc)
WEDNESDAY, THURSDAY = date(2026, 12, 2), date(2026, 12, 3)
# The morning of the day booked inspections are on: a result is recorded only on or after the
# inspection's day (issue 14 §6).
WEDNESDAY_MORNING = datetime(2026, 12, 2, 9, 30, tzinfo=LA).astimezone(timezone.utc)


def on_inspection_day(portal) -> None:
    """The portal's clock at Wednesday morning, when the inspections booked on Tuesday take
    place (the ``clock`` fixture puts it back after the test)."""
    portal.app.state.clock = lambda: WEDNESDAY_MORNING


def ready_permit(portal, district: str | None = None) -> str:
    """An issued, paid, unexpired re-roof of Acme's (license 1012345) in its own district."""
    portal.client()  # binds the portal's database
    district = district or f"W{uuid.uuid4().hex[:6]}"

    async def create() -> str:
        number = await free_number("BLD2026")
        parcel = await make_parcel(f"W{uuid.uuid4().hex[:11]}", 123, "Kings", "Rd",
                                   district=district)
        permit_id = await make_permit(number, parcel, "123 Kings Rd", subtype="Re-roof",
                                      description="Re-roof", status="Issued",
                                      applied_on=date(2026, 11, 2), issued_on=date(2026, 11, 5),
                                      contractor=("Acme Roofing Inc", "1012345"))
        await FeeItem.insert(FeeItem(permit=permit_id, code="BLDG", description="Building",
                                     amount=Decimal("150.00"), paid=True))
        return number

    return asyncio.run(create())


def form(client, **changes) -> dict:
    return {"csrf_token": csrf(client), "type": "145", "day": WEDNESDAY.isoformat(),
            "contact_name": "Ana Ruiz", "contact_phone": "323-555-0177",
            "notes": "Lockbox 7781 on the side gate", **changes}


