"""Plan review of an application: the conversation, the reviewer's decisions and the
applicant's resubmission, each with its status change and e-mails in one transaction."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from db.applications.plan_documents import Document, Owner, documents_of, send_pending
from db.applications.review_assignments import (
    open_round, record_decision, rounds_of, unopened_round
)
from db.audit.trail import record
from db.database import Database
from db.mail.outbox import Message, enqueue_all
from db.mail.recipients import recipients
from db.permits.status import apply_status
from db.reader import as_date, as_datetime
from db.tables import Permit, ReviewComment
from domain.audit_actions import DISCIPLINE_DECIDED, PLAN_REVIEW_ACTIONS
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.permits import Status, changed_by_staff, changed_online_by
from domain.plan_review import (
    APPROVAL, CORRECTIONS as PLAN_CORRECTIONS, DECIDED_COMMENT, NOT_WAITING_FOR_CORRECTIONS,
    RESPONSE, RESUBMITTED_COMMENT, Decision, corrections_email, decision_refused,
    no_such_application, received_email, review_actions, waiting_for_answer
)
from domain.review_disciplines import (
    APPROVED, CORRECTIONS, DECISIONS, Assignment, combined_comments, current_round, disciplines_for,
    label, next_round, not_deciding, round_outcome
)
from domain.subtypes import Subtype


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
    applied_on: date | None
    comments: tuple[Comment, ...]
    reviews: tuple[Assignment, ...] = ()
    documents: tuple[Document, ...] = ()

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

    @property
    def current(self) -> list[Assignment]:
        """This round's reviews, one per discipline."""
        return current_round(self.reviews)

    @property
    def sent_documents(self) -> list[Document]:
        return [d for d in self.documents if not d.pending]

    @property
    def pending_documents(self) -> list[Document]:
        return [d for d in self.documents if d.pending]


async def under_review(number: str) -> UnderReview | None:
    permit = await Permit.select(Permit.id, Permit.number, Permit.status, Permit.subtype,
                                 Permit.description, Permit.site_address,
                                 Permit.applied_on).where(Permit.number == number).first()
    if permit is None:
        return None
    rows = await ReviewComment.select(
        ReviewComment.kind, ReviewComment.author, ReviewComment.body, ReviewComment.created_at,
    ).where(ReviewComment.permit == permit["id"]).order_by(ReviewComment.id)
    reviews = await rounds_of(permit["id"])
    applied_on = as_date(permit["applied_on"])
    if not reviews and permit["status"] == Status.IN_REVIEW.value:
        # In review from before reviews by discipline: its round, as it will open when the
        # first discipline decides.
        reviews = unopened_round(permit["subtype"], applied_on)
    return UnderReview(permit["id"], permit["number"], permit["status"], permit["subtype"],
                       permit["description"], permit["site_address"], applied_on, tuple(
                           Comment(r["kind"], r["author"], r["body"],
                                   as_datetime(r["created_at"])) for r in rows),
                       tuple(reviews), tuple(await documents_of(Owner(permit_id=permit["id"]))))


async def _comment(permit_id: int, kind: str, author: str, body: str, now: datetime) -> None:
    await ReviewComment.insert(ReviewComment(permit=permit_id, kind=kind, author=author,
                                             body=body, created_at=now))
    await record(PLAN_REVIEW_ACTIONS[kind], permit_id=permit_id, at=now, after={"comment": body})


async def _start(database: Database, current: UnderReview, reviewer: str, now: datetime,
                 today: date, notice: NoticeContext) -> Accepted[Status] | Rejected:
    outcome = await apply_status(database, current.number, Status.IN_REVIEW, now, today,
                                 changed_by_staff(reviewer), DECIDED_COMMENT, notice)
    if isinstance(outcome, Accepted) and not any(a.open for a in current.current):
        # An application from before reviews by discipline: its round opens now, due from
        # the day it was received.
        await open_round(current.id, current.subtype, current.applied_on or today)
    return outcome


