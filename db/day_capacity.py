"""Staff's capacity of one district's day: the policy's units, or a supervisor's override
(0 blocks the day), beside what is already booked."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from db.audit import record
from db.scheduling import ensure_day
from db.tables import District, InspectionDay
from db.transactions import write_transaction
from domain.scheduling import SchedulingPolicy, capacity_actions


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


async def set_capacity(district: str, day: date, units: int | None,
                       now: datetime | None = None) -> None:
    """Bookings already made stay: blocking a day stops new ones (the claim in
    db/scheduling.py compares with this capacity)."""
    async with write_transaction():
        await ensure_day(district, day)
        before = await InspectionDay.select(InspectionDay.capacity).where(
            (InspectionDay.district == district) & (InspectionDay.day == day)).first()
        if before["capacity"] == units:
            return  # saved again as it is: nothing changes, nothing to record
        await InspectionDay.update({InspectionDay.capacity: units}).where(
            (InspectionDay.district == district) & (InspectionDay.day == day))
        await record("day capacity set", subject=f"capacity {district} {day.isoformat()}",
                     at=now, before={"units": _units(before["capacity"])},
                     after={"units": _units(units)})


def _units(override: int | None) -> str:
    return {None: "the policy's", 0: "blocked"}.get(override, str(override))
