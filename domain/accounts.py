"""Accounts: roles, what registration asks for, and who may see a permit's private details."""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from domain.email_addresses import (  # noqa: F401 (callers read addresses through here too)
    EMAIL_LIMIT, check_email, normalize_email
)
from domain.numbers import other_digits
from domain.outcomes import Accepted, Rejected
from domain.typed_names import name_refusal, normalized
from domain.typed_text import one_line

# How long each typed part of an account may be (domain/field_limits.py: forms say the same).
NAME_LIMIT, BUSINESS_NAME_LIMIT = 120, 200
DECISION_REASON_LIMIT = 1000  # staff's reason for refusing an account, e-mailed to its owner
# Ten digits written any way people do ("+1 (323) 555-0142 "), and not a page of them.
PHONE_LIMIT = 30


class Role(StrEnum):
    CONTRACTOR = "contractor"
    OWNER_BUILDER = "owner_builder"
    INSPECTOR = "inspector"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-").capitalize()


class Verification(StrEnum):
    VERIFIED = "verified"
    PENDING = "pending"
    REJECTED = "rejected"


# Staff's two buttons on a pending account (web/staff/accounts.py); any other value posted by
# hand is refused, never read as a rejection (issue 14 §6).
VERIFICATION_DECISIONS = ("approve", "reject")


def decision_reason(typed: str) -> str:
    """Staff's reason for a decision on an account as its applicant reads it in the e-mail:
    one line, without what nobody can see (the page and `permitline user reject` alike)."""
    return one_line(typed)


def decision_reason_problem(approve: bool, reason: str) -> str | None:
    """What is wrong with ``reason`` (from ``decision_reason``), or None."""
    if not approve and not reason:
        return "Tell the applicant why, in a sentence they can act on."
    if len(reason) > DECISION_REASON_LIMIT:
        return f"Keep the reason to {DECISION_REASON_LIMIT:,} characters."
    return None


_NOT_DIGITS = re.compile(r"[^0-9]")


@dataclass(frozen=True)
class Viewer:
    """Who is looking, as far as permit privacy is concerned."""
    role: Role | None = None
    verified: bool = False
    license_no: str | None = None
    account_id: int | None = None


def normalize_phone(text: str) -> str | None:
    """A US phone number as ``323-555-0142``, or None if it is not ten digits 0-9 (other
    scripts' digits are refused, as every typed number is: domain/numbers.py)."""
    if len(text) > PHONE_LIMIT or other_digits(text):
        return None
    digits = _NOT_DIGITS.sub("", text)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return None
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def phone_refusal(text: str, whose: str = "a") -> str:
    """Why ``text`` is not a phone number normalize_phone reads."""
    if other_digits(text):
        return "Type the phone number with the digits 0 to 9, like 323-555-0123."
    return f"Enter {whose} 10-digit phone number, like 323-555-0123."


def check_contact(form: dict[str, str], *, prefix: str = "", whose: str = "your",
                  email_required: bool = True) -> Accepted[dict[str, str]] | Rejected:
    """Name, e-mail and phone as registration (``whose`` "your") or an application's owner
    (``prefix`` "owner_", e-mail optional) asks for them, cleaned; keys carry the prefix."""
    errors: dict[str, str] = {}
    name = normalized(form.get(f"{prefix}name", ""))
    if not name:
        errors[f"{prefix}name"] = f"Enter {whose} full name."
    elif len(name) > NAME_LIMIT:
        errors[f"{prefix}name"] = f"Enter a name of at most {NAME_LIMIT} characters."
    elif lure := name_refusal(name):
        errors[f"{prefix}name"] = lure
    email = normalize_email(form.get(f"{prefix}email", ""))
    if email or email_required:
        email_error = check_email(email)
        if email_error:
            errors[f"{prefix}email"] = email_error
    phone = normalize_phone(form.get(f"{prefix}phone", ""))
    if phone is None:
        errors[f"{prefix}phone"] = phone_refusal(form.get(f"{prefix}phone", ""), whose)
    if errors:
        return Rejected(errors)
    return Accepted({f"{prefix}name": name, f"{prefix}email": email, f"{prefix}phone": phone})


