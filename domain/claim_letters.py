"""Claiming a company: the code mailed to a license's address of record (issue 14 §2).

A license number is public, so typing it proves nothing. The first account of a license waits
until it enters the one-time code from a letter mailed to the business address the state's
license file holds, or staff approve it; later accounts wait for a verified colleague (or
staff). Only the code's hash is kept: the code exists on the printed letter alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from domain.outcomes import Accepted, Rejected

# No 0/O, 1/I/L: read off paper and typed on a phone. 31 symbols, 12 of them: about 59 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
# "7KQM-2XPD-9HRT" and a few spaces: the code field's maxlength, and the most read as a code.
CODE_TEXT_LIMIT = 20
LETTER_LIFE = timedelta(days=30)
MAX_TRIES = 5
# A new letter (which cancels the old code) may be asked for this long after the last one:
# mail takes days, and each letter is paper sent to a business.
NEW_LETTER_AFTER = timedelta(days=10)
# Why a claim letter's code stopped working, on the audit log.
ENDED_BY_NEW_LETTER = "a new letter was asked for"
ENDED_BY_DECISION = "the account was decided"
ENDED_BY_COLLEAGUE = "account {account_id} now holds the license"
# The account's verification note once the mailed code linked it.
LINKED_NOTE = "Linked with the code mailed to the license's address of record."
NOT_WAITING = "Your account is not waiting to be linked to a license."
# A code of a letter a newer one replaced: said as such, and no try of the newer one is used.
REPLACED = ("That code is from a letter that was replaced by a newer one, so it no longer "
            "works. Enter the code from the newest letter.")
BAD_CODE = ("Enter the code printed after \u201cCODE:\u201d on the letter: 12 letters and "
            "digits, like 7KQM-2XPD-9HRT.")


class LetterStatus(StrEnum):
    WAITING = "waiting"  # to be printed by staff
    MAILED = "mailed"  # printed: its code works until it expires
    USED = "used"
    CANCELLED = "cancelled"  # a newer letter, or the account was decided another way
    LOCKED = "locked"  # too many wrong codes


class JoinRoute(StrEnum):
    """How a pending contractor account becomes the company's."""
    LETTER = "letter"  # the first account of a license in the registry
    COLLEAGUE = "colleague"  # a verified account of the license already exists
    STAFF = "staff"  # the registry record has no address to mail to
    DOCUMENTS = "documents"  # no registry record: staff check the documents uploaded


@dataclass(frozen=True)
class Letter:
    id: int
    status: LetterStatus
    requested_at: datetime
    printed_at: datetime | None
    expires_at: datetime | None
    tries: int
    address: tuple[str, ...]  # business name, street, "CITY, ST ZIP"

    def expired(self, now: datetime) -> bool:
        return (self.status is LetterStatus.MAILED and self.expires_at is not None
                and self.expires_at <= now)

    def live(self, now: datetime) -> bool:
        """Its code can still be entered."""
        return self.status is LetterStatus.MAILED and not self.expired(now)

    def status_words(self, now: datetime, zone: tzinfo) -> str:
        return status_words(self.status, self.expires_at, now, zone)


def ended_by_colleague(account_id: int) -> str:
    """Why a license's other letters ended: this colleague's account holds it now."""
    return ENDED_BY_COLLEAGUE.format(account_id=account_id)


def status_words(status: LetterStatus, expires_at: datetime | None, now: datetime,
                 zone: tzinfo) -> str:
    """A letter's state as staff read it in the list."""
    if status is LetterStatus.MAILED:
        if expires_at is not None and expires_at <= now:
            return f"Expired {_day(expires_at, zone)}"
        return f"Mailed; the code works until {_day(expires_at, zone)}"
    return {LetterStatus.WAITING: "Waiting to be printed",
            LetterStatus.USED: "Used: the account is linked to the license",
            LetterStatus.CANCELLED: "Cancelled",
            LetterStatus.LOCKED: "Locked after too many wrong codes"}[status]


def how_to_join(in_registry: bool, has_address: bool, verified_colleagues: int) -> JoinRoute:
    if not in_registry:
        return JoinRoute.DOCUMENTS
    if verified_colleagues:
        return JoinRoute.COLLEAGUE
    return JoinRoute.LETTER if has_address else JoinRoute.STAFF


