"""Plan review by discipline (issue 16 §2): who reviews, each round's due date and outcome."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.outcomes import Accepted, Rejected
from domain.scheduling import BusinessCalendar, SchedulingPolicy

# The department's review disciplines, in the order a plan check lists them.
DISCIPLINES = {"building": "Building", "mechanical": "Mechanical", "electrical": "Electrical",
               "plumbing": "Plumbing", "fire": "Fire", "planning": "Planning"}
# Which disciplines review each kind of work from the start: structure and life safety
# (building), zoning (planning: setbacks, height, ADU rules under Gov. Code §66314), and the
# fire marshal's review of multi-family and commercial occupancies (CFC §105). A reviewer adds
# another on the review page when the plans call for it.
_BY_SUBTYPE = {
    "Residential Remodel": ("building", "planning"),
    "Residential Addition": ("building", "planning"),
    "New Single-Family Dwelling": ("building", "planning", "fire"),
    "New Multi-Family Building": ("building", "planning", "fire", "mechanical",
                                  "electrical", "plumbing"),
    "Accessory Dwelling Unit": ("building", "planning"),
    "Commercial Tenant Improvement": ("building", "fire", "mechanical", "electrical",
                                      "plumbing"),
    "Seismic Retrofit": ("building",),
    "Demolition": ("building", "planning"),
    "Pool and Spa": ("building", "planning"),
    "Commercial Kitchen Hood": ("mechanical", "fire"),
    "Commercial Lighting": ("electrical",),
}
OPEN, APPROVED, CORRECTIONS = "", "approved", "corrections"
DECISIONS = {APPROVED: "Approved", CORRECTIONS: "Corrections required"}
DUE_SOON_DAYS = 2  # business days: the workload page's "due soon"

CHOOSE_DISCIPLINE = "Choose a discipline from the list."
ALREADY_THERE = "{discipline} already reviews this round."
CHOOSE_REVIEWER = "Choose a reviewer from the list."
NOT_OPEN = "{discipline} has already decided this round: nothing was changed."
NOT_IN_ROUND = ("{discipline} does not review this round: nothing was changed. Add it to the "
                "round first if the plans need it.")


def disciplines_for(subtype: str) -> tuple[str, ...]:
    return _BY_SUBTYPE.get(subtype, ("building",))


def label(discipline: str) -> str:
    return DISCIPLINES.get(discipline, discipline.title())


def check_discipline(discipline: str, present: Sequence[str]) -> Accepted[str] | Rejected:
    if discipline not in DISCIPLINES:
        return Rejected({"discipline": CHOOSE_DISCIPLINE})
    if discipline in present:
        return Rejected({"discipline": ALREADY_THERE.format(discipline=label(discipline))})
    return Accepted(discipline)


def due_on(received: date, first: bool, policy: SchedulingPolicy,
           calendar: BusinessCalendar) -> date:
    """The review's due date: business days from the day the plans were received, by the
    turnaround policy in force that day. A round begins on receipt, so the days an application
    spends with the applicant for corrections never count against the city."""
    days = policy.first_review_days if first else policy.resubmittal_review_days
    return calendar.add_business_days(received, days)


@dataclass(frozen=True)
class Assignment:
    id: int
    discipline: str
    reviewer_id: int | None
    reviewer: str
    round: int
    due_on: date
    decision: str
    comment: str

    @property
    def open(self) -> bool:
        return self.decision == OPEN

    @property
    def title(self) -> str:
        return label(self.discipline)


def not_deciding(discipline: str, current: Sequence[Assignment]) -> str:
    """Why ``discipline`` cannot decide in this round."""
    if discipline not in DISCIPLINES:
        return CHOOSE_DISCIPLINE
    if any(a.discipline == discipline for a in current):
        return NOT_OPEN.format(discipline=label(discipline))
    return NOT_IN_ROUND.format(discipline=label(discipline))


def current_round(assignments: Sequence[Assignment]) -> list[Assignment]:
    """The latest round's reviews, one per discipline."""
    latest = max((a.round for a in assignments), default=0)
    return [a for a in assignments if a.round == latest]


def round_outcome(assignments: Sequence[Assignment]) -> str | None:
    """What a round adds up to once every discipline has decided: corrections when any asked
    for them, approval when all approved; None while one is still open."""
    if not assignments or any(a.open for a in assignments):
        return None
    return CORRECTIONS if any(a.decision == CORRECTIONS for a in assignments) else APPROVED


def combined_comments(assignments: Sequence[Assignment], decision: str) -> str:
    """The one letter the applicant receives: each discipline's comments under its name."""
    parts = [f"{a.title}:\n{a.comment}" for a in assignments
             if a.decision == decision and a.comment]
    return "\n\n".join(parts)


def next_round(assignments: Sequence[Assignment]) -> list[tuple[str, int | None]]:
    """After a resubmission, the disciplines that asked for corrections review again, by the
    same reviewers; those that approved stay approved."""
    return [(a.discipline, a.reviewer_id) for a in assignments if a.decision == CORRECTIONS]


def workload_group(due: date, today: date, calendar: BusinessCalendar) -> str:
    """overdue, due soon (within DUE_SOON_DAYS business days) or later."""
    if due < today:
        return "overdue"
    return "soon" if due <= calendar.add_business_days(today, DUE_SOON_DAYS) else "later"
