"""Waivers, reductions and credits of fees due, audited; a permit left owing nothing issued."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from db.audit.trail import record
from db.database import Database
from db.payments.issuing import issue_paid_permits
from db.reader import as_datetime
from db.tables import FeeAdjustment, FeeItem, PaymentLine, Permit
from domain.audit_actions import FEE_ADJUSTED
from domain.fee_adjustments import BEING_PAID, DONE, ZERO, Adjustment, DueFee, plan_adjustment
from domain.form_keys import SENT_ALREADY
from domain.money import cents
from domain.outcomes import Accepted, Rejected
from domain.typed_text import as_written


async def _being_paid(permit_id: int) -> bool:
    return await PaymentLine.exists().where(
        (PaymentLine.fee_item.permit == permit_id)
        & (PaymentLine.payment.status == "pending"))


async def fees_due(permit_id: int) -> list[DueFee]:
    rows = await FeeItem.select(FeeItem.id, FeeItem.description, FeeItem.amount).where(
        (FeeItem.permit == permit_id) & (FeeItem.paid == False)  # noqa: E712
    ).order_by(FeeItem.id)
    return [DueFee(r["id"], r["description"], cents(r["amount"])) for r in rows]


@dataclass(frozen=True)
class Made:
    kind: str
    description: str
    before: Decimal
    amount: Decimal
    reason: str
    by: str
    at: datetime


async def adjustments_of(permit_id: int) -> list[Made]:
    rows = await FeeAdjustment.select(
        FeeAdjustment.kind, FeeAdjustment.fee_item.description, FeeAdjustment.before,
        FeeAdjustment.amount, FeeAdjustment.reason, FeeAdjustment.by, FeeAdjustment.at,
    ).where(FeeAdjustment.permit == permit_id).order_by(FeeAdjustment.id)
    return [Made(r["kind"], r["fee_item.description"], cents(r["before"]), cents(r["amount"]),
                 r["reason"], r["by"], as_datetime(r["at"])) for r in rows]


async def adjust(database: Database, number: str, form: Mapping[str, str], by: str,
                 now: datetime, today: date) -> Accepted[tuple[Adjustment, bool]] | Rejected:
    """Planned against the fees due as they are once the permit is locked (a payment or
    another supervisor may have changed them since the page was shown). Accepted((the
    adjustment, whether it issued the permit)); Accepted((None, False)) when this form was
    already sent and made its change."""
    async with database.transaction():
        await database.lock_rows("permit", "number", [number])
        permit = await Permit.select(Permit.id).where(Permit.number == number).first()
        if permit is None:
            return Rejected({"fee": f"There is no permit {number}."})
        kept = await FeeAdjustment.select(FeeAdjustment.kind, FeeAdjustment.reason).where(
            (FeeAdjustment.permit == permit["id"])
            & (FeeAdjustment.form_key == form.get("form_key", ""))).first()
        if kept is not None:
            # The same form again: made once, already; an old form brought back with another
            # change in it is told so, not dropped (domain/form_keys.py).
            same = (kept["kind"], kept["reason"]) == (form.get("kind"),
                                                      as_written(form.get("reason", "")))
            return Accepted((None, False)) if same else Rejected({"reason": SENT_ALREADY})
        if await _being_paid(permit["id"]):
            return Rejected({"fee": BEING_PAID})
        planned = plan_adjustment(form, await fees_due(permit["id"]))
        if isinstance(planned, Rejected):
            return planned
        adjustment = planned.value
        for change in adjustment.changes:
            await FeeItem.update({FeeItem.amount: change.after,
                                  FeeItem.paid: change.after == ZERO}).where(
                FeeItem.id == change.fee_item_id)
        await FeeAdjustment.insert(*(FeeAdjustment(
            permit=permit["id"], fee_item=c.fee_item_id, kind=adjustment.kind, before=c.before,
            amount=c.taken_off, reason=adjustment.reason, by=by, at=now,
            form_key=form["form_key"])
            for c in adjustment.changes))
        await record(FEE_ADJUSTED, permit_id=permit["id"], at=now, before={
            c.description: f"{c.before:.2f}" for c in adjustment.changes}, after={
            **{c.description: f"{c.after:.2f}" for c in adjustment.changes},
            "kind": DONE[adjustment.kind].lower(), "reason": adjustment.reason})
        issued, _ = await issue_paid_permits(database, {number}, now, today, by, by_staff=True)
        return Accepted((adjustment, bool(issued)))
