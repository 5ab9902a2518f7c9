"""The plan review queue's filters, pages and counts' words (issue 16 §1)."""
from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from domain.dates import date_or_none
from domain.numbers import id_or_none
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType, Status
from domain.review_disciplines import DISCIPLINES
from domain.subtypes import SUBTYPES

# What waits for a plan reviewer: applied, or a review begun and not yet decided.
WAITING = (Status.APPLIED.value, Status.IN_REVIEW.value)
# ...for work that needs plan review (the rest is issued over the counter once paid).
REVIEWED = tuple(s.name for s in SUBTYPES if s.plan_review)
# "Waiting longer than": calendar days since the application, a first review being due in
# about ten business days (two weeks) and a month meaning it is late by any measure.
AGES = {"14": 14, "30": 30}
AGE_LABELS = (("14", "More than 2 weeks"), ("30", "More than 30 days"))

NOT_A_TYPE = "Choose a permit type from the list."
NOT_A_STATUS = "Choose a status from the list."
NOT_AN_AGE = "Choose how long it has waited from the list."
NOT_A_DISCIPLINE = "Choose a discipline from the list."
NOT_A_REVIEWER = "Choose a reviewer from the list."
# The reviewer filter's choice for reviews no one has been given yet.
UNASSIGNED = "none"
# The queue's lead, and where a page of it stands.
COUNT_ONE = "1 application needs plan review, oldest first."
COUNT_MANY = "{count:,} applications need plan review, oldest first."
COUNT_NONE = "No application needs plan review."
COUNT_NONE_FILTERED = "No application waiting for plan review matches these filters."
SHOWN = "Applications {first:,}–{last:,} of {total:,}"


@dataclass(frozen=True, order=True)
class Cursor:
    """A row's place in the queue's order (applied on, then id): a page starts after one or
    ends before one, so a page stays put while applications join or leave the queue."""
    applied_on: date
    id: int

    def __str__(self) -> str:
        return f"{self.applied_on.isoformat()}.{self.id}"

    @classmethod
    def read(cls, text: str) -> "Cursor | None":
        day, _, number = text.partition(".")
        applied_on, row = date_or_none(day), id_or_none(number)
        return cls(applied_on, row) if applied_on and row else None


@dataclass(frozen=True)
class QueueAsk:
    """One page of the queue, as asked: filters, and where the page starts or ends."""
    permit_type: str | None = None
    status: str | None = None
    applied_before: date | None = None  # the age filter, as the last day that qualifies
    # An open review of this discipline; given to this reviewer (an account id, or UNASSIGNED).
    discipline: str | None = None
    reviewer: int | str | None = None
    after: Cursor | None = None
    before: Cursor | None = None
    form: Mapping[str, str] | None = None  # what the filter form shows again

    @property
    def filtered(self) -> bool:
        return bool(self.permit_type or self.status or self.applied_before or self.discipline
                    or self.reviewer)


def queue_form(params: Mapping[str, str]) -> dict[str, str]:
    """The filter form as sent, trimmed: what the page shows again, accepted or refused."""
    return {name: params.get(name, "").strip()[:20]
            for name in ("type", "status", "age", "discipline", "reviewer")}


def read_queue_ask(params: Mapping[str, str], today: date, reviewer_ids: Collection[int] = ()
                   ) -> Accepted[QueueAsk] | Rejected:
    """The filters staff chose (each refused in words beside its field when it is not one of
    the choices) and the page cursor (one that is not a cursor starts at the first page)."""
    form = queue_form(params)
    errors: dict[str, str] = {}
    types = {t.value for t in PermitType}
    if form["type"] and form["type"] not in types:
        errors["type"] = NOT_A_TYPE
    if form["status"] and form["status"] not in WAITING:
        errors["status"] = NOT_A_STATUS
    if form["age"] and form["age"] not in AGES:
        errors["age"] = NOT_AN_AGE
    if form["discipline"] and form["discipline"] not in DISCIPLINES:
        errors["discipline"] = NOT_A_DISCIPLINE
    reviewer: int | str | None = None
    if form["reviewer"] == UNASSIGNED:
        reviewer = UNASSIGNED
    elif form["reviewer"]:
        reviewer = id_or_none(form["reviewer"])
        if reviewer not in reviewer_ids:
            errors["reviewer"] = NOT_A_REVIEWER
    if errors:
        return Rejected(errors)
    age = AGES.get(form["age"])
    return Accepted(QueueAsk(
        permit_type=form["type"] or None, status=form["status"] or None,
        applied_before=today - timedelta(days=age) if age else None,
        discipline=form["discipline"] or None, reviewer=reviewer,
        after=Cursor.read(params.get("after", "")[:40]),
        before=Cursor.read(params.get("before", "")[:40]), form=form))


def queue_lead(total: int, filtered: bool) -> str:
    """The sentence above the queue: how many wait, in the order they are listed."""
    if total == 0:
        return COUNT_NONE_FILTERED if filtered else COUNT_NONE
    return COUNT_ONE if total == 1 else COUNT_MANY.format(count=total)


def shown(first: int, last: int, total: int) -> str:
    """Between the page links: which applications this page lists, of how many."""
    return SHOWN.format(first=first, last=last, total=total)