def normalize_code(text: str) -> str | None:
    """The code as printed, without its hyphens and spaces, in capitals; None if it cannot be
    one (wrong length, or a letter the alphabet does not use)."""
    if len(text.strip()) > CODE_TEXT_LIMIT:
        return None
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def format_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def code_refusal(letter: Letter | None, now: datetime, zone: tzinfo) -> str | None:
    """Why no code can be entered now (before counting a try), or None."""
    # "See what to do above": the guidance above says which way is open to this account (a
    # new letter, a colleague's approval once another account linked the license, or staff);
    # a button "below" is not always there.
    if letter is not None and letter.status is LetterStatus.CANCELLED:
        return ("This letter's code no longer works: the letter was cancelled (a newer letter "
                "replaced it, or another account linked the license meanwhile). See what to "
                "do above.")
    if letter is None or letter.status is LetterStatus.USED:
        return "No letter with a code is on its way to you. See what to do above."
    if letter.status is LetterStatus.WAITING:
        return ("Your letter has not been printed yet: city staff print letters every working "
                "day. Enter the code when it arrives.")
    if letter.status is LetterStatus.LOCKED:
        return "A wrong code was entered too many times: this letter's code no longer works."
    if letter.expired(now):
        return (f"The code mailed on {_day(letter.printed_at, zone)} expired on "
                f"{_day(letter.expires_at, zone)}. Ask for a new letter below.")
    return None


WRONG_CODE_ONE_LEFT = "That code is not right. Check it against the letter: {left} try left."
WRONG_CODE_LEFT = "That code is not right. Check it against the letter: {left} tries left."
CODE_MAILED_ONE_LEFT = ("A letter with a one-time code was mailed on {mailed} to {to}. Enter "
                        "the code before {until}; {left} try left.")
CODE_MAILED_LEFT = ("A letter with a one-time code was mailed on {mailed} to {to}. Enter the "
                    "code before {until}; {left} tries left.")


def wrong_code(tries: int) -> str:
    left = MAX_TRIES - tries
    if left <= 0:
        return ("That code is not right, and it was the last try: this letter's code no longer "
                "works. Ask for a new letter or call the permit counter.")
    return (WRONG_CODE_ONE_LEFT if left == 1 else WRONG_CODE_LEFT).format(left=left)


def may_request_letter(route: JoinRoute, latest: Letter | None, now: datetime,
                       zone: tzinfo) -> Accepted[None] | Rejected:
    if route is not JoinRoute.LETTER:
        return Rejected({"letter": "A letter cannot help this account: see what to do above."})
    if latest is None or latest.status in (LetterStatus.CANCELLED, LetterStatus.USED):
        return Accepted(None)
    if latest.status is LetterStatus.WAITING:
        return Rejected({"letter": "A letter is already waiting to be printed."})
    if latest.expired(now):
        return Accepted(None)
    from_ = latest.requested_at + NEW_LETTER_AFTER
    if now < from_:
        return Rejected({"letter": "Letters take a few days to arrive. You can ask for a new "
                                   f"one from {_day(from_, zone)}."})
    return Accepted(None)


def too_many_letters(wait: str) -> Rejected:
    """``wait``: domain.rate_limits.wait_in_words."""
    return Rejected({"letter": "Too many letters were asked for this license or from this "
                               f"connection lately. Try again {wait}, or call the permit "
                               "counter."})


@dataclass(frozen=True)
class Guidance:
    """What a pending contractor reads on My Dashboard: what is pending and what to do."""
    headline: str
    steps: list[str] = field(default_factory=list)
    code_form: bool = False
    letter_button: bool = False
    letter_waiting: bool = False  # a letter is waiting to be printed


