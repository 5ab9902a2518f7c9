"""Plan review of an application: the conversation, the reviewer's decisions and the
applicant's resubmission, each with its status change and e-mails in one transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from db.audit.trail import record
from db.database import Database
from db.mail.outbox import Message, enqueue_all
from db.mail.recipients import recipients
from db.permits.status import apply_status
from db.reader import as_datetime
from db.tables import Permit, ReviewComment
from domain.audit_actions import PLAN_REVIEW_ACTIONS
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.permits import Status, changed_by_staff, changed_online_by
from domain.plan_review import (
    CORRECTIONS, DECIDED_COMMENT, NOT_WAITING_FOR_CORRECTIONS, RESPONSE, RESUBMITTED_COMMENT,
    Decision, corrections_email, decision_refused, no_such_application, review_actions,
    waiting_for_answer
)


@dataclass(frozen=True)
class Comment:
    kind: str
    author: str
    body: str
    at: datetime


@dataclass(frozen=True)
class UnderReview:
    id: int
    number: str
    status: str
    subtype: str
    description: str
    site_address: str
    comments: tuple[Comment, ...]

    @property
    def last_kind(self) -> str | None:
        return self.comments[-1].kind if self.comments else None

    @property
    def waiting_for_answer(self) -> bool:
        return waiting_for_answer(self.status, self.last_kind)

    @property
    def actions(self) -> tuple[str, ...]:
        """The decisions the review page offers (and the only ones ``decide`` accepts)."""
        return review_actions(self.status, self.subtype, self.last_kind)


async def under_review(number: str) -> UnderReview | None:
    permit = await Permit.select(Permit.id, Permit.number, Permit.status, Permit.subtype,
                                 Permit.description, Permit.site_address).where(
        Permit.number == number).first()
    if permit is None:
        return None
    rows = await ReviewComment.select(
        ReviewComment.kind, ReviewComment.author, ReviewComment.body, ReviewComment.created_at,
    ).where(ReviewComment.permit == permit["id"]).order_by(ReviewComment.id)
    return UnderReview(permit["id"], permit["number"], permit["status"], permit["subtype"],
                       permit["description"], permit["site_address"], tuple(
                           Comment(r["kind"], r["author"], r["body"],
                                   as_datetime(r["created_at"])) for r in rows))


async def _comment(permit_id: int, kind: str, author: str, body: str, now: datetime) -> None:
    await ReviewComment.insert(ReviewComment(permit=permit_id, kind=kind, author=author,
                                             body=body, created_at=now))
    await record(PLAN_REVIEW_ACTIONS[kind], permit_id=permit_id, at=now, after={"comment": body})


async def decide(database: Database, number: str, decision: Decision, reviewer: str, now: datetime,
                 today: date, notice: NoticeContext) -> Accepted[Status] | Rejected:
    """The status change (which e-mails the permit's people), the reviewer's comment, and for
    corrections the list itself to the people acting for the permit."""
    async with database.transaction():
        await database.lock_rows("permit", "number", [number])
        current = await under_review(number)
        if current is None:
            return Rejected({"decision": no_such_application(number)})
        if refused := decision_refused(decision.action, current.status, current.subtype,
                                       current.last_kind):
            return refused
        outcome = await apply_status(database, number, decision.target, now, today,
                                     changed_by_staff(reviewer), DECIDED_COMMENT, notice)
        if isinstance(outcome, Rejected):
            return outcome
        permit = await Permit.select(Permit.id, Permit.contractor_license).where(
            Permit.number == number).first()
        if decision.kind:
            await _comment(permit["id"], decision.kind, reviewer, decision.body, now)
        if decision.kind == CORRECTIONS:
            people = (await recipients(permit["id"], permit["contractor_license"])).contacts
            subject, body = corrections_email(number, decision.body, notice.city_name,
                                              notice.base_url)
            await enqueue_all([Message(email, subject, body) for email in people], now)
        return outcome


async def resubmit(database: Database, number: str, answer: str, applicant: str, now: datetime,
                   today: date, notice: NoticeContext) -> Accepted[Status] | Rejected:
    """The applicant's answer, and the application back in review."""
    async with database.transaction():
        current = await under_review(number)
        if current is None or not current.waiting_for_answer:
            return Rejected({"response": NOT_WAITING_FOR_CORRECTIONS})
        outcome = await apply_status(database, number, Status.IN_REVIEW, now, today,
                                     changed_online_by(applicant), RESUBMITTED_COMMENT, notice)
        if isinstance(outcome, Rejected):
            return outcome
        await _comment(current.id, RESPONSE, applicant, answer, now)
        return outcome
