"""A company's verified account removing a colleague from the license: who may, and what is said."""
from __future__ import annotations

from dataclasses import dataclass

from domain.accounts import REMOVED_NOTE, Role, Verification


@dataclass(frozen=True)
class Member:
    """What the decision needs of an account."""
    id: int
    role: Role | str
    verification: Verification | str
    license_no: str | None


def may_remove(remover: Member, colleague: Member) -> bool:
    """A verified contractor removes another verified contractor of the same license, never
    itself (leaving the company is a call to city staff, not a tap that locks one out)."""
    return (remover.role == Role.CONTRACTOR and colleague.role == Role.CONTRACTOR
            and remover.verification == Verification.VERIFIED
            and colleague.verification == Verification.VERIFIED
            and bool(remover.license_no) and colleague.license_no == remover.license_no
            and remover.id != colleague.id)


def removed_note(license_no: str) -> str:
    """The removed account's verification note, which its dashboard shows. It names nobody,
    as a decline does: the audit trail keeps who removed it."""
    return REMOVED_NOTE.format(license_no=license_no)


def remove_question(name: str, license_no: str) -> str:
    return f"Remove {name} from license {license_no}?"


REMOVE_DETAIL = ("They will no longer see or act on the company's permits, inspections, fees or "
                 "phone line. We e-mail them that a verified account of the license removed "
                 "them, without your name. This cannot be undone here.")


def colleague_removed(name: str) -> str:
    return f"{name} no longer acts for your company. We e-mailed them."


def removal_mail(license_no: str, city_name: str, base_url: str, help_phone: str
                 ) -> tuple[str, str]:
    """The e-mail to the removed account: subject and body. The subject is fixed (no typed
    text reaches a subject: issue 14 §4); the body names nobody."""
    return "Your account no longer acts for a contractor's license", (
        f"A verified account of contractor's license {license_no} removed your account from "
        f"the license on {city_name}'s permit portal. Your account can no longer see or act on "
        f"the license's permits, inspections, fees or phone line.\n"
        f"Your account: {base_url}/account\n"
        f"If you think this is a mistake, talk to the company, or call {help_phone}.\n")
