"""Recording a result on both engines: only from its day, with the time it was entered beside
the time it arrived, and a kept result recorded by a supervisor credited to its inspector
(issue 14 §6)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from db.inspections import conflicts
from db.inspections.results import Conflict, Enterer, record_result
from db.tables import Inspection, OutboxMessage, Permit, ResultConflict
from domain.inspection_results import ResultEntry
from domain.outcomes import Accepted, Rejected
from domain.result_timing import CityTime
from tests.unit.db.inspections.booking_week import (  # noqa: F401 (company: a fixture)
    LA, NOW, ON_TUESDAY, ON_WEDNESDAY, RULES, book, company, district_with_permits,
    inspector_account
)

APPROVED = ResultEntry("Approved", "Underlayment OK", "", False)
# Entered on the phone at 8:05 am on Tuesday; it reaches the server at 9 am.
ENTERED = datetime(2031, 3, 4, 8, 5, tzinfo=LA).astimezone(timezone.utc)


async def booked(database, company, inspector_id: int | None = None) -> tuple[str, int]:
    """A re-roof permit with its 145 inspection booked for Tuesday."""
    _, (number,) = await district_with_permits(1, inspector_id)
    outcome = await book(database, number, company)
    return number, outcome.value.inspection_id


async def test_a_result_before_its_day_is_refused_and_writes_nothing(bound, company):
    number, inspection_id = await booked(bound, company)
    rosa = await inspector_account(bound)
    monday = CityTime(NOW, LA)
    refused = await record_result(bound, inspection_id, APPROVED,
                                  Enterer(rosa, "Rosa", staff=True), monday, RULES.notice)
    assert refused == Rejected({"result": "This inspection is on Tuesday 4 March 2031: its "
                                          "result can be recorded from that day."})
    row = await Inspection.select(Inspection.status, Inspection.result).where(
        Inspection.id == inspection_id).first()
    assert (row["status"], row["result"]) == ("Scheduled", None)
    assert not await ResultConflict.exists().where(ResultConflict.inspection == inspection_id)
    queued_monday = Enterer(rosa, "Rosa", staff=True, entered_at=NOW)
    early = await record_result(bound, inspection_id, APPROVED, queued_monday,
                                ON_TUESDAY, RULES.notice)
    assert "entered on Monday 3 March 2031" in early.errors["result"]


async def test_the_entered_time_and_the_arrival_are_kept_and_the_permit_follows_the_entry(bound, 
        company):
    number, inspection_id = await booked(bound, company)
    rosa = await inspector_account(bound)
    assert await record_result(bound, inspection_id, APPROVED, Enterer(
        rosa, "Rosa Delgado", staff=True, entered_at=ENTERED), ON_WEDNESDAY,
        RULES.notice) == Accepted(number), "entered on Tuesday offline, synced on Wednesday"
    row = await Inspection.select(Inspection.inspected_at, Inspection.received_at,
                                  Inspection.inspector, Inspection.approved_by).where(
        Inspection.id == inspection_id).first()
    assert (row["inspected_at"], row["received_at"]) == (ENTERED, ON_WEDNESDAY.now)
    assert (row["inspector"], row["approved_by"]) == ("Rosa Delgado", "")
    permit = await Permit.select(Permit.expires_on).where(Permit.number == number).first()
    assert str(permit["expires_on"]) == "2031-08-31", "180 days from the day it was entered"


async def test_a_supervisor_records_a_kept_result_credited_to_its_inspector(bound, company):
    rosa = await inspector_account(bound, "Rosa Delgado")
    kofi = await inspector_account(bound, "Kofi")
    number, inspection_id = await booked(bound, company, kofi)  # assigned to Kofi, done by Rosa
    kept = await record_result(bound, inspection_id, APPROVED, Enterer(
        rosa, "Rosa Delgado", entered_at=ENTERED), ON_TUESDAY, RULES.notice)
    assert isinstance(kept, Conflict) and "reassigned" in kept.reason
    afternoon = CityTime(ON_TUESDAY.now + timedelta(hours=5), LA)
    [waiting] = [w for w in await conflicts.unresolved(at=afternoon)
                 if w.inspection_id == inspection_id]
    assert waiting.refusal is None and waiting.entered_at == ENTERED
    assert await conflicts.resolve(bound, waiting.id, True, "Dana", "Rosa did go",
                                   afternoon, RULES.notice) == Accepted(number)
    row = await Inspection.select(Inspection.inspector, Inspection.approved_by,
                                  Inspection.inspected_at, Inspection.received_at).where(
        Inspection.id == inspection_id).first()
    assert (row["inspector"], row["approved_by"]) == ("Rosa Delgado", "Dana")
    assert (row["inspected_at"], row["received_at"]) == (ENTERED, ON_TUESDAY.now)
    told = await OutboxMessage.select(OutboxMessage.subject).where(
        OutboxMessage.subject == f"Your 145 Re-roof Underlayment result for {number} was "
                                 "recorded").first()
    assert told is not None
    [decided] = await conflicts.decided(rosa, afternoon.now)
    assert (decided.recorded, decided.by, decided.note) == (True, "Dana", "Rosa did go")
    again = await conflicts.resolve(bound, waiting.id, False, "Sam", "", afternoon,
                                           RULES.notice)
    assert again.errors == {f"decision-{waiting.id}": (
        f"The 145 Re-roof Underlayment result (Approved) for permit {number} of Tuesday 4 "
        "March 2031 was already decided by Dana.")}


async def test_record_it_is_refused_by_the_rule_that_hides_it(bound, company):
    rosa = await inspector_account(bound)
    number, inspection_id = await booked(bound, company)
    await record_result(bound, inspection_id, APPROVED,
                        Enterer(rosa, "Rosa", staff=True), ON_TUESDAY, RULES.notice)
    kept = await record_result(bound, inspection_id,
                               ResultEntry("Partial", "Half", "", False),
                               Enterer(rosa, "Rosa", staff=True), ON_TUESDAY, RULES.notice)
    [waiting] = [w for w in await conflicts.unresolved(at=ON_TUESDAY)
                 if w.id == kept.id]
    assert waiting.refusal == "The inspection was already completed when this result arrived."
    refused = await conflicts.resolve(bound, kept.id, True, "Dana", "", ON_TUESDAY,
                                             RULES.notice)
    assert refused.errors[f"decision-{kept.id}"].startswith(
        f"The 145 Re-roof Underlayment result (Partial) for permit {number} of Tuesday 4 March "
        "2031 cannot be recorded: the inspection was already completed")
    assert await ResultConflict.exists().where(
        (ResultConflict.id == kept.id) & ResultConflict.resolved_at.is_null()), "still waiting"
