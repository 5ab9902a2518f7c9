"""The phone line PIN locks in force, for staff to see and clear (domain/pin_locks.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from db.audit.trail import record
from db.database import Database
from db.reader import as_datetime
from db.tables import ContractorLicense, SignInFailure
from domain.audit_actions import PIN_LOCK_CLEARED
from domain.pin_locks import LONGEST, PREFIX, PinLock, current_locks, subject_of
from domain.result_timing import clock_text


@dataclass(frozen=True)
class ShownLock:
    lock: PinLock
    business_name: str  # the license's, from the state registry; "" for an owner-builder


async def _failures(now: datetime, key: str | None = None) -> dict[str, list[datetime]]:
    where = SignInFailure.failed_at >= now - LONGEST
    where &= (SignInFailure.key == key) if key else SignInFailure.key.like(f"{PREFIX}%")
    found: dict[str, list[datetime]] = {}
    for row in await SignInFailure.select(SignInFailure.key, SignInFailure.failed_at).where(
            where):
        found.setdefault(row["key"], []).append(as_datetime(row["failed_at"]))
    return found


async def pin_locks(now: datetime) -> list[ShownLock]:
    locks = current_locks(await _failures(now), now)
    licenses = {lock.license_no for lock in locks if lock.license_no}
    names = {r["license_no"]: r["business_name"] for r in await ContractorLicense.select(
        ContractorLicense.license_no, ContractorLicense.business_name).where(
        ContractorLicense.license_no.is_in(sorted(licenses)))} if licenses else {}
    return [ShownLock(lock, names.get(lock.license_no or "", "")) for lock in locks]


async def clear_pin_lock(database: Database, key: str, now: datetime,
                         zone: tzinfo) -> PinLock | None:
    """Staff lift a lock in force: its failures are forgotten, on the audit log (its end on
    the city's clock, ``zone``). None when that key is not locked (it ended, or someone
    cleared it a moment ago)."""
    async with database.transaction():
        locks = current_locks(await _failures(now, key), now)
        if not locks:
            return None
        lock = locks[0]
        await SignInFailure.delete().where(SignInFailure.key == key)
        await record(PIN_LOCK_CLEARED, subject=subject_of(lock), at=now,
                     before={"wrong PINs": lock.failures,
                             "locked until": clock_text(lock.until, zone)},
                     after={"wrong PINs": 0})
    return lock
