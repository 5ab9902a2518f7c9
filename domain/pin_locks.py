"""Phone line PIN lockouts: wrong PINs counted per calling number and company, so a stranger
who knows a public permit number cannot lock a company's PIN for everyone (issue 14 §5)."""
# A key: ivr-pin:<company>:from:<number>, ivr-pin:from:<number>, ivr-pin:<company> (numbers
# not on file) and ivr-pin:<company>:on-file (numbers on file for the company's accounts).
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.lockout import PER_ACCOUNT, PER_ADDRESS, LockoutPolicy, locked_until

PREFIX = "ivr-pin:"
FROM = "from:"
ON_FILE = ":on-file"
UNKNOWN_NUMBER = "unknown"

# A PIN opens every permit of its company. Five wrong PINs from one number for one company
# lock that number out of that company for 15 minutes (the sign-in policy, OWASP); one number
# trying many companies is limited like a client address. Caller ID is easily spoofed, so a
# company also has a ceiling across all numbers: 50 wrong PINs in a day close its PIN step for
# an hour. Fifty guesses a day find a 6-digit PIN once in 20,000 days; reaching the ceiling
# takes ten spoofed numbers and shows on the staff page, where staff clear it. The ceiling is
# counted apart for the numbers on file for the company's accounts and for all others, so a
# stranger calling from elsewhere closes the PIN step only to numbers not on file, never to
# the company's own phones; spoofing those takes knowing them, and meets a ceiling of its own.
# The day is fixed (midnight to midnight UTC): a lock lasts its hour from the 50th wrong PIN,
# and a wrong PIN after it neither renews nor extends it (the next takes 50 more).
PER_CALLER = PER_ACCOUNT
PER_NUMBER = PER_ADDRESS
PER_COMPANY = LockoutPolicy(max_failures=50, window=timedelta(hours=24),
                            lock_for=timedelta(hours=1), fixed=True)
LONGEST = max(p.window + p.lock_for for p in (PER_CALLER, PER_NUMBER, PER_COMPANY))

# What the audit log says a cleared lock was about: whose PIN step, from which callers.
LOCK_SUBJECT = "phone line PIN: {whose}, from {callers}"
OF_LICENSE = "license {license_no}"
OF_PERMIT = "permit {permit_number}"
OF_EVERY_COMPANY = "every company"
# Whose calls a lock stops, as a heading (PinLock.callers) and inside the subject.
CALLERS = {"every": "Every number", "on file": "Numbers on file",
           "not on file": "Numbers not on file"}
CALLERS_IN_SUBJECT = {"every": "every number", "on file": "numbers on file",
                      "not on file": "numbers not on file"}


def company_of(license_no: str | None, permit_number: str) -> str:
    """Whose PIN opens the permit: its contractor's license, or the owner-builder's permit."""
    return f"license:{license_no}" if license_no else f"permit:{permit_number}"


def calling_number(caller_id: str) -> str:
    """``+13235550188`` however it is written; a withheld number ("anonymous") as a word."""
    digits = "".join(c for c in caller_id if c.isascii() and c.isdigit())[:20]
    if digits:
        return ("+" if caller_id.strip().startswith("+") else "") + digits
    return "".join(c for c in caller_id.lower() if c.isascii() and c.isalpha())[:20] or (
        UNKNOWN_NUMBER)


def pin_keys(company: str, caller_id: str, on_file: bool) -> dict[str, LockoutPolicy]:
    """The keys a wrong PIN counts against, with their policies; ``on_file``: the calling
    number is on file for one of the company's accounts."""
    number = calling_number(caller_id)
    return {f"{PREFIX}{company}:{FROM}{number}": PER_CALLER,
            f"{PREFIX}{FROM}{number}": PER_NUMBER,
            f"{PREFIX}{company}{ON_FILE if on_file else ''}": PER_COMPANY}


@dataclass(frozen=True)
class PinLock:
    """A key locked now: what staff see on the phone line page."""
    key: str
    company: str | None  # "license:1012345" or "permit:BLD2026-00042"; None: every company
    number: str | None  # the calling number; None: every number (on file or not)
    failures: int
    until: datetime
    on_file: bool = False  # a company's ceiling of the numbers on file for its accounts

    @property
    def callers(self) -> str:
        """Whose calls the lock stops, as staff read it."""
        return self.number or CALLERS[self.callers_kind]

    @property
    def callers_kind(self) -> str:
        """Which of CALLERS the lock stops when it names no one number."""
        if self.company is None:
            return "every"
        return "on file" if self.on_file else "not on file"

    @property
    def license_no(self) -> str | None:
        return self.company.split(":", 1)[1] if self.company and self.company.startswith(
            "license:") else None

    @property
    def permit_number(self) -> str | None:
        return self.company.split(":", 1)[1] if self.company and self.company.startswith(
            "permit:") else None


def parse_key(key: str) -> tuple[str | None, str | None, LockoutPolicy, bool] | None:
    """(company, number, policy, on file) of a phone line PIN key; None for any other key."""
    if not key.startswith(PREFIX):
        return None
    rest = key[len(PREFIX):]
    if rest.startswith(FROM):
        return None, rest[len(FROM):], PER_NUMBER, False
    company, found, number = rest.partition(f":{FROM}")
    on_file = not found and company.endswith(ON_FILE)
    company = company.removesuffix(ON_FILE) if on_file else company
    if not company.startswith(("license:", "permit:")):
        return None
    return (company, number, PER_CALLER, False) if found else (
        company, None, PER_COMPANY, on_file)


def current_locks(failures: dict[str, list[datetime]], now: datetime) -> list[PinLock]:
    """The phone line PIN keys locked at ``now``, the longest lock first."""
    locks = []
    for key, times in failures.items():
        parsed = parse_key(key)
        if parsed is None:
            continue
        company, number, policy, on_file = parsed
        until = locked_until(times, now, policy)
        if until is not None:
            recent = [t for t in times if now - t < policy.window + policy.lock_for]
            locks.append(PinLock(key, company, number, len(recent), until, on_file))
    return sorted(locks, key=lambda lock: (lock.until, lock.key), reverse=True)


def subject_of(lock: PinLock) -> str:
    """What the audit log says the lock was about."""
    whose = (OF_LICENSE.format(license_no=lock.license_no) if lock.license_no else
             OF_PERMIT.format(permit_number=lock.permit_number) if lock.permit_number else
             OF_EVERY_COMPANY)
    callers = lock.number or CALLERS_IN_SUBJECT[lock.callers_kind]
    return LOCK_SUBJECT.format(whose=whose, callers=callers)