async def decide(database: Database, number: str, decision: Decision, reviewer: str, now: datetime,
                 today: date, notice: NoticeContext) -> Accepted[Status | None] | Rejected:
    """One discipline's decision; when it is the round's last, the application's: approved, or
    sent back with every discipline's corrections in one letter e-mailed to the people acting
    for the permit. Accepted(None) while other disciplines are still reviewing."""
    async with database.transaction():
        await database.lock_rows("permit", "number", [number])
        current = await under_review(number)
        if current is None:
            return Rejected({"decision": no_such_application(number)})
        if refused := decision_refused(decision.action, current.status, current.subtype,
                                       current.last_kind):
            return refused
        if decision.action == "start":
            return await _start(database, current, reviewer, now, today, notice)
        if current.current and not current.current[0].id:
            await open_round(current.id, current.subtype, current.applied_on or today)
            current = await under_review(number)
        review = next((a for a in current.current
                       if a.discipline == decision.discipline and a.open), None)
        if review is None:
            return Rejected({"decision": not_deciding(decision.discipline, current.current)})
        verdict = APPROVED if decision.action == "approve" else CORRECTIONS
        await record_decision(review.id, verdict, decision.body, reviewer, now)
        await record(DISCIPLINE_DECIDED, permit_id=current.id, at=now, after={
            "discipline": review.title, "decision": DECISIONS[verdict],
            "comment": decision.body})
        decided = [replace(a, decision=verdict, comment=decision.body) if a.id == review.id
                   else a for a in current.current]
        ending = round_outcome(decided)
        if ending is None:
            return Accepted(None)
        return await _end_round(database, current, decided, ending, reviewer, now, today, notice)


async def _end_round(database: Database, current: UnderReview, decided: list[Assignment],
                     ending: str, reviewer: str, now: datetime, today: date,
                     notice: NoticeContext) -> Accepted[Status] | Rejected:
    target = Status.APPROVED if ending == APPROVED else Status.APPLIED
    # Sent back, the people acting for the permit get the corrections letter, not the
    # generic "now Applied: waiting for the city" notice, which would say the opposite.
    outcome = await apply_status(database, current.number, target, now, today,
                                 changed_by_staff(reviewer), DECIDED_COMMENT,
                                 notice if ending == APPROVED else None)
    if isinstance(outcome, Rejected):
        return outcome
    body = combined_comments(decided, ending)
    if ending == CORRECTIONS:
        await _comment(current.id, PLAN_CORRECTIONS, reviewer, body, now)
        license_no = (await Permit.select(Permit.contractor_license).where(
            Permit.id == current.id).first())["contractor_license"]
        people = (await recipients(current.id, license_no)).contacts
        subject, text = corrections_email(current.number, body, notice.city_name,
                                          notice.base_url)
        await enqueue_all([Message(email, subject, text) for email in people], now)
    elif body:
        await _comment(current.id, APPROVAL, reviewer, body, now)
    return outcome


async def resubmit(database: Database, number: str, answer: str, applicant: str, now: datetime,
                   today: date, notice: NoticeContext) -> Accepted[Status] | Rejected:
    """The applicant's answer with the files attached for it, and the application back in
    review: the disciplines that asked for corrections review again, due by the resubmittal
    turnaround from today (the clock stood still while the applicant held the plans)."""
    async with database.transaction():
        await database.lock_rows("permit", "number", [number])
        current = await under_review(number)
        if current is None or not current.waiting_for_answer:
            return Rejected({"response": NOT_WAITING_FOR_CORRECTIONS})
        outcome = await apply_status(database, number, Status.IN_REVIEW, now, today,
                                     changed_online_by(applicant), RESUBMITTED_COMMENT, notice)
        if isinstance(outcome, Rejected):
            return outcome
        await _comment(current.id, RESPONSE, applicant, answer, now)
        again = next_round(current.current) if current.current else None
        round_number, _ = await open_round(current.id, current.subtype, today, again or None)
        await send_pending(Owner(permit_id=current.id), current.id, round_number)
        return outcome


async def received(permit_id: int, number: str, application_id: int, subtype: Subtype,
                   address: str, email: str, today: date, now: datetime,
                   notice: NoticeContext) -> None:
    """In the submission's transaction: the draft's files sent as round 1, the first round of
    reviews opened for work that needs them, and the applicant told it was received."""
    await send_pending(Owner(application_id=application_id), permit_id, 1)
    due = None
    if subtype.plan_review:
        _, due = await open_round(permit_id, subtype.name, today)
    disciplines = ", ".join(label(d) for d in disciplines_for(subtype.name))
    subject, body = received_email(number, subtype.name, address,
                                   f"{due:%A %-d %B %Y}" if due else None, disciplines,
                                   notice.city_name, notice.base_url)
    if email:
        await enqueue_all([Message(email, subject, body)], now)
