"""Known permits, parcels and a project that tests can look for by name."""
from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from db.tables import (
    FeeItem, Inspection, Parcel, Permit, PermitContact, PermitStatusChange, Project
)
from domain.addresses import format_address, street_key

# The known data's "now": 9 am on Friday 4 December 2026 in the city, when its permits issued
# in November 2026 are current. Apps under test start their clocks here, so the suite passes on
# any date it runs (DESIGN §5; `make test-dates`).
KNOWN_NOW = datetime(2026, 12, 4, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
KNOWN_TODAY = KNOWN_NOW.date()


def ticking_from(moment: datetime) -> Callable[[], datetime]:
    """An app clock that starts at ``moment`` and runs at the real clock's pace."""
    start = time.monotonic()
    utc = moment.astimezone(timezone.utc)
    return lambda: utc + timedelta(seconds=time.monotonic() - start)


# Private details that must never reach a public page.
PRIVATE_PHONE = "323-555-0142"
PRIVATE_EMAIL = "maria.owner@example.com"
PRIVATE_NOTE = "Gate code 4471#, call the site super"


async def make_parcel(apn: str, number: int, street: str, suffix: str, unit: str | None = None,
                      district: str = "West") -> int:
    rows = await Parcel.insert(Parcel(
        apn=apn, house_number=number, street_name=street, street_suffix=suffix,
        street_key=street_key(street), unit=unit, city="West Hollywood", state="CA",
        zip_code="90069", latitude=34.0901, longitude=-118.3850, zoning="CC1", district=district,
    ))
    return rows[0]["id"]


async def free_number(prefix: str) -> str:
    """A permit number ``prefix``-NNNNN no permit has yet (five random digits drawn again
    when taken: a session's tests make hundreds of permits)."""
    while True:
        number = f"{prefix}-{uuid.uuid4().int % 90000 + 10000:05d}"
        if not await Permit.exists().where(Permit.number == number):
            return number


async def make_permit(number: str, parcel_id: int, address: str, *, subtype: str,
                      description: str, status: str, applied_on: date,
                      issued_on: date | None = None, finaled_on: date | None = None,
                      project_id: int | None = None, contractor: tuple[str, str] | None = None,
                      valuation: str = "25000.00", expires_on: date | None = None) -> int:
    rows = await Permit.insert(Permit(
        number=number, permit_type=number[:3], subtype=subtype, description=description,
        valuation=Decimal(valuation), status=status, parcel=parcel_id, project=project_id,
        site_address=address, permit_class="Residential", work_class="Existing",
        applied_on=applied_on, issued_on=issued_on, finaled_on=finaled_on,
        expires_on=expires_on or (date(2027, 5, 20) if issued_on else None),
        status_changed_at=datetime(2026, 11, 23, 17, 5, tzinfo=timezone.utc),
        contractor_license=contractor[1] if contractor else None,
        contractor_name=contractor[0] if contractor else None,
    ))
    return rows[0]["id"]


async def applied_addition() -> str:
    """A residential addition (work that needs plan review by building and planning) applied
    for by Acme (1012345) on 2 November 2026: its number."""
    number = await free_number("BLD2026")
    parcel = await make_parcel(f"R{uuid.uuid4().hex[:11]}", 77, "Vista", "St")
    await make_permit(number, parcel, "77 Vista St", subtype="Residential Addition",
                      description="Add a bedroom and bath at the rear", status="Applied",
                      applied_on=date(2026, 11, 2), contractor=("Acme Roofing Inc", "1012345"))
    return number


@asynccontextmanager
async def applied_permit(number: str, parcel_id: int, *, subtype: str, description: str,
                         applied_on: date, **more) -> AsyncIterator[int]:
    """A permit applied for at 8500 Sunset Blvd, for one test: deleted afterwards, and its
    history, events and notices with it."""
    permit_id = await make_permit(number, parcel_id, "8500 Sunset Blvd", subtype=subtype,
                                  description=description, status="Applied",
                                  applied_on=applied_on, **more)
    try:
        yield permit_id
    finally:
        await Permit.delete().where(Permit.id == permit_id)


async def seed_known() -> dict[str, int]:
    """Two parcels, three permits, one project; returns ids by name."""
    sunset = await make_parcel("9999-001-001", 8500, "Sunset", "Blvd")
    havenhurst = await make_parcel("9999-002-003", 1234, "N Havenhurst", "Dr", unit="3",
                                   district="Central")
    project = (await Project.insert(Project(
        name="Sunset Strip storefront renovation", description="Roof and HVAC of a storefront",
        parcel=sunset, created_on=date(2026, 10, 1),
    )))[0]["id"]
    acme = ("Acme Roofing Inc", "1012345")
    roof = await make_permit(
        "BLD2026-00042", sunset, format_address(8500, "Sunset Blvd"), subtype="Re-roof",
        description="Tear off and re-roof with class A cool-roof shingles", status="Issued",
        applied_on=date(2026, 10, 2), issued_on=date(2026, 11, 23), project_id=project,
        contractor=acme,
    )
    hvac = await make_permit(
        "MEC2026-00003", sunset, format_address(8500, "Sunset Blvd"), subtype="HVAC Change-out",
        description="Replace two rooftop package units", status="Applied",
        applied_on=date(2026, 10, 5), project_id=project,
        contractor=("Cool Air Mechanical", "1023456"),
    )
    charger = await make_permit(
        "ELE2025-00007", havenhurst, format_address(1234, "N Havenhurst Dr", "3"),
        subtype="EV Charger", description="Level 2 EV charger in the garage, 50 A circuit",
        status="Finaled", applied_on=date(2025, 3, 3), issued_on=date(2025, 3, 4),
        finaled_on=date(2025, 4, 1), contractor=("Bright Spark Electric", "1034567"),
        valuation="3500.00",
    )
    await PermitContact.insert(
        PermitContact(permit=roof, role="contractor", name="Ana Ruiz", company=acme[0],
                      license_number=acme[1], phone="323-555-0100", email="ana@example.com"),
        PermitContact(permit=roof, role="owner", name="Maria Owner", phone=PRIVATE_PHONE,
                      email=PRIVATE_EMAIL),
    )
    await FeeItem.insert(
        FeeItem(permit=roof, code="BLDG", description="Building permit fee",
                amount=Decimal("391.25"), paid=True),
        FeeItem(permit=roof, code="SMIP", description="SMIP (PRC §2705)",
                amount=Decimal("3.25"), paid=True),
        FeeItem(permit=roof, code="CBSC", description="CBSC (HSC §18931.6)",
                amount=Decimal("1.00"), paid=False),
    )
    await Inspection.insert(Inspection(
        permit=roof, type_code="110", type_name="Roof Sheathing", requested_on=date(2026, 11, 24),
        scheduled_for=date(2026, 11, 25), status="Completed", result="Corrections required",
        inspector="J. Inspector", public_notes="Nail spacing at ridge exceeds 6 in.",
        private_notes=PRIVATE_NOTE, inspected_at=datetime(2026, 11, 25, 18, 30, tzinfo=timezone.utc),
    ))
    await PermitStatusChange.insert(
        PermitStatusChange(permit=roof, from_status=None, to_status="Applied",
                           changed_at=datetime(2026, 10, 2, 16, 0, tzinfo=timezone.utc),
                           changed_by="web"),
        PermitStatusChange(permit=roof, from_status="Applied", to_status="Issued",
                           changed_at=datetime(2026, 11, 23, 17, 5, tzinfo=timezone.utc),
                           changed_by="staff"),
    )
    return {"sunset": sunset, "havenhurst": havenhurst, "project": project, "roof": roof,
            "hvac": hvac, "charger": charger}


# Licenses of the known permits' contractors, and one of each kind of refusal.
def known_license_rows(today: date) -> list[dict[str, str]]:
    from db.demo.licenses import license_row

    return [
        license_row("1012345", "Acme Roofing Inc", today=today, classes="C39|B"),
        license_row("1023456", "Cool Air Mechanical", today=today, classes="C20"),
        license_row("1034567", "Bright Spark Electric", today=today, classes="C10",
                    workers_comp="exempt"),
        # Nobody registers this one except the colleague tests.
        license_row("1045678", "Joinable Builders Inc", today=today, classes="B"),
        license_row("2000001", "Suspended Roofing Co", today=today, classes="C39",
                    status="Work Comp Susp"),
        license_row("2000002", "Uninsured Electric", today=today, classes="C10",
                    workers_comp="none"),
        license_row("2000003", "Lapsed Plumbing", today=today, classes="C36",
                    expires_on=date(2025, 1, 31)),
    ]


# The plan review queue of the browser journeys: issue 16's technician found 141 applications
# waiting; with the demo's one, these make that many.
QUEUED_APPLICATIONS = 140


async def seed_waiting_applications(count: int = QUEUED_APPLICATIONS) -> None:
    """``count`` applications waiting for plan review since 2025, numbered BLD2025-70101 on."""
    parcel = await make_parcel("9999-018-001", 100, "Queue", "Ln")
    for i in range(count):
        await make_permit(f"BLD2025-{70101 + i:05d}", parcel, "100 Queue Ln",
                          subtype="Residential Remodel", description="Kitchen and bath remodel",
                          status="Applied", applied_on=date(2025, 1, 2) + timedelta(days=2 * i))


async def seed_scheduled_inspection(permit_id: int, on: date, type_name: str = "Final") -> int:
    rows = await Inspection.insert(Inspection(
        permit=permit_id, type_code="199", type_name=type_name, requested_on=on,
        scheduled_for=on, status="Scheduled", private_notes=PRIVATE_NOTE))
    return rows[0]["id"]


# Streets of a seeded route; each stop gets its own parcel in map book 9998 (never the demo's).
ROUTE_STREETS = ("Holloway", "Larrabee", "Palm", "Westmount", "Hilldale", "Sherbourne")


async def seed_route(inspector_email: str, day: date, stops: int, first_number: int,
                     district: str = "West") -> list[dict]:
    """``stops`` issued re-roof permits, each with a framing inspection scheduled on ``day``
    and assigned to the inspector: an inspector's route. Permit numbers start at
    BLD2026-<first_number>, so routes seeded by different tests never collide."""
    from db.tables import Account

    inspector = await Account.select(Account.id, Account.first_name).where(
        Account.email == inspector_email).first()
    route = []
    for i in range(stops):
        number = f"BLD2026-{first_number + i:05d}"
        house, street = 100 + 2 * i, ROUTE_STREETS[i % len(ROUTE_STREETS)]
        parcel = await make_parcel(f"9998-{first_number // 100:03d}-{i:03d}", house, street,
                                   "Dr", district=district)
        address = format_address(house, f"{street} Dr")
        permit = await make_permit(number, parcel, address, subtype="Re-roof",
                                   description="Re-roof with class A shingles", status="Issued",
                                   applied_on=date(2026, 9, 1), issued_on=date(2026, 9, 15),
                                   expires_on=date(2027, 9, 15))
        rows = await Inspection.insert(Inspection(
            permit=permit, type_code="145", type_name="Roof Nailing", requested_on=day,
            scheduled_for=day, status="Scheduled", district=district,
            contact_name="Ana Ruiz", contact_phone="323-555-0100",
            request_notes=f"Gate code {4000 + i}#", inspector=inspector["first_name"],
            inspector_account=inspector["id"]))
        route.append({"id": rows[0]["id"], "permit": number, "address": address})
    return route
