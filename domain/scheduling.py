"""Which dates an inspection can be booked on: business days, cut-off, lead, horizon, capacity."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain.effective_dates import in_force
from domain.numbers import read_whole
from domain.outcomes import Accepted, Rejected


@dataclass(frozen=True)
class SchedulingPolicy:
    """The city's scheduling rules (../shared/reference/inspections.md), edited as data."""
    effective: date
    timezone: str
    request_cutoff: time  # a request before it counts today, after it the next business day
    lead_business_days: int  # 1: the next business day after the day a request counts
    horizon_days: int  # the last bookable date is at most this many days after today
    default_capacity: int  # units an inspection district can take a day
    district_capacity: tuple[tuple[str, int], ...] = ()  # (district, units) pairs
    cancel_cutoff: time = time(7, 0)  # on the inspection day: routes leave the office then
    closures: frozenset[date] = frozenset()  # city closure dates beyond the public holidays
    open_on_holidays: frozenset[str] = frozenset()  # holiday names the department works on
    # Plan review's turnaround (issue 16 §2): business days from an application's receipt to
    # its first review's due date, and from a resubmission to the next review's.
    first_review_days: int = 10
    resubmittal_review_days: int = 5

    def capacity_of(self, district: str) -> int:
        return dict(self.district_capacity).get(district, self.default_capacity)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class BusinessCalendar:
    """Weekdays that are neither public holidays nor city closures."""
    closed: frozenset[date]

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closed

    def next_business_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def add_business_days(self, day: date, count: int) -> date:
        for _ in range(count):
            day = self.next_business_day(day)
        return day


@dataclass(frozen=True)
class Holiday:
    """A public holiday (several names when two fall on one date) and whether the department
    works on it: only when it works on every one of its names."""
    day: date
    names: tuple[str, ...]
    open: bool


OBSERVED = " (observed)"


def holidays_of(public: Mapping[date, str], policy: SchedulingPolicy) -> tuple[Holiday, ...]:
    """``public``: date -> names joined by "; " (the ``holidays`` package's form). A holiday's
    observed day (Veterans Day on a Saturday is observed on Friday) follows the holiday's own
    name, in any year."""
    open_on = {n.removesuffix(OBSERVED) for n in policy.open_on_holidays}
    return tuple(Holiday(day, names, {n.removesuffix(OBSERVED) for n in names} <= open_on)
                 for day, names in ((d, tuple(public[d].split("; "))) for d in sorted(public)))


def closed_days(public: Mapping[date, str], policy: SchedulingPolicy) -> frozenset[date]:
    """The public holidays the department closes on, and the city's own closures."""
    return frozenset({h.day for h in holidays_of(public, policy) if not h.open}
                     | policy.closures)