def guidance(route: JoinRoute, license_no: str, latest: Letter | None, now: datetime,
             zone: tzinfo, help_phone: str, print_by: date | None = None) -> Guidance:
    """``print_by``: the working day by which a letter waiting to be printed will be (staff
    print every working day)."""
    staff = (f"Or call the permit counter at {help_phone}, or bring your license certificate "
             "and photo ID to the counter: city staff can approve your account.")
    if route is JoinRoute.COLLEAGUE:
        return Guidance(f"Your account is pending: your company must approve it for license "
                        f"{license_no}.", [
                            "A colleague already registered for this license, or city staff, "
                            "must approve your account. Ask a colleague to approve you on their "
                            "Account page: we e-mail your company's accounts when someone "
                            "confirms a registration (a few times a day at most).", staff])
    if route in (JoinRoute.STAFF, JoinRoute.DOCUMENTS):
        why = ("The state license file has no mailing address for this license, so we cannot "
               "mail you a code." if route is JoinRoute.STAFF else
               f"License {license_no} is not in the state license data we hold, so city staff "
               "check the license certificate and workers' compensation documents you "
               "uploaded, usually within two business days.")
        return Guidance(f"Your account is pending: city staff must approve it for license "
                        f"{license_no}.", [why, staff])
    headline = f"Your account is pending: it is not yet linked to license {license_no}."
    to = ", ".join(latest.address) if latest else ""
    if latest is not None and latest.status is LetterStatus.WAITING:
        when = (f"It will be printed by {_date(print_by)}" if print_by else
                "City staff print letters every working day")
        steps = [f"We are mailing a letter with a one-time code to the address the state "
                 f"license file holds for the license: {to}. {when}; allow about a week for "
                 "it to arrive.",
                 "When it arrives, enter its code here."]
        return Guidance(headline, [*steps, staff], letter_waiting=True)
    if latest is not None and latest.live(now):
        left = MAX_TRIES - latest.tries
        mailed = CODE_MAILED_ONE_LEFT if left == 1 else CODE_MAILED_LEFT
        steps = [mailed.format(mailed=_day(latest.printed_at, zone), to=to,
                               until=_day(latest.expires_at, zone), left=left)]
        letter = isinstance(may_request_letter(route, latest, now, zone), Accepted)
        if letter:
            steps.append("Not arrived? Ask for a new letter: the old code then stops working.")
        return Guidance(headline, [*steps, staff], code_form=True, letter_button=letter)
    refusal = code_refusal(latest, now, zone) if latest is not None else None
    steps = [refusal] if refusal and latest.status is not LetterStatus.CANCELLED else []
    asked = may_request_letter(route, latest, now, zone)
    if isinstance(asked, Accepted):
        steps.append("We mail a one-time code to the address the state license file holds for "
                     "the license, so only someone at the business can link an account to it.")
    else:
        steps.append(asked.errors["letter"])
    return Guidance(headline, [*steps, staff], letter_button=isinstance(asked, Accepted))


@dataclass(frozen=True)
class LetterFacts:
    """What one printed letter says, besides the city's own details."""
    license_no: str
    address: tuple[str, ...]
    requester_name: str
    requester_email: str
    requested_at: datetime
    printed_at: datetime
    expires_at: datetime
    code: str


def letter_paragraphs(facts: LetterFacts, city_name: str, portal_url: str, help_phone: str,
                      zone: tzinfo) -> tuple[str, list[str]]:
    """The letter's subject line and paragraphs. The requester's name is quoted as typed:
    the city vouches for nothing in it."""
    subject = f"Your code to link an account to contractor's license {facts.license_no}"
    return subject, [
        f"On {_day(facts.requested_at, zone)} someone registered an account on {city_name}'s "
        f"permit portal and asked to act for contractor's license {facts.license_no}: to see "
        "your company's permits, fees and inspection details, and to request, reschedule and "
        "cancel its inspections. They gave the name \u201c"
        f"{facts.requester_name}\u201d and the e-mail address {facts.requester_email} "
        "(confirmed). We have not checked the name.",
        "We mail this code only to the address the state license file (CSLB) holds for the "
        "license. If this person works for your company, give them the code. They enter it on "
        f"My Dashboard at {portal_url}.",
        f"CODE: {format_code(facts.code)}",
        f"The code works once, until {_day(facts.expires_at, zone)}. A newer letter cancels "
        "this one.",
        "If nobody at your company asked for this, do not share the code: nothing changes for "
        f"your company. Call {help_phone} so that we can close the account.",
    ]


def _day(moment: datetime | None, zone: tzinfo) -> str:
    return _date(moment.astimezone(zone).date())


def _date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"
