"""Audit events are stored with their change or not at all, and name who acted and how."""
from datetime import date, datetime, timezone

import pytest

from db.audit import PHONE, STAFF, Actor, acting_as, describe, record
from db.day_capacity import set_capacity
from db.permit_pages import load_audit
from db.permit_status import change_status
from db.tables import AuditEvent, InspectionDay, Permit
from db.transactions import write_transaction
from domain.permits import Status
from tests.factories import make_permit

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)


def test_before_and_after_read_as_short_lines():
    assert describe({"status": "Issued", "inspector": None}) == "status: Issued; inspector: —"
    assert describe("as typed") == "as typed" and describe(None) == ""


async def test_a_status_change_and_its_event_are_written_together(reader, known):
    number = f"MEC2026-{known['sunset'] % 90000 + 10000:05d}"
    permit_id = await make_permit(number, known["sunset"], "8500 Sunset Blvd",
                                  subtype="Furnace Replacement", description="Furnace",
                                  status="Applied", applied_on=date(2026, 11, 20))
    try:
        with acting_as(Actor("dana@weho.example", STAFF)):
            await change_status(number, Status.ISSUED, NOW, NOW.date(), "staff: dana")
            refused = await change_status(number, Status.APPLIED, NOW, NOW.date(), "staff")
        assert refused.message, "an illegal change is refused"
        [event] = await load_audit(reader, permit_id)
        assert (event.actor, event.channel, event.action) == (
            "dana@weho.example", "staff", "status changed")
        assert (event.before, event.after, event.at) == ("status: Applied", "status: Issued", NOW)
    finally:
        await Permit.delete().where(Permit.id == permit_id)
    assert not await AuditEvent.exists().where(AuditEvent.permit == permit_id), \
        "a permit's events go with it"


async def test_a_change_that_fails_leaves_no_event(bound):
    subject = f"test {NOW.timestamp()}"
    with pytest.raises(RuntimeError):
        async with write_transaction():
            await record("capacity set", subject=subject)
            raise RuntimeError("the change itself failed")
    assert not await AuditEvent.exists().where(AuditEvent.subject == subject)


async def test_changes_without_a_permit_are_kept_by_subject_and_the_default_is_the_system(bound):
    day = date(2031, 3, 4)
    await set_capacity("Z9", day, 0)
    with acting_as(Actor("ana@acme.example", PHONE)):
        await set_capacity("Z9", day, None)
    rows = await AuditEvent.select(AuditEvent.actor, AuditEvent.channel, AuditEvent.before,
                                   AuditEvent.after).where(
        AuditEvent.subject == "capacity Z9 2031-03-04").order_by(AuditEvent.id)
    assert [tuple(r.values()) for r in rows] == [
        ("system", "system", "units: the policy's", "units: blocked"),
        ("ana@acme.example", "phone", "units: blocked", "units: the policy's")]
    await AuditEvent.delete().where(AuditEvent.subject == "capacity Z9 2031-03-04")
    await InspectionDay.delete().where(InspectionDay.district == "Z9")