@dataclass(frozen=True)
class DistrictDays:
    """What is already booked in one district: units per date, and the days whose capacity
    staff changed (0 blocks a day)."""
    booked: Mapping[date, int] = field(default_factory=dict)
    capacity: Mapping[date, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DateOption:
    day: date
    remaining: int  # capacity units still free that day


def parse_policy(data: Mapping[str, Any]) -> SchedulingPolicy:
    """A policy from its JSON form (a rule version's body; the first is
    db/rules/scheduling_policies/*.json)."""
    policy = SchedulingPolicy(
        effective=date.fromisoformat(data["effective"]),
        timezone=data["timezone"],
        request_cutoff=time.fromisoformat(data["request_cutoff"]),
        lead_business_days=int(data["lead_business_days"]),
        horizon_days=int(data["horizon_days"]),
        default_capacity=int(data["default_capacity"]),
        district_capacity=tuple((k, int(v)) for k, v in data.get("district_capacity", {}).items()),
        cancel_cutoff=time.fromisoformat(data["cancel_cutoff"]),
        closures=frozenset(date.fromisoformat(d) for d in data.get("closures", [])),
        open_on_holidays=frozenset(data.get("open_on_holidays", [])),
        first_review_days=int(data.get("first_review_days", 10)),
        resubmittal_review_days=int(data.get("resubmittal_review_days", 5)),
    )
    ZoneInfo(policy.timezone)  # an unknown zone fails on loading, not on the first request
    if min(policy.lead_business_days, policy.default_capacity, policy.first_review_days - 1,
           policy.resubmittal_review_days - 1, policy.horizon_days - 1) < 0:
        raise ValueError(f"scheduling policy of {policy.effective}: impossible lead, horizon "
                         "or capacity")
    return policy


def policy_on(policies: tuple[SchedulingPolicy, ...], day: date) -> SchedulingPolicy:
    return in_force(policies, day, "scheduling policy")


def local_now(now: datetime, policy: SchedulingPolicy) -> datetime:
    """``now`` (timezone-aware) on the city's wall clock, daylight saving included."""
    return now.astimezone(policy.zone)


def counting_day(now: datetime, policy: SchedulingPolicy, calendar: BusinessCalendar) -> date:
    """The business day a request made at ``now`` counts on: today before the cut-off,
    otherwise (and on weekends and holidays) the next business day — routes for tomorrow are
    set at today's cut-off."""
    local = local_now(now, policy)
    today = local.date()
    if calendar.is_business_day(today) and local.time() < policy.request_cutoff:
        return today
    return calendar.next_business_day(today)


def earliest_date(now: datetime, policy: SchedulingPolicy, calendar: BusinessCalendar) -> date:
    return calendar.add_business_days(counting_day(now, policy, calendar),
                                      policy.lead_business_days)


def bookable_dates(now: datetime, policy: SchedulingPolicy,
                   calendar: BusinessCalendar) -> tuple[date, ...]:
    """Business days from the earliest date through the horizon, before capacity."""
    last = local_now(now, policy).date() + timedelta(days=policy.horizon_days)
    day, days = earliest_date(now, policy, calendar), []
    while day <= last:
        days.append(day)
        day = calendar.next_business_day(day)
    return tuple(days)


def available_dates(now: datetime, policy: SchedulingPolicy, calendar: BusinessCalendar,
                    district: str, units: int, days: DistrictDays,
                    exclude: date | None = None) -> tuple[DateOption, ...]:
    """The dates on which ``units`` of capacity are still free in ``district`` (``exclude``:
    the date an inspection being rescheduled already holds)."""
    options = []
    for day in bookable_dates(now, policy, calendar):
        capacity = days.capacity.get(day, policy.capacity_of(district))
        remaining = capacity - days.booked.get(day, 0)
        if day != exclude and remaining >= units:
            options.append(DateOption(day, remaining))
    return tuple(options)


def cancel_deadline(day: date, policy: SchedulingPolicy) -> datetime:
    """When an inspection on ``day`` stops being cancellable, as an aware datetime."""
    return datetime.combine(day, policy.cancel_cutoff, tzinfo=policy.zone)


def may_still_change(day: date | None, now: datetime, policy: SchedulingPolicy) -> bool:
    """Cancelling or rescheduling is allowed until the cut-off on the inspection day."""
    return day is not None and now < cancel_deadline(day, policy)


MAX_DAY_CAPACITY = 500  # units: far beyond any district's day, so a typo is caught


def check_day_capacity(text: str) -> Accepted[int | None] | Rejected:
    """A supervisor's capacity for one district's day: units, 0 blocks the day, empty goes
    back to the policy's."""
    text = text.strip()
    if not text:
        return Accepted(None)
    units = read_whole(text, most=MAX_DAY_CAPACITY)
    if isinstance(units, Rejected):
        return Rejected({"capacity": f"Enter a number of units from 0 (no inspections) to "
                                     f"{MAX_DAY_CAPACITY}, or leave it empty for the policy's."})
    return units


CAPACITY_ACTIONS = ("save", "block", "policy")
# A day's units as the audit log says them: its own number, blocked, or the policy's.
UNITS_IN_LOG = {None: "the policy's", 0: "blocked"}


def units_in_log(override: int | None) -> str:
    return UNITS_IN_LOG.get(override, str(override))


def capacity_actions(override: int | None) -> tuple[str, ...]:
    """What the board offers for a district's day, and the only actions accepted however
    posted (issue 14 §6): save units always; block the day unless it is blocked; back to the
    policy's units only when the day has its own."""
    return ("save",) + (("block",) if override != 0 else ()) + (
        ("policy",) if override is not None else ())


def capacity_refused(action: str, override: int | None) -> str | None:
    """Why ``action`` is not offered for the day now; None when it is."""
    if action in capacity_actions(override):
        return None
    if action == "block":
        return "Nothing was changed: the day is already blocked."
    return "Nothing was changed: the day already has the policy's units."

