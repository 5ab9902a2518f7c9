"""A checkout form's idempotency key: scoped to the account, bound to the payment it made.

The same form sent again (a double click, the back button, a second tab of the same form)
gets the payment it already made. The key belongs to that payment's fees and gateway: sent
with other fees or to another gateway it is refused (``db.payments.checkout.replay`` asks
``domain.payments.key_reuse``), never answered with the first payment's receipt. Another
account's key is just another key.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from db.tables import Payment, PaymentLine

COLUMN = 64  # Payment.idempotency_key's length


@dataclass(frozen=True)
class Made:
    """The payment a key made."""
    reference: str
    gateway: str
    fee_item_ids: frozenset[int]


def scoped(key: str, account_id: int) -> str:
    """The key as stored: the account's id first, so accounts never share a key. One too long
    for the column is stored by its digest: cut short, two keys that differ only at the end
    would be taken for one."""
    whole = f"{account_id}:{key}"
    if len(whole) <= COLUMN:
        return whole
    return f"{account_id}:#{hashlib.sha256(key.encode()).hexdigest()}"[:COLUMN]


async def made_by(key: str, account_id: int) -> Made | None:
    row = await Payment.select(Payment.id, Payment.reference, Payment.gateway).where(
        Payment.idempotency_key == scoped(key, account_id)).first()
    if row is None:
        return None
    lines = await PaymentLine.select(PaymentLine.fee_item).where(
        PaymentLine.payment == row["id"])
    return Made(row["reference"], row["gateway"],
                frozenset(line["fee_item"] for line in lines))
