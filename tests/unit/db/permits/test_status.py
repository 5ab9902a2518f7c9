"""Status changes: the domain decides, the database records the change and its history."""
from datetime import date, datetime, timezone

from db.permits.pages import load_history, load_permit
from db.permits.status import change_status
from domain.outcomes import Accepted, Rejected
from domain.permits import Status
from tests.factories import applied_permit

NOW = datetime(2026, 11, 26, 23, 30, tzinfo=timezone.utc)


async def test_a_legal_change_updates_the_permit_and_appends_history(bound, reader, known):
    number = f"PLM2026-{known['sunset']:05d}"
    async with applied_permit(number, known["sunset"], subtype="Water Heater",
                              description="50 gal water heater",
                              applied_on=date(2026, 11, 20)) as permit_id:
        outcome = await change_status(bound, number, Status.ISSUED, NOW, date(2026, 11, 26),
                                      "staff")
        assert outcome == Accepted(Status.ISSUED)
        permit = await load_permit(reader, number)
        assert (permit.status, permit.issued_on) == ("Issued", date(2026, 11, 26))
        history = await load_history(reader, permit_id)
        assert [(h.from_status, h.to_status, h.changed_at) for h in history] == [
            ("Applied", "Issued", NOW)]


async def test_an_illegal_change_is_refused_and_nothing_is_written(bound, reader, known):
    outcome = await change_status(bound, "ELE2025-00007", Status.ISSUED, NOW, NOW.date(), "staff")
    assert isinstance(outcome, Rejected) and "Finaled" in outcome.message
    assert (await load_permit(reader, "ELE2025-00007")).status == "Finaled"
    assert len(await load_history(reader, known["charger"])) == 0


async def test_changing_an_unknown_permit_is_refused(bound, reader):
    outcome = await change_status(bound, "BLD2099-99999", Status.ISSUED, NOW, NOW.date(), "staff")
    assert isinstance(outcome, Rejected) and "BLD2099-99999" in outcome.message
