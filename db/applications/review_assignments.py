"""Each discipline's review of an application's rounds: opened, assigned, decided."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from db.audit.trail import record
from db.database import Database
from db.reader import as_date
from db.rules.scheduling_policies import calendar_from, policy_for
from db.tables import Account, ReviewAssignment
from domain.accounts import Role
from domain.audit_actions import REVIEW_ASSIGNED
from domain.outcomes import Accepted, Rejected
from domain.review_disciplines import (
    CHOOSE_REVIEWER, OPEN, Assignment, check_discipline, current_round, disciplines_for, due_on,
    label
)

# An account keeps the whole name in first_name (db/accounts/accounts.py); one without a name
# reads as its e-mail address.
_COLUMNS = (ReviewAssignment.id, ReviewAssignment.discipline, ReviewAssignment.reviewer,
            ReviewAssignment.reviewer.first_name, ReviewAssignment.reviewer.email,
            ReviewAssignment.round, ReviewAssignment.due_on, ReviewAssignment.decision,
            ReviewAssignment.comment)


def _assignment(row: dict) -> Assignment:
    reviewer = (row["reviewer.first_name"] or row["reviewer.email"]) if row["reviewer"] else ""
    return Assignment(row["id"], row["discipline"], row["reviewer"], reviewer, row["round"],
                      as_date(row["due_on"]), row["decision"], row["comment"])


async def rounds_of(permit_id: int) -> list[Assignment]:
    """Every discipline's review of every round, oldest round first."""
    rows = await ReviewAssignment.select(*_COLUMNS).where(
        ReviewAssignment.permit == permit_id).order_by(ReviewAssignment.round).order_by(
        ReviewAssignment.id)
    return [_assignment(r) for r in rows]


async def open_round(permit_id: int, subtype: str, received: date,
                     carried: list[tuple[str, int | None]] | None = None
                     ) -> tuple[int, date]:
    """In the caller's transaction: the next round's reviews, due by the turnaround policy in
    force on the day the plans were received (the first round's disciplines by the kind of
    work; a resubmission's those that asked for corrections, with the same reviewers)."""
    latest = await ReviewAssignment.select(ReviewAssignment.round).where(
        ReviewAssignment.permit == permit_id).order_by(
        ReviewAssignment.round, ascending=False).first()
    number = (latest["round"] + 1) if latest else 1
    first = number == 1
    due = due_on(received, first, policy_for(received), calendar_from(received))
    reviews = carried if carried is not None else [(d, None) for d in disciplines_for(subtype)]
    if any(reviewer for _, reviewer in reviews):
        # Someone deactivated or made an inspector since the last round takes no new one: it
        # waits in the queue as not assigned yet, where staff give it to someone.
        able = {account_id for account_id, _ in await reviewers()}
        reviews = [(d, reviewer if reviewer in able else None) for d, reviewer in reviews]
    if reviews:
        await ReviewAssignment.insert(*(ReviewAssignment(
            permit=permit_id, discipline=discipline, round=number, reviewer=reviewer,
            due_on=due) for discipline, reviewer in reviews))
    return number, due


def unopened_round(subtype: str, received: date) -> list[Assignment]:
    """The first round's reviews as they would open now (not stored: id 0)."""
    due = due_on(received, True, policy_for(received), calendar_from(received))
    return [Assignment(0, d, None, "", 1, due, OPEN, "") for d in disciplines_for(subtype)]


async def reviewers() -> list[tuple[int, str]]:
    """Staff who can be given a review, by name."""
    rows = await Account.select(Account.id, Account.first_name, Account.email).where(
        (Account.role == Role.STAFF.value) & (Account.active == True)  # noqa: E712
    ).order_by(Account.first_name).order_by(Account.id)
    return [(r["id"], r["first_name"] or r["email"]) for r in rows]


async def assign(database: Database, permit_id: int, assignment_id: int, reviewer_id: int | None
                 ) -> Accepted[str] | Rejected:
    """Give one discipline's open review to a reviewer (or to nobody)."""
    async with database.transaction():
        await database.lock_rows("permit", "id", [permit_id])
        # The reviewer's row as well, which deactivating them or making them an inspector
        # locks to count their open reviews (db/accounts/staff_accounts.py): one decides after
        # the other, and no review is given to someone who can no longer take it.
        await database.lock_rows("account", "id", [reviewer_id] if reviewer_id else [])
        staff = dict(await reviewers())
        if reviewer_id is not None and reviewer_id not in staff:
            return Rejected({"reviewer": CHOOSE_REVIEWER})
        row = await ReviewAssignment.select(ReviewAssignment.discipline,
                                            ReviewAssignment.decision).where(
            (ReviewAssignment.id == assignment_id)
            & (ReviewAssignment.permit == permit_id)).first()
        if row is None or row["decision"] != OPEN:
            return Rejected({"reviewer": "That review is already decided: nothing was changed."})
        await ReviewAssignment.update({ReviewAssignment.reviewer: reviewer_id}).where(
            ReviewAssignment.id == assignment_id)
        who = staff.get(reviewer_id, "nobody")
        await record(REVIEW_ASSIGNED, permit_id=permit_id,
                     after={"discipline": label(row["discipline"]), "reviewer": who})
    return Accepted(who)


async def add_discipline(database: Database, permit_id: int, discipline: str
                         ) -> Accepted[str] | Rejected:
    """Another discipline in the current open round, due with the others."""
    async with database.transaction():
        await database.lock_rows("permit", "id", [permit_id])
        present = current_round(await rounds_of(permit_id))
        if not present or not any(a.open for a in present):
            return Rejected({"discipline": "Add a discipline while the review is open."})
        checked = check_discipline(discipline, [a.discipline for a in present])
        if isinstance(checked, Rejected):
            return checked
        await ReviewAssignment.insert(ReviewAssignment(
            permit=permit_id, discipline=discipline, round=present[0].round,
            due_on=present[0].due_on))
        await record(REVIEW_ASSIGNED, permit_id=permit_id, after={
            "discipline": label(discipline), "added to round": present[0].round})
    return Accepted(label(discipline))


async def record_decision(assignment_id: int, decision: str, comment: str, reviewer: str,
                          now: datetime) -> None:
    await ReviewAssignment.update({
        ReviewAssignment.decision: decision, ReviewAssignment.comment: comment,
        ReviewAssignment.decided_by: reviewer, ReviewAssignment.decided_at: now,
    }).where(ReviewAssignment.id == assignment_id)


@dataclass(frozen=True)
class Work:
    """One open review on a reviewer's desk."""
    number: str
    site_address: str
    subtype: str
    discipline: str
    round: int
    due_on: date


async def workload(reviewer_id: int) -> list[Work]:
    """The open reviews given to a reviewer, soonest due first."""
    rows = await ReviewAssignment.select(
        ReviewAssignment.permit.number, ReviewAssignment.permit.site_address,
        ReviewAssignment.permit.subtype, ReviewAssignment.discipline, ReviewAssignment.round,
        ReviewAssignment.due_on,
    ).where((ReviewAssignment.reviewer == reviewer_id)
            & (ReviewAssignment.decision == OPEN)).order_by(
        ReviewAssignment.due_on).order_by(ReviewAssignment.id)
    return [Work(r["permit.number"], r["permit.site_address"], r["permit.subtype"],
                 r["discipline"], r["round"], as_date(r["due_on"])) for r in rows]
