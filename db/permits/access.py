"""Which permits an account acts for: its verified license's, and the ones it applied for."""
from __future__ import annotations

from db.tables import Application, Permit


def acts_for(account) -> object:
    """A Piccolo where-clause on Permit: the permits ``account`` may pay for and request
    inspections of (an owner-builder's own applications; a contractor's once verified)."""
    own = Permit.id.is_in(Application.select(Application.permit).where(
        (Application.account == account.id) & Application.permit.is_not_null()))
    if account.license_no and account.verification == "verified":
        return own | (Permit.contractor_license == account.license_no)
    return own


async def may_act_on(account, permit_id: int) -> bool:
    return await Permit.exists().where((Permit.id == permit_id) & acts_for(account))
