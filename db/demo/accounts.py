"""Demo accounts of every role, with logins printed by ``make run`` (demo mode only)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone

from db.accounts import accounts, passwords
from db.database import Database
from db.demo.people import contractor_pools
from db.tables import Account, District, Inspection, InspectionDay, Parcel, Permit
from domain.accounts import Role
from domain.inspection_types import SCHEDULED

DEMO_PASSWORD = "permitline-demo-2026"
DISTRICT_INSPECTORS = {"inspector@example.com": "West",
                       "inspector.central@example.com": "Central",
                       "inspector.east@example.com": "East"}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    note: str


async def _busiest_license(licenses: list[str]) -> str:
    """The license with the most permits in the loaded demo data."""
    best, most = licenses[0], -1
    for license_no in licenses:
        count = await Permit.count().where(Permit.contractor_license == license_no)
        if count > most:
            best, most = license_no, count
    return best


async def create_demo_accounts(database: Database, seed: int = 1) -> list[DemoLogin]:
    """Create the demo accounts that do not exist yet; returns every demo login."""
    pools = contractor_pools(random.Random(seed))
    general = await _busiest_license([p.license_number for p in pools["general"][:5]])
    electric = pools["electrical"][0]
    company = next(p for p in pools["general"] if p.license_number == general)
    home = await Parcel.select(Parcel.id).where(Parcel.unit.is_null()).order_by(
        Parcel.id).first()
    people = [
        ("contractor@example.com", Role.CONTRACTOR, company.name, dict(
            license_no=general, business_name=company.company),
         f"{company.company}, license {general}"),
        ("electrician@example.com", Role.CONTRACTOR, electric.name, dict(
            license_no=electric.license_number, business_name=electric.company),
         f"{electric.company}, license {electric.license_number} (another company)"),
        ("owner@example.com", Role.OWNER_BUILDER, "Maria Owner-Builder",
         dict(parcel=home["id"] if home else None, owner_declared_at=datetime.now(timezone.utc)),
         "approved owner-builder"),
        ("inspector@example.com", Role.INSPECTOR, "Rosa Delgado", {}, "West district"),
        ("inspector.central@example.com", Role.INSPECTOR, "Tomas Ferreira", {},
         "Central district"),
        ("inspector.east@example.com", Role.INSPECTOR, "Yuki Arakawa", {}, "East district"),
        ("staff@example.com", Role.STAFF, "Dana Whitcombe", dict(supervisor=True),
         "permit counter supervisor"),
    ]
    password_hash = await passwords.hash_password(DEMO_PASSWORD)
    now = datetime.now(timezone.utc)
    for email, role, name, extra, _ in people:
        if await Account.exists().where(Account.username == email):
            continue
        await accounts.create_account(database, email=email, password_hash=password_hash, name=name,
                                      phone="323-555-0199", role=role, email_verified_at=now,
                                      now=now, **extra)
    await assign_districts()
    return [DemoLogin(email, role.value, note) for email, role, _, _, note in people]


async def assign_districts() -> None:
    """Each district to its demo inspector, and the demo's scheduled inspections to them,
    with the capacity they take counted (they were generated, not booked)."""
    for email, district in DISTRICT_INSPECTORS.items():
        inspector = await Account.select(Account.id, Account.first_name).where(
            Account.username == email).first()
        if not await District.exists().where(District.code == district):
            await District.insert(District(code=district, inspector=inspector["id"]))
        await Inspection.update({Inspection.inspector_account: inspector["id"],
                                 Inspection.inspector: inspector["first_name"]}).where(
            (Inspection.district == district) & (Inspection.status == SCHEDULED)
            & Inspection.inspector_account.is_null())
    if not await InspectionDay.exists():
        await InspectionDay.raw(
            "INSERT INTO inspection_day (district, day, booked) SELECT district,"
            " scheduled_for, sum(units) FROM inspection WHERE status = {}"
            " AND scheduled_for IS NOT NULL GROUP BY district, scheduled_for", SCHEDULED)