# An account's verification note while staff check it, shown to its owner.
WAITING_FOR_STAFF = "City staff are checking the license documents you uploaded."
WAITING_AS_OWNER = "City staff are reviewing your owner-builder declaration."


# The verification note a colleague's removal writes (domain/colleagues.py). It is the
# account's latest decision: a later one writes its own note, so an account told it was
# removed is one whose last word was that removal. Kept word for word: accounts already
# removed carry these words.
REMOVED_NOTE = "Removed from license {license_no} by a verified account of the license"
_CANNOT = "apply for permits, request inspections or get a phone line PIN or calendar link"


def removed_from_license(verification: Verification | str, note: str | None,
                         license_no: str | None) -> bool:
    """Whether a verified colleague removed the account from its license (not a refusal of
    its request to join: it acted for the company, and is told so)."""
    return (verification == Verification.REJECTED and bool(license_no)
            and note == REMOVED_NOTE.format(license_no=license_no))


def waiting_words(role: Role | str, verification: Verification | str,
                  license_no: str | None, note: str | None = None) -> str | None:
    """What a contractor's or owner-builder's account not (yet) verified cannot do, said
    plainly, and where to read what to do; None for any other account (issue 14 §2).
    ``note``: the account's verification note, which tells a removal from a refusal."""
    if role not in (Role.CONTRACTOR, Role.OWNER_BUILDER) or verification == Verification.VERIFIED:
        return None
    if removed_from_license(verification, note, license_no):
        return (f"A verified account of the company removed your account from license "
                f"{license_no}, so it can no longer see the company's permits, {_CANNOT}. If "
                "you still work for the company, talk to a colleague there, then call the city "
                "to have your account linked to the license again.")
    if verification == Verification.REJECTED:
        return (f"Your account was not approved, so it cannot {_CANNOT}. The e-mail we sent "
                "you says why.")
    if role == Role.OWNER_BUILDER:
        return (f"Your account is pending: city staff are reviewing your owner-builder "
                f"declaration. Until they approve it you cannot {_CANNOT}. We will e-mail you "
                "when they decide.")
    return (f"Your account is pending: it is not yet linked to license {license_no}. Until it "
            f"is, you cannot see the company's permits, {_CANNOT}. My Dashboard says how to "
            "link it.")


def waiting_section(role: Role | str, verification: Verification | str,
                    license_no: str | None, note: str | None = None) -> str:
    """What an empty section of a waiting (or refused) account's dashboard stands for."""
    if removed_from_license(verification, note, license_no):
        return f"Your account was removed from license {license_no}, so it shows no permits here."
    if verification == Verification.REJECTED:
        return "Your account was not approved, so it shows no permits here."
    if role == Role.OWNER_BUILDER:
        return "Your permits show here once city staff approve your account."
    return (f"The permits and inspections of license {license_no} show here once your account "
            "is linked to it.")


def sees_contact_details(role: Role | None, acts_for_permit: bool) -> bool:
    """Contact details, access codes and the inspector's notes to the permit: the permit's own
    contractor or owner-builder, and city staff and inspectors."""
    return acts_for_permit or role in (Role.STAFF, Role.INSPECTOR)


def sees_audit_trail(role: Role | None) -> bool:
    """Every change to a permit, who made it and through which channel (issue 7: "the public
    sees status changes; staff see everything"): the back office only."""
    return role is Role.STAFF


def sees_inspector_only_notes(role: Role | None) -> bool:
    """Notes an inspector keeps for the city (e.g. a dog on site, a dispute): staff and
    inspectors only."""
    return role in (Role.STAFF, Role.INSPECTOR)
