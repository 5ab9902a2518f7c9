"""The inspection board's day, whole or narrowed to one inspector or district, and handing an
inspector's whole day to another (a sick inspector: issue 16 §3)."""
from __future__ import annotations

from datetime import date, datetime

from db.audit.trail import event, record_all
from db.database import Database
from db.inspections.route import Stop, stops_where
from db.tables import Account, Inspection
from domain.accounts import Role
from domain.audit_actions import INSPECTION_REASSIGNED
from domain.audit_subjects import inspection_subject
from domain.inspection_board import NOBODY
from domain.inspection_types import SCHEDULED


async def board_of(day: date, inspector_id: int | None = None,
                   district: str | None = None) -> list[Stop]:
    """The day's inspections in route order, of one inspector (NOBODY: of none) or one
    district when asked."""
    where = Inspection.scheduled_for == day
    if inspector_id == NOBODY:
        where &= Inspection.inspector_account.is_null()
    elif inspector_id is not None:
        where &= Inspection.inspector_account == inspector_id
    if district:
        where &= Inspection.district == district
    return await stops_where(where)


async def day_holders(day: date) -> list[tuple[int, str]]:
    """The inspectors still holding scheduled inspections on ``day`` (a departed one too,
    whose day is handed over), by name."""
    rows = await Inspection.select(Inspection.inspector_account,
                                   Inspection.inspector_account.first_name).where(
        (Inspection.scheduled_for == day) & (Inspection.status == SCHEDULED)
        & Inspection.inspector_account.is_not_null()).distinct()
    return sorted(((r["inspector_account"], r["inspector_account.first_name"]) for r in rows),
                  key=lambda holder: holder[1].lower())


async def hand_over_day(database: Database, day: date, from_id: int, to_id: int,
                        now: datetime | None = None) -> int | None:
    """Give every inspection still scheduled on ``day`` for inspector ``from_id`` to the
    active inspector ``to_id``, each with its audit event, in one transaction: how many, or
    None when ``to_id`` is not an active inspector."""
    async with database.transaction():
        to = await Account.select(Account.first_name).where(
            (Account.id == to_id) & (Account.role == Role.INSPECTOR.value)
            & (Account.active == True)).first()  # noqa: E712
        if to is None:
            return None
        mine = (Inspection.scheduled_for == day) & (Inspection.status == SCHEDULED) \
            & (Inspection.inspector_account == from_id)
        rows = await Inspection.select(Inspection.id, Inspection.permit,
                                       Inspection.inspector).where(mine)
        # Permits first, then inspections, in the order every writer takes them
        # (db/database.lock_inspection), so a result synced meanwhile waits its turn.
        await database.lock_rows("permit", "id", sorted({r["permit"] for r in rows}))
        await database.lock_rows("inspection", "id", sorted(r["id"] for r in rows))
        moved = await Inspection.update({
            Inspection.inspector_account: to_id, Inspection.inspector: to["first_name"],
        }).where(mine & Inspection.id.is_in([r["id"] for r in rows] or [0])
                 ).returning(Inspection.id)
        taken = {m["id"] for m in moved}
        await record_all([event(INSPECTION_REASSIGNED, permit_id=r["permit"], at=now,
                                subject=inspection_subject(r["id"]),
                                before={"inspector": r["inspector"]},
                                after={"inspector": to["first_name"]})
                          for r in rows if r["id"] in taken])
    return len(taken)
