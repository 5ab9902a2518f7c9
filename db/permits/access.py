"""Which permits an account acts for: its verified license's, and the ones it applied for."""
from __future__ import annotations

from db.tables import Application, Permit
from domain.accounts import Role


def acts_for(account) -> object:
    """A Piccolo where-clause on Permit: the permits ``account`` may pay for and request
    inspections of (an owner-builder's own applications; a contractor's once verified)."""
    own = Permit.id.is_in(Application.select(Application.permit).where(
        (Application.account == account.id) & Application.permit.is_not_null()))
    # A license's permit is acted for by the license's verified accounts alone: an account
    # removed from the company keeps none of the permits it applied for.
    own = own & (Permit.contractor_license.is_null() | (Permit.contractor_license == ""))
    if account.license_no and account.verification == "verified":
        return own | (Permit.contractor_license == account.license_no)
    return own


async def may_act_on(account, permit_id: int) -> bool:
    return await Permit.exists().where((Permit.id == permit_id) & acts_for(account))


async def may_book_for(account, permit_id: int, at_counter: bool = False) -> bool:
    """Whether ``account`` may book, move or cancel the permit's inspections: at the counter,
    staff for any permit's caller or walk-in (issue 16 §3); otherwise as ``may_act_on``."""
    if at_counter:  # the permit is one its caller just loaded
        return account.role == Role.STAFF.value
    return await may_act_on(account, permit_id)
