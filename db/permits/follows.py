"""Following a permit by number ("Link" in eTRAKIT) and stopping."""
from __future__ import annotations

from datetime import datetime

from db.audit.trail import record
from db.database import Database
from db.tables import Permit, PermitFollow
from domain.audit_actions import PERMIT_UNFOLLOWED
from domain.audit_subjects import permit_subject


async def follow(database: Database, account_id: int, number: str, now: datetime) -> bool:
    """False if no permit has that number; following twice is following once."""
    async with database.transaction():
        permit = await Permit.select(Permit.id).where(Permit.number == number).first()
        if permit is None:
            return False
        await PermitFollow.insert(
            PermitFollow(account=account_id, permit=permit["id"], followed_at=now)
        ).on_conflict(action="DO NOTHING")
    return True


async def unfollow(database: Database, account_id: int, permit_id: int, now: datetime) -> None:
    """Stop following; the audit event is what the dashboard's "You no longer follow" is
    told from (web/contractor/dashboard.py), so a crafted link says nothing."""
    async with database.transaction():
        stopped = await PermitFollow.delete().where(
            (PermitFollow.account == account_id) & (PermitFollow.permit == permit_id)
        ).returning(PermitFollow.id)
        if stopped:
            await record(PERMIT_UNFOLLOWED, permit_id=permit_id,
                         subject=permit_subject(permit_id), at=now)



async def followed_number(account_id: int, permit_id: int) -> str | None:
    """The number of a permit ``account_id`` follows; None if it does not follow it."""
    row = await PermitFollow.select(PermitFollow.permit.number).where(
        (PermitFollow.account == account_id) & (PermitFollow.permit == permit_id)).first()
    return row["permit.number"] if row else None


async def permit_number(permit_id: int) -> str | None:
    row = await Permit.select(Permit.number).where(Permit.id == permit_id).first()
    return row["number"] if row else None
