"""An account's cart: the unpaid fees of the permits it acts for, and a payment's lines."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


from db.permits.access import acts_for
from db.tables import FeeItem, PaymentLine, Permit
from domain.money import cents
from domain.permits import Status


@dataclass(frozen=True)
class CartLine:
    fee_item_id: int
    permit_number: str
    description: str
    amount: Decimal


async def cart(account, only: list[int] | None = None) -> list[CartLine]:
    query = FeeItem.select(FeeItem.id, FeeItem.permit.number, FeeItem.description,
                           FeeItem.amount).where(
        (FeeItem.paid == False) & FeeItem.permit.is_in(  # noqa: E712
            Permit.select(Permit.id).where(acts_for(account) & Permit.status.not_in(
                # A withdrawn or voided permit's fees are not owed (web/staff/permit_status.py).
                [Status.CANCELLED.value, Status.VOID.value]))))
    if only is not None:
        query = query.where(FeeItem.id.is_in(only or [0]))
    rows = await query.order_by(FeeItem.permit).order_by(FeeItem.id)
    return [CartLine(r["id"], r["permit.number"], r["description"], cents(r["amount"]))
            for r in rows]


async def lines_of(payment_id: int) -> list[CartLine]:
    rows = await PaymentLine.select(
        PaymentLine.fee_item, PaymentLine.fee_item.permit.number,
        PaymentLine.fee_item.description, PaymentLine.amount,
    ).where(PaymentLine.payment == payment_id).order_by(PaymentLine.id)
    return [CartLine(r["fee_item"], r["fee_item.permit.number"], r["fee_item.description"],
                     cents(r["amount"])) for r in rows]
