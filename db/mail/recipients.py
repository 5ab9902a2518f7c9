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
    contacts = await PermitContact.select(PermitContact.email).where(
        (PermitContact.permit == permit_id) & PermitContact.email.is_not_null())
    followers = await Account.select(Account.email).where(confirmed & Account.id.is_in(
        PermitFollow.select(PermitFollow.account).where(PermitFollow.permit == permit_id)))
    own_emails = {row["email"] for row in accounts} | {row["email"].lower() for row in contacts
                                                        if row["email"]}
    return Recipients(sorted(own_emails),
                      sorted({row["email"] for row in followers} - own_emails))
