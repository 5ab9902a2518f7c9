"""Audit events are stored with their change or not at all, and name who acted and how."""
from datetime import date, datetime, timezone

import pytest

from db.audit.log import PAGE, audit_log
from db.audit.trail import (
    PHONE, STAFF, Actor, acting_as, describe, event, record, record_all, unwritten
)
from db.inspections.capacity import set_capacity
from db.permits.pages import load_audit
from db.permits.status import change_status
from db.tables import AuditEvent, InspectionDay
from domain.audit_filters import AuditAsk
from domain.permits import Status
from tests.factories import applied_permit

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)


def test_before_and_after_read_as_short_lines():
    assert describe({"status": "Issued", "inspector": None}) == "status: Issued; inspector: —"
    assert describe("as typed") == "as typed" and describe(None) == ""
    # A reason typed with a semicolon cannot pass for a field of its own.
    assert describe({"reason": "x; rule: none"}) == 'reason: "x; rule: none"'
    assert unwritten(describe({"draft": 'A "quoted"; thing'}).removeprefix("draft: ")) == \
        'A "quoted"; thing', "kept whole and read back as typed"


async def test_a_status_change_and_its_event_are_written_together(bound, reader, known):
    number = f"MEC2026-{known['sunset'] % 90000 + 10000:05d}"
    async with applied_permit(number, known["sunset"], subtype="Furnace Replacement",
                              description="Furnace", applied_on=date(2026, 11, 20)) as permit_id:
        with acting_as(Actor("dana@weho.example", STAFF)):
            await change_status(bound, number, Status.ISSUED, NOW, NOW.date(), "staff: dana")
            refused = await change_status(bound, number, Status.APPLIED, NOW, NOW.date(), "staff")
        assert refused.message, "an illegal change is refused"
        [event] = await load_audit(reader, permit_id)
        assert (event.actor, event.channel, event.action) == (
            "dana@weho.example", "staff", "status changed")
        assert (event.before, event.after, event.at) == ("status: Applied", "status: Issued", NOW)
    assert not await AuditEvent.exists().where(AuditEvent.permit == permit_id), \
        "a permit's events go with it"


async def test_a_change_that_fails_leaves_no_event(bound):
    subject = f"test {NOW.timestamp()}"
    with pytest.raises(RuntimeError):
        async with bound.transaction():
            await record("capacity set", subject=subject)
            raise RuntimeError("the change itself failed")
    assert not await AuditEvent.exists().where(AuditEvent.subject == subject)


async def test_changes_without_a_permit_are_kept_by_subject_and_the_default_is_the_system(bound):
    day = date(2031, 3, 4)
    await set_capacity(bound, "Z9", day, 0)
    with acting_as(Actor("ana@acme.example", PHONE)):
        await set_capacity(bound, "Z9", day, None)
    rows = await AuditEvent.select(AuditEvent.actor, AuditEvent.channel, AuditEvent.before,
                                   AuditEvent.after).where(
        AuditEvent.subject == "capacity Z9 2031-03-04").order_by(AuditEvent.id)
    assert [tuple(r.values()) for r in rows] == [
        ("system", "system", "units: the policy's", "units: blocked"),
        ("ana@acme.example", "phone", "units: blocked", "units: the policy's")]
    await AuditEvent.delete().where(AuditEvent.subject == "capacity Z9 2031-03-04")
    await InspectionDay.delete().where(InspectionDay.district == "Z9")


async def test_the_log_pages_every_event_newest_first_and_can_leave_out_permits(reader, known):
    subject = f"log test {NOW.timestamp()}"
    await record_all([event("capacity set", subject=f"{subject} {n}", at=NOW)
                      for n in range(PAGE + 5)])
    await record("status changed", permit_id=known["charger"], subject=subject)
    try:
        first, older = await audit_log()
        assert [e.action for e in first[:2]] == ["status changed", "capacity set"]
        assert first[0].permit_number == "ELE2025-00007" and len(first) == PAGE
        assert first[1].subject == f"{subject} {PAGE + 4}"
        second, _ = await audit_log(AuditAsk(older=older))
        # The first page held the status change and 99 of the 105: the last six follow.
        assert [e.subject for e in second[:6]] == [f"{subject} {n}" for n in range(5, -1, -1)]
        assert second[0].id < first[-1].id
        others, _ = await audit_log(AuditAsk(without_permit=True))
        assert others[0].subject == f"{subject} {PAGE + 4}" and all(
            e.permit_number is None for e in others)
    finally:
        await AuditEvent.delete().where(AuditEvent.subject.like(f"{subject}%"))
