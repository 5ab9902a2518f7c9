"""Who is e-mailed about a permit: its contacts, its contractor's accounts, its followers."""
from __future__ import annotations

from dataclasses import dataclass

from db.tables import Account, Application, PermitContact, PermitFollow
from domain.accounts import Role, Verification


@dataclass(frozen=True)
class Recipients:
    contacts: list[str]  # may read what the permit page shows only to its contacts
    followers: list[str]  # anyone may follow a permit: public facts only

    @property
    def everyone(self) -> list[str]:
        return sorted({*self.contacts, *self.followers})


# The contact rows an online application writes from the applying account (db/applications/
# drafts.py): its name and address as they were on the day it applied.
APPLYING_ACCOUNT_ROLES = ("applicant", "contractor")


async def _applicant_left(permit_id: int, license_no: str) -> bool:
    """Whether the account that applied online for a license's permit no longer acts for the
    license (a colleague removed it, or it now holds another). Its contact rows then go
    unmailed: matched by account, not by address, so an address it changed since is caught
    too, and an owner who happens to share the address still hears as the owner. The
    license's verified accounts are mailed at their addresses of today; a permit applied for
    at the counter or imported has no such account, and its rows are mailed as ever."""
    row = await Application.select(
        Application.account.license_no, Application.account.role,
        Application.account.verification).where(Application.permit == permit_id).first()
    return row is not None and not (
        row["account.license_no"] == license_no and row["account.role"] == Role.CONTRACTOR.value
        and row["account.verification"] == Verification.VERIFIED.value)


async def recipients(permit_id: int, license_no: str | None) -> Recipients:
    """The permit's contacts, the confirmed verified accounts of its contractor license (or,
    without one, the account that applied for it); and, apart, its followers."""
    confirmed = Account.email_verified_at.is_not_null() & (Account.active == True)  # noqa: E712
    if license_no:
        # Not the applicant as such: an account removed from the company hears no more.
        own = ((Account.license_no == license_no) & (Account.role == Role.CONTRACTOR.value)
               & (Account.verification == Verification.VERIFIED.value))
    else:
        own = Account.id.is_in(Application.select(Application.account).where(
            Application.permit == permit_id))
    accounts = await Account.select(Account.email).where(confirmed & own)
    contacts = await PermitContact.select(PermitContact.email, PermitContact.role).where(
        (PermitContact.permit == permit_id) & PermitContact.email.is_not_null())
    if license_no and await _applicant_left(permit_id, license_no):
        contacts = [row for row in contacts if row["role"] not in APPLYING_ACCOUNT_ROLES]
    followers = await Account.select(Account.email).where(confirmed & Account.id.is_in(
        PermitFollow.select(PermitFollow.account).where(PermitFollow.permit == permit_id)))
    own_emails = {row["email"] for row in accounts} | {row["email"].lower() for row in contacts
                                                        if row["email"]}
    return Recipients(sorted(own_emails),
                      sorted({row["email"] for row in followers} - own_emails))
