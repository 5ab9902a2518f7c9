"""Which of an account's payments took given fees: what a second tab's checkout is told."""
from __future__ import annotations

from db.tables import PaymentLine

TAKEN = ("paid", "pending")  # a pending Stripe payment holds its fees until it settles


async def payments_of_fees(account_id: int, fee_item_ids: list[int] = (),
                           permit_numbers: list[str] = ()) -> dict[str, list[str]]:
    """This account's paid or pending payments of the fees ``fee_item_ids`` or of the permits
    ``permit_numbers``: each payment's reference (newest first) and its permits' numbers."""
    if not fee_item_ids and not permit_numbers:
        return {}
    which = (PaymentLine.fee_item.is_in(list(fee_item_ids)) if fee_item_ids
             else PaymentLine.fee_item.permit.number.is_in(list(permit_numbers)))
    rows = await PaymentLine.select(PaymentLine.payment.reference,
                                    PaymentLine.fee_item.permit.number).where(
        which & (PaymentLine.payment.account == account_id)
        & PaymentLine.payment.status.is_in(list(TAKEN))
    ).order_by(PaymentLine.payment.id, ascending=False)
    found: dict[str, list[str]] = {}
    for row in rows:
        numbers = found.setdefault(row["payment.reference"], [])
        if row["fee_item.permit.number"] not in numbers:
            numbers.append(row["fee_item.permit.number"])
    return found
