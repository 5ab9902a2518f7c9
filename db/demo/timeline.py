"""A demo permit's life: review, issuance, inspections, expiry and final, cut at today.

Dates are day ordinals (``date.toordinal()``) and times minutes after local midnight, so a
million permits cost integer arithmetic, not datetime objects; ``Clock`` turns them into the
ISO texts the database stores (timestamps in UTC, as Piccolo writes them).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.inspection_types import (
    APPROVED, CANCELLED, COMPLETED, CORRECTIONS, NO_ACCESS, NOT_READY, PARTIAL, SCHEDULED
)
from domain.permits import Status

APPLIED, IN_REVIEW, APPROVED_S = (Status.APPLIED.value, Status.IN_REVIEW.value,
                                   Status.APPROVED.value)
ISSUED, FINALED, EXPIRED = Status.ISSUED.value, Status.FINALED.value, Status.EXPIRED.value
CANCELLED_S, VOID = Status.CANCELLED.value, Status.VOID.value
PERMIT_LIFE_DAYS = 180  # expires 180 days after issuance or the last approved inspection
CITY_TIME_ZONE = ZoneInfo("America/Los_Angeles")
_TIMES = tuple(f"{m // 60:02d}:{m % 60:02d}:00+00:00" for m in range(1440))

# Who made a change: filled in by the generator from its pools of people.
APPLICANT, PLAN_CHECK, COUNTER, INSPECTOR, SYSTEM_ACTOR = range(5)
# Inspection results by cumulative probability; the rest are approvals.
_RESULTS = ((0.11, CORRECTIONS), (0.15, PARTIAL), (0.18, NOT_READY), (0.20, NO_ACCESS))


class Clock:
    """ISO texts, weekdays and UTC offsets for every day from ``first`` to ``last``."""

    def __init__(self, first: date, last: date) -> None:
        self.base = first.toordinal()
        days = [first + timedelta(days=i) for i in range((last - first).days + 2)]
        self.day = [d.isoformat() for d in days]
        self.weekend = [d.weekday() >= 5 for d in days]
        # Minutes to add to local time to get UTC (480 in winter, 420 in summer).
        self.offset = [-int(datetime(d.year, d.month, d.day, 12, tzinfo=CITY_TIME_ZONE)
                            .utcoffset().total_seconds() // 60) for d in days]

    def date(self, ordinal: int) -> str:
        return self.day[ordinal - self.base]

    def ts(self, ordinal: int, local_minute: int) -> str:
        i = ordinal - self.base
        minute = local_minute + self.offset[i]
        if minute >= 1440:
            i, minute = i + 1, minute - 1440
        return f"{self.day[i]} {_TIMES[minute]}"

    def business_day_after(self, ordinal: int) -> int:
        ordinal += 1
        while self.weekend[ordinal - self.base]:
            ordinal += 1
        return ordinal


@dataclass
class Life:
    status: str = APPLIED
    issued: int | None = None
    expires: int | None = None
    finaled: int | None = None
    reviewed: bool = False


def simulate(r, plan_review: bool, review: tuple[int, int], gap: tuple[int, int],
             sequence: tuple[str, ...], applied: int, today: int, clock: Clock,
             changes: list, inspections: list) -> Life:
    """Append (from, to, day, minute, actor, comment) status changes and
    (code, requested, scheduled, status, result, minute, reinspection) inspections, where
    ``reinspection`` is the inspector's "Reinspection needed" (not "this one is a retry").

    ``r`` is the generator's ``random.random``; events after ``today`` never happen.
    """
    story = _Story(r, today, clock, changes, inspections, applied)
    issued = story.apply(plan_review, review)
    if issued is not None:
        story.build(issued, sequence, gap)
    return story.life


class _Story:
    def __init__(self, r, today: int, clock: Clock, changes: list, inspections: list,
                 applied: int) -> None:
        self.r, self.today, self.clock = r, today, clock
        self.changes, self.inspections = changes, inspections
        self.life = Life()
        self.last = (applied, 420 + int(r() * 900))  # online, 7 am to 10 pm
        changes.append((None, APPLIED, applied, self.last[1], APPLICANT,
                        "Application submitted online"))

    def change(self, to: str, day: int, actor: int, comment: str, minute: int = -1) -> None:
        if minute < 0:
            minute = 480 + int(self.r() * 540)  # office hours
        if day == self.last[0] and minute <= self.last[1]:  # history must read in order
            minute = min(self.last[1] + 1 + int(self.r() * 30), 1439)
        self.last = (day, minute)
        self.changes.append((self.life.status, to, day, minute, actor, comment))
        self.life.status = to

    def apply(self, plan_review: bool, review: tuple[int, int]) -> int | None:
        """From application to issuance; the day of issuance, or None if it never comes."""
        r, today, t = self.r, self.today, self.last[0]
        if plan_review:
            t += 1 + int(r() * 7)
            if t > today:
                return None
            self.change(IN_REVIEW, t, COUNTER, "Accepted for plan review")
            self.life.reviewed = True
            for round_ in range(4):
                t += review[0] + int(r() * (review[1] - review[0]))
                if t > today:
                    return None
                if r() < 0.03:
                    self.change(CANCELLED_S, t, APPLICANT, "Application withdrawn by the applicant")
                    return None
                if round_ == 3 or r() >= 0.3:
                    break
                self.change(APPLIED, t, PLAN_CHECK, "Corrections issued; awaiting resubmittal")
                t += 7 + int(r() * 35)
                if t > today:
                    return None
                self.change(IN_REVIEW, t, APPLICANT, "Corrected plans resubmitted")
            self.change(APPROVED_S, t, PLAN_CHECK, "Plans approved; permit ready on payment")
            if r() < 0.03:  # never picked up: the approval lapses
                if t + PERMIT_LIFE_DAYS <= today:
                    self.change(CANCELLED_S, t + PERMIT_LIFE_DAYS, SYSTEM_ACTOR,
                                "Approval lapsed: permit not issued within 180 days")
                return None
            t += 1 + int(r() * 25)
        else:
            if r() < 0.012:
                t += 1 + int(r() * 20)
                if t <= today:
                    self.change(CANCELLED_S, t, APPLICANT,
                                "Application withdrawn by the applicant")
                return None
            t += 0 if r() < 0.45 else 1 + int(r() * 20)  # paid at once, or after a while
        if t > today:
            return None
        self.change(ISSUED, t, COUNTER, "Fees paid; permit issued")
        self.life.issued, self.life.expires = t, t + PERMIT_LIFE_DAYS
        if r() < 0.004:
            t += 1 + int(r() * 20)
            if t <= today:
                self.change(VOID, t, COUNTER, "Issued in error (duplicate application); voided")
            return None
        return t

    def build(self, t: int, sequence: tuple[str, ...], gap: tuple[int, int]) -> None:
        """Inspections in sequence until the final passes, the permit lapses or today."""
        r, today, life = self.r, self.today, self.life
        give_up = t + 30 + int(r() * 400) if r() < 0.008 else None
        # Work stalls at one stage on some permits, long enough for the permit to lapse.
        stall = int(r() * len(sequence)) if r() < 0.14 else -1
        step, retry = 0, False
        while step < len(sequence):
            wait = 1 + int(r() * 13) if retry else gap[0] + int(r() * (gap[1] - gap[0]))
            if step == stall and not retry:
                wait, stall = wait + 200 + int(r() * 300), -1
            requested = t + wait
            scheduled = (self.clock.business_day_after(requested) if requested <= today
                         else requested)
            if give_up is not None and requested > give_up and give_up <= life.expires:
                give_up = max(give_up, t + 1)
                if give_up <= today:
                    self.change(CANCELLED_S, give_up, APPLICANT, "Cancelled at the owner's request")
                return
            if scheduled > life.expires:
                lapse = life.expires + 1
                if lapse > today:
                    return
                self.change(EXPIRED, lapse, SYSTEM_ACTOR,
                            "No approved inspection within 180 days", minute=60)
                t = lapse + 10 + int(r() * 150)
                if r() >= 0.4 or t > today:
                    return
                self.change(ISSUED, t, COUNTER, "Permit renewed; renewal fee paid")
                life.expires, retry = t + PERMIT_LIFE_DAYS, False
                continue
            if requested > today:
                return
            code = sequence[step]
            if scheduled >= today:
                self.inspections.append((code, requested, scheduled, SCHEDULED, None, 0, False))
                return
            x = r()
            if x < 0.02:
                self.inspections.append((code, requested, scheduled, CANCELLED, CANCELLED, 0,
                                         False))
                t, retry = requested, True
                continue
            result = next((name for limit, name in _RESULTS if x < limit), APPROVED)
            minute = 480 + int(r() * 450)
            # Every result that did not pass is requested again below: the inspector said
            # a reinspection is needed (BLDS's ReInspection, issue 14).
            self.inspections.append((code, requested, scheduled, COMPLETED, result, minute,
                                     result != APPROVED))
            t = scheduled
            if result != APPROVED:
                retry = True
                continue
            life.expires, retry = scheduled + PERMIT_LIFE_DAYS, False
            step += 1
            if FIRST_CATALOG.by_code[code].final:
                self.change(FINALED, scheduled, INSPECTOR, "Final inspection approved",
                            minute=min(minute + 15, 1000))
                life.finaled = scheduled
                return
