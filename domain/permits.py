"""Permit types, numbers and the legal status lifecycle."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.outcomes import Accepted, Rejected


class PermitType(str, Enum):
    BUILDING = "BLD"
    MECHANICAL = "MEC"
    ELECTRICAL = "ELE"
    PLUMBING = "PLM"

    @property
    def label(self) -> str:
        return self.name.title()


class Status(str, Enum):
    APPLIED = "Applied"
    IN_REVIEW = "In Review"
    APPROVED = "Approved"
    ISSUED = "Issued"
    FINALED = "Finaled"
    EXPIRED = "Expired"
    CANCELLED = "Cancelled"
    VOID = "Void"


# Plain-language meaning shown next to every status (GOV.UK / USWDS: status as text).
STATUS_EXPLANATIONS: dict[Status, str] = {
    Status.APPLIED: "The application was received and is waiting for the city to start its review.",
    Status.IN_REVIEW: "City staff are reviewing the plans and the application.",
    Status.APPROVED: "The application is approved; the permit is issued once all fees are paid.",
    Status.ISSUED: "Work may proceed. Inspections can be requested while the permit is active.",
    Status.FINALED: "All required inspections passed and the work is complete.",
    Status.EXPIRED: "The permit lapsed because work did not start or no inspection passed in time.",
    Status.CANCELLED: "The permit was withdrawn before the work was completed.",
    Status.VOID: "The permit was issued in error and has no effect.",
}

# The lifecycle: Applied -> In Review -> Approved -> Issued -> Finaled, plus the exits.
# Over-the-counter e-permits skip review (Applied -> Issued on payment); an expired permit
# may be renewed back to Issued under CBC §105.5 practice.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.APPLIED: frozenset({Status.IN_REVIEW, Status.ISSUED, Status.CANCELLED, Status.VOID}),
    Status.IN_REVIEW: frozenset({Status.APPROVED, Status.APPLIED, Status.CANCELLED, Status.VOID}),
    Status.APPROVED: frozenset({Status.ISSUED, Status.CANCELLED, Status.VOID}),
    Status.ISSUED: frozenset({Status.FINALED, Status.EXPIRED, Status.CANCELLED, Status.VOID}),
    Status.EXPIRED: frozenset({Status.ISSUED, Status.VOID}),
    Status.FINALED: frozenset({Status.VOID}),
    Status.CANCELLED: frozenset(),
    Status.VOID: frozenset(),
}

def transition(current: Status, target: Status) -> Accepted[Status] | Rejected:
    """Decide whether a permit in ``current`` status may move to ``target``."""
    if target in TRANSITIONS[current]:
        return Accepted(target)
    return Rejected({"status": f"A permit that is {current.value} cannot become {target.value}."})


NO_SUCH_PERMIT = "There is no permit {number}."
# Who changed a permit's status, on its history tab, when its applicant or payer did online.
CHANGED_ONLINE_BY = "web: {who}"
CHANGED_BY_STAFF = "staff: {who}"


def no_such_permit(number: str) -> str:
    """Staff asked to change a permit number that names none."""
    return NO_SUCH_PERMIT.format(number=number)


def changed_online_by(who: str) -> str:
    """The history's "changed by" of a change its applicant or payer made online."""
    return CHANGED_ONLINE_BY.format(who=who)


def changed_by_staff(who: str) -> str:
    """The history's "changed by" of a change city staff made (a plan reviewer, the counter)."""
    return CHANGED_BY_STAFF.format(who=who)


# ASCII: "\d" alone also matches other scripts' digits, which int() then reads (issue 14).
PERMIT_NUMBER = re.compile(r"^(BLD|MEC|ELE|PLM)(\d{4})-(\d{5})$", re.ASCII)


@dataclass(frozen=True)
class ListedPermit:
    """What every list of permits shows of one (search results, My Dashboard)."""
    number: str
    permit_type: str
    subtype: str
    status: str
    site_address: str
    applied_on: date
    issued_on: date | None


@dataclass(frozen=True)
class PermitNumber:
    """A permit number: type prefix, year and five-digit sequence (BLD2026-00042)."""
    permit_type: PermitType
    year: int
    sequence: int

    def __str__(self) -> str:
        return f"{self.permit_type.value}{self.year:04d}-{self.sequence:05d}"

    @classmethod
    def parse(cls, text: str) -> "PermitNumber | None":
        match = PERMIT_NUMBER.match(text.strip().upper())
        if not match:
            return None
        return cls(PermitType(match[1]), int(match[2]), int(match[3]))
