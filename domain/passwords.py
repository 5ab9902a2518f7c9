"""Rules for a new password (OWASP ASVS 5.0 §6.2: at least 8 characters, not a common one)."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Container

from domain.outcomes import Accepted, Rejected

# Asking for the current password (a password change, an e-mail change): one wording.
NO_CURRENT_PASSWORD = "Enter your current password."
WRONG_CURRENT_PASSWORD = "Your current password is not right."

MIN_LENGTH = 8
# Piccolo's BaseUser refuses longer ones at sign-in; hashing very long inputs is a DoS vector.
MAX_LENGTH = 128
# What the audit log says a new password did.
SESSIONS_ENDED = "every session signed out"


def check_new_password(password: str, *, email: str, common: Container[str]
                       ) -> Accepted[str] | Rejected:
    """``common`` holds lower-cased common passwords; no composition rules (ASVS 6.2.5)."""
    if len(password) < MIN_LENGTH:
        return Rejected({"password": f"Enter a password of at least {MIN_LENGTH} characters."})
    if len(password) > MAX_LENGTH:
        return Rejected({"password": f"Enter a password of at most {MAX_LENGTH} characters."})
    lowered = password.lower()
    local_part = email.lower().partition("@")[0]
    if lowered in common or lowered.strip("0123456789!") in common:
        return Rejected({"password": "That password is one of the most common ones and easy "
                                     "to guess. Choose another."})
    if lowered in (email.lower(), local_part):
        return Rejected({"password": "Your password must not be your e-mail address."})
    return Accepted(password)


# The profile's "Your password was changed" is said for this long after the change only.
JUST_CHANGED = timedelta(minutes=15)


def just_changed(changed_at: datetime | None, created_at: datetime | None, now: datetime
                 ) -> bool:
    """Changed (not first set, with the account) within JUST_CHANGED of ``now``."""
    return (changed_at is not None and created_at is not None and changed_at > created_at
            and timedelta(0) <= now - changed_at <= JUST_CHANGED)
