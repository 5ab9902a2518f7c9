"""Who is e-mailed about a permit: its contacts, its contractor's accounts, its followers."""
from __future__ import annotations

from db.tables import Account, Application, PermitContact, PermitFollow
from domain.accounts import Role, Verification


async def interested(permit_id: int, license_no: str | None) -> list[str]:
    """Addresses of the permit's contacts, of the account that applied for it, of confirmed
    verified accounts of its contractor license, and of its followers."""
    confirmed = Account.email_verified_at.is_not_null() & (Account.active == True)  # noqa: E712
    who = Account.id.is_in(PermitFollow.select(PermitFollow.account).where(
        PermitFollow.permit == permit_id)) | Account.id.is_in(
        Application.select(Application.account).where(Application.permit == permit_id))
    if license_no:
        who = who | ((Account.license_no == license_no)
                     & (Account.role == Role.CONTRACTOR.value)
                     & (Account.verification == Verification.VERIFIED.value))
    accounts = await Account.select(Account.email).where(confirmed & who)
    contacts = await PermitContact.select(PermitContact.email).where(
        (PermitContact.permit == permit_id) & PermitContact.email.is_not_null())
    return sorted({row["email"] for row in accounts} | {row["email"].lower() for row in contacts
                                                         if row["email"]})
