"""A week of bookings in 2031 the booking, result and reversal tests share: the city's moments, its
policy, Acme's company and districts full of its permits."""
from __future__ import annotations

import uuid
from datetime import date, datetime, time, timezone
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from db.accounts import accounts
from db.inspections import booking
from db.inspections.booking import Scheduler
from db.inspections.results import Enterer
from db.tables import District, FeeItem, InspectionDay, PermitContact
from domain.accounts import Role
from domain.notifications import NoticeContext
from domain.result_timing import CityTime
from domain.scheduling import BusinessCalendar, SchedulingPolicy
from tests.factories import free_number, make_parcel, make_permit

LA = ZoneInfo("America/Los_Angeles")


# Monday 3 March 2031, 9 am in the city: the next business day is Tuesday the 4th.
NOW = datetime(2031, 3, 3, 9, 0, tzinfo=LA).astimezone(timezone.utc)


TODAY = date(2031, 3, 3)


TUESDAY = date(2031, 3, 4)


WEDNESDAY = date(2031, 3, 5)


# Results are recorded on the inspection's day (issue 14 §6): 9 am on Tuesday, on Wednesday.
ON_TUESDAY = CityTime(datetime(2031, 3, 4, 9, 0, tzinfo=LA).astimezone(timezone.utc), LA)


ON_WEDNESDAY = CityTime(datetime(2031, 3, 5, 9, 0, tzinfo=LA).astimezone(timezone.utc), LA)


POLICY = SchedulingPolicy(
    effective=date(2026, 1, 1), timezone="America/Los_Angeles", request_cutoff=time(15),
    lead_business_days=1, horizon_days=14, default_capacity=8, cancel_cutoff=time(7))


RULES = Scheduler(POLICY, BusinessCalendar(frozenset()),
                  NoticeContext("West Hollywood", "http://permits.test"))


ACME = ("Acme Roofing Inc", "1012345")


# Results entered by city staff (no assignment to check).
STAFF = Enterer(account_id=None, name="Dana", staff=True)


async def contractor(database, license_no: str) -> SimpleNamespace:
    account_id = await accounts.create_account(
        database, email=f"sched.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y", name="Ana Ruiz", phone="323-555-0100",
        role=Role.CONTRACTOR, license_no=license_no, now=NOW)
    return SimpleNamespace(id=account_id, license_no=license_no, verification="verified")


@pytest.fixture
async def company(bound):
    return await contractor(bound, "1012345")


def request(code: str = "145", day: date = TUESDAY) -> dict[str, str]:
    """The request form as the web and the phone line fill it in."""
    return {"type": code, "day": day.isoformat(), "contact_name": "Ana Ruiz",
            "contact_phone": "323-555-0100", "notes": "Gate code 4412"}


async def book(database, number: str, company):
    """Ana's request (`request()`: the 145 inspection on Tuesday) made today for ``number``."""
    return await booking.request_inspection(database, number, request(), company, "Ana",
                                            NOW, TODAY, RULES, [])


async def booked_units(district: str, day: date = TUESDAY) -> int:
    """The capacity units the district's counter holds for ``day``."""
    row = await InspectionDay.select(InspectionDay.booked).where(
        (InspectionDay.district == district) & (InspectionDay.day == day)).first()
    return row["booked"] if row else 0


async def district_with_permits(count: int, inspector_id: int | None = None
                                ) -> tuple[str, list[str]]:
    """A district of this test's own (counters of other tests never collide) with ``count``
    issued, paid re-roof permits of Acme's."""
    district = f"T{uuid.uuid4().hex[:8]}"
    await District.insert(District(code=district, inspector=inspector_id))
    parcel = await make_parcel(f"T{uuid.uuid4().hex[:11]}", 100, "Test", "St",
                               district=district)
    numbers = []
    for _ in range(count):
        number = await free_number("BLD2031")
        permit_id = await make_permit(number, parcel, "100 Test St", subtype="Re-roof",
                                      description="Re-roof", status="Issued",
                                      applied_on=date(2031, 1, 2), issued_on=date(2031, 1, 5),
                                      expires_on=date(2031, 7, 4), contractor=ACME)
        await FeeItem.insert(FeeItem(permit=permit_id, code="BLDG", description="Building",
                                     amount=Decimal("200.00"), paid=True))
        await PermitContact.insert(PermitContact(
            permit=permit_id, role="contractor", name="Ana Ruiz", company=ACME[0],
            license_number=ACME[1], email="ana.acme@example.com"))
        numbers.append(number)
    return district, numbers


async def inspector_account(database, name: str = "Rosa Delgado") -> int:
    return await accounts.create_account(
        database, email=f"insp.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y", name=name, phone="323-555-0101", role=Role.INSPECTOR,
        now=NOW)
