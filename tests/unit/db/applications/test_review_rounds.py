"""Plan review by discipline on both engines: a round ends when its last discipline decides,
a resubmission reopens only the disciplines that asked for corrections, due by the resubmittal
turnaround, and pages read "Corrections required" from the same rows."""
from __future__ import annotations

from datetime import date, datetime, timezone

from db.applications import plan_review
from db.applications.review_assignments import rounds_of
from db.permits.dashboard import action_needed
from db.permits.pages import load_permit
from db.tables import AuditEvent
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.plan_review import Decision
from tests.factories import applied_addition

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
CITY = NoticeContext("City of Test", "https://p.test")


async def _decide(database, number, action, discipline="", body="", today=date(2026, 11, 20)):
    return await plan_review.decide(database, number, Decision(action, discipline, body),
                                    "Dana", NOW, today, CITY)


async def test_a_round_ends_with_its_last_discipline_and_a_resubmission_reopens_one(bound):
    number = await applied_addition()
    assert isinstance(await _decide(bound, number, "approve", "building"), Rejected)
    assert (await _decide(bound, number, "start")).value.value == "In Review"
    first = await plan_review.under_review(number)
    assert [(a.discipline, a.round, a.due_on) for a in first.current] == [
        ("building", 1, date(2026, 11, 17)), ("planning", 1, date(2026, 11, 17))]
    assert await _decide(bound, number, "corrections", "building", "A2: egress") == Accepted(
        None), "planning still reviews: the application waits"
    twice = await _decide(bound, number, "approve", "building")
    assert isinstance(twice, Rejected) and "already decided" in twice.message
    await _decide(bound, number, "approve", "planning", "Setbacks comply.")
    sent_back = await plan_review.under_review(number)
    assert sent_back.status == "Applied" and sent_back.waiting_for_answer
    assert sent_back.comments[-1].body == "Building:\nA2: egress"
    assert (await load_permit(bound.reader, number)).corrections_required
    assert number in [p.number for p in await action_needed(bound.reader, "1012345")]

    resubmitted = await plan_review.resubmit(bound, number, "A2 fixed.", "applicant", NOW,
                                             date(2026, 11, 24), CITY)
    assert resubmitted.value.value == "In Review"
    again = await plan_review.under_review(number)
    assert [(a.discipline, a.round, a.due_on) for a in again.current] == [
        ("building", 2, date(2026, 12, 3))], "5 business days; Thanksgiving and its Friday off"
    assert not (await load_permit(bound.reader, number)).corrections_required
    await _decide(bound, number, "approve", "building")
    assert (await plan_review.under_review(number)).status == "Approved"
    permit_id = again.id
    assert len(await rounds_of(permit_id)) == 3
    assert await AuditEvent.count().where(
        (AuditEvent.permit == permit_id)
        & (AuditEvent.action == "plan review discipline decided")) == 3
