"""A district's day: the units booked on it (claimed only while they fit, given back on a
cancellation), and staff's capacity, the policy's units or a supervisor's override (0 blocks
the day).

Capacity is a counter per district and date (``inspection_day``). Booking raises it in one
conditional UPDATE that matches only while the units still fit, so of many requests racing
for the last unit exactly one matches — on PostgreSQL the row lock re-checks the condition,
on SQLite writes already take turns (db/transactions.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from db.audit.trail import record
from db.database import Database
from db.reader import as_date
from db.tables import District, InspectionDay
from domain.audit_actions import DAY_CAPACITY_SET
from domain.audit_subjects import capacity_subject
from domain.scheduling import DistrictDays, SchedulingPolicy, capacity_actions, units_in_log


@dataclass(frozen=True)
class DistrictDay:
    district: str
    policy_units: int
    override: int | None
    booked: int

    @property
    def units(self) -> int:
        return self.policy_units if self.override is None else self.override

    @property
    def blocked(self) -> bool:
        return self.override == 0

    @property
    def actions(self) -> tuple[str, ...]:
        return capacity_actions(self.override)


async def day_capacities(day: date, policy: SchedulingPolicy) -> list[DistrictDay]:
    """Every district the policy, the district table or the day's bookings know."""
    rows = await InspectionDay.select(InspectionDay.district, InspectionDay.booked,
                                      InspectionDay.capacity).where(InspectionDay.day == day)
    by_district = {r["district"]: r for r in rows}
    codes = {code for code, _ in policy.district_capacity} | set(by_district) | {
        r["code"] for r in await District.select(District.code)}
    return [DistrictDay(code, policy.capacity_of(code),
                        by_district.get(code, {}).get("capacity"),
                        by_district.get(code, {}).get("booked", 0))
            for code in sorted(codes)]


async def set_capacity(database: Database, district: str, day: date, units: int | None,
                       now: datetime | None = None) -> None:
    """Bookings already made stay: blocking a day stops new ones (``claim`` below compares
    with this capacity)."""
    async with database.transaction():
        await ensure_day(district, day)
        before = await InspectionDay.select(InspectionDay.capacity).where(
            (InspectionDay.district == district) & (InspectionDay.day == day)).first()
        if before["capacity"] == units:
            return  # saved again as it is: nothing changes, nothing to record
        await InspectionDay.update({InspectionDay.capacity: units}).where(
            (InspectionDay.district == district) & (InspectionDay.day == day))
        await record(DAY_CAPACITY_SET, subject=capacity_subject(district, day),
                     at=now, before={"units": units_in_log(before["capacity"])},
                     after={"units": units_in_log(units)})


async def district_days(district: str, days: tuple[date, ...]) -> DistrictDays:
    if not days:
        return DistrictDays()
    rows = await InspectionDay.select(
        InspectionDay.day, InspectionDay.booked, InspectionDay.capacity,
    ).where((InspectionDay.district == district) & (InspectionDay.day >= days[0])
            & (InspectionDay.day <= days[-1]))
    return DistrictDays(
        booked={as_date(r["day"]): r["booked"] for r in rows},
        capacity={as_date(r["day"]): r["capacity"] for r in rows if r["capacity"] is not None})


async def ensure_day(district: str, day: date) -> None:
    """The capacity counter of a district's day, created empty if it is not there yet (the
    unique index makes racing creators agree)."""
    await InspectionDay.raw(
        "INSERT INTO inspection_day (district, day, booked) VALUES ({}, {}, 0)"
        " ON CONFLICT (district, day) DO NOTHING", district, day)


async def claim(district: str, day: date, units: int, capacity: int) -> bool:
    """Take ``units`` of the day's capacity if they still fit; inside the caller's
    transaction."""
    await ensure_day(district, day)
    claimed = await InspectionDay.raw(
        "UPDATE inspection_day SET booked = booked + {} WHERE district = {} AND day = {}"
        " AND booked + {} <= coalesce(capacity, {}) RETURNING id",
        units, district, day, units, capacity)
    return bool(claimed)


async def release_units(district: str, day: date | None, units: int) -> None:
    if day is None:
        return
    await InspectionDay.raw(
        "UPDATE inspection_day SET booked = CASE WHEN booked > {} THEN booked - {} ELSE 0 END"
        " WHERE district = {} AND day = {}", units, units, district, day)
