"""Permits issued when their fees are paid (db/payments/reversals.py un-issues them)."""
from __future__ import annotations

from datetime import date, datetime

from db.audit.trail import WEB, Actor, record
from db.database import Database
from db.tables import FeeItem, Permit, PermitStatusChange
from domain.audit_actions import STATUS_CHANGED
from domain.payments import ISSUED_ON_ADJUSTMENT, ISSUED_ON_PAYMENT, status_after_payment
from domain.permit_life import expires_on
from domain.permits import changed_by_staff, changed_online_by
from domain.subtypes import SUBTYPES

PLAN_REVIEW = {(s.permit_type.value, s.name): s.plan_review for s in SUBTYPES}


async def issue_paid_permits(database: Database, numbers: set[str], now: datetime, today: date,
                             by: str, by_staff: bool = False
                             ) -> tuple[list[str], dict[str, int]]:
    """Issue the paid permits among ``numbers``: two reads for all of them, then a write for
    each permit that changes (a cart may hold a hundred permits). The numbers issued, and the
    id of each permit by number. Issued by the payer's payment, or (``by_staff``) by a
    supervisor's waiver or credit that left nothing due: then the change is theirs, as the
    request's actor."""
    comment = ISSUED_ON_ADJUSTMENT if by_staff else ISSUED_ON_PAYMENT
    changed_by = changed_by_staff(by) if by_staff else changed_online_by(by)
    actor = None if by_staff else Actor(by, WEB)
    numbers = sorted(numbers)
    # Two payments settling different fees of one permit at once: the second waits here, then
    # counts the first's fees as paid and issues the permit.
    await database.lock_rows("permit", "number", numbers)
    permits = await Permit.select(Permit.id, Permit.number, Permit.status, Permit.permit_type,
                                  Permit.subtype).where(Permit.number.is_in(numbers))
    unpaid = {row["permit"] for row in await FeeItem.select(FeeItem.permit).where(
        FeeItem.permit.is_in([p["id"] for p in permits]) & (FeeItem.paid == False))}  # noqa: E712
    issued = []
    for permit in sorted(permits, key=lambda p: p["number"]):
        target = status_after_payment(
            permit["status"], PLAN_REVIEW.get((permit["permit_type"], permit["subtype"]), True),
            permit["id"] not in unpaid)
        if target is None:
            continue
        changed = await Permit.update({
            Permit.status: target.value, Permit.issued_on: today,
            Permit.expires_on: expires_on(today), Permit.status_changed_at: now,
        }).where((Permit.id == permit["id"]) & (Permit.status == permit["status"])
                 ).returning(Permit.id)
        if not changed:
            continue
        await PermitStatusChange.insert(PermitStatusChange(
            permit=permit["id"], from_status=permit["status"], to_status=target.value,
            changed_at=now, changed_by=changed_by, comment=comment))
        await record(STATUS_CHANGED, permit_id=permit["id"], at=now, actor=actor,
                     before={"status": permit["status"]},
                     after={"status": target.value, "comment": comment})
        issued.append(permit["number"])
    return issued, {p["number"]: p["id"] for p in permits}
