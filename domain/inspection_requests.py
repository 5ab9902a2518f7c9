"""Who may request which inspection of a permit, and checking the request form."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.accounts import NAME_LIMIT, normalize_phone, phone_refusal
from domain.booking_refusals import reinspection_fees_due
from domain.dates import day_of_month, long_date
from domain.inspection_types import (
    APPROVED, PREREQUISITES, SCHEDULED, SEQUENCES, InspectionCatalog, InspectionType
)
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType, Status
from domain.typed_names import name_refusal, normalized
from domain.word_lists import LIST_SEPARATOR

NOTES_LIMIT = 1000
# Why a permit gets no inspection: one whole sentence per status that is not Issued.
NOT_ISSUED = {
    Status.APPLIED: "The permit is Applied: only issued permits can be inspected.",
    Status.IN_REVIEW: "The permit is In Review: only issued permits can be inspected.",
    Status.APPROVED: "The permit is Approved: only issued permits can be inspected.",
    Status.FINALED: "The permit is Finaled: only issued permits can be inspected.",
    Status.EXPIRED: "The permit is Expired: only issued permits can be inspected.",
    Status.CANCELLED: "The permit is Cancelled: only issued permits can be inspected.",
    Status.VOID: "The permit is Void: only issued permits can be inspected.",
}
EXPIRED_ON = "The permit expired on {day}. Ask the city to renew it."
FEES_DUE = "{amount} in fees is due. Pay it before requesting an inspection."
# Why an inspection type cannot be requested now.
ALREADY_APPROVED = "Already approved."
ALREADY_SCHEDULED = "Already scheduled for {day}."
ALREADY_REQUESTED = "Already requested."
NEEDS_FIRST = "Needs {types} approved first."
TYPE_NAMED = "{code} {name}"


@dataclass(frozen=True)
class PastInspection:
    """What the rules need of an inspection already on the permit."""
    code: str
    status: str
    result: str | None
    scheduled_for: date | None


@dataclass(frozen=True)
class TypeChoice:
    type: InspectionType
    usual: bool  # in the subtype's usual sequence (listed first)
    reason: str | None = None  # why it cannot be requested now; None when it can

    @property
    def offered(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class InspectionRequest:
    code: str
    day: date
    contact_name: str
    contact_phone: str
    notes: str


def permit_refusals(status: str, expires_on: date | None, unpaid: Decimal, today: date,
                    license_errors: Iterable[str] = (),
                    reinspection: Sequence[Decimal] = ()) -> list[str]:
    """Every reason the permit cannot get an inspection today (empty when it can): only
    Issued, paid, unexpired permits of a contractor in good standing are inspected."""
    reasons = []
    if status != Status.ISSUED.value:
        reasons.append(NOT_ISSUED[Status(status)])
    elif expires_on is not None and expires_on < today:
        reasons.append(EXPIRED_ON.format(day=long_date(expires_on)))
    if unpaid > 0:
        # Named when a failed inspection's reinspection fee is (part of) what is due.
        reasons.append(reinspection_fees_due(unpaid, reinspection)
                       or FEES_DUE.format(amount=f"${unpaid:,.2f}"))
    reasons.extend(license_errors)
    return reasons


def _approved(history: Sequence[PastInspection]) -> set[str]:
    return {h.code for h in history if h.result == APPROVED}


def type_choices(catalog: InspectionCatalog, permit_type: PermitType, subtype: str,
                 history: Sequence[PastInspection]) -> tuple[TypeChoice, ...]:
    """Every inspection type ``catalog`` offers for the permit, the subtype's usual sequence
    first; each with the reason it cannot be requested now (approved, already scheduled,
    prerequisite). A type no longer offered drops out of the sequence and its rules."""
    find = catalog.find
    sequence = [c for c in SEQUENCES.get(subtype, ()) if find(permit_type, c)]
    others = [t.code for t in catalog.of(permit_type) if t.code not in sequence]
    approved = _approved(history)
    scheduled = {h.code: h.scheduled_for for h in history if h.status == SCHEDULED}
    choices = []
    for code in sequence + others:
        kind = find(permit_type, code)
        usual = code in sequence
        if kind.final and usual:
            needed = [c for c in sequence if c != code and not find(permit_type, c).final]
        else:
            needed = [c for c in PREREQUISITES.get(code, ()) if c in sequence]
        missing = [c for c in needed if c not in approved]
        reason = None
        if code in approved:
            reason = ALREADY_APPROVED
        elif code in scheduled:
            day = scheduled[code]
            reason = ALREADY_SCHEDULED.format(day=day_of_month(day)) if day else \
                ALREADY_REQUESTED
        elif missing:
            reason = NEEDS_FIRST.format(types=LIST_SEPARATOR.join(
                TYPE_NAMED.format(code=c, name=find(permit_type, c).name) for c in missing))
        choices.append(TypeChoice(kind, usual, reason))
    return tuple(choices)


def check_request(form: dict[str, str], choices: Sequence[TypeChoice],
                  dates: Sequence[date]) -> Accepted[InspectionRequest] | Rejected:
    """The request form's fields, cleaned, or a message per field."""
    errors: dict[str, str] = {}
    code = form.get("type", "").strip()
    choice = next((c for c in choices if c.type.code == code), None)
    if not code:
        errors["type"] = "Choose the inspection you need."
    elif choice is None:
        errors["type"] = f"{code} is not an inspection of this permit."
    elif not choice.offered:
        errors["type"] = f"{code} {choice.type.name} cannot be requested now: {choice.reason}"
    day = _check_day(form.get("day", ""), dates, errors)
    # The inspector reads this name (and calls the site about it): a name, nothing to visit.
    name = normalized(form.get("contact_name", ""))
    if not name:
        errors["contact_name"] = "Enter the name of the person the inspector should meet."
    elif len(name) > NAME_LIMIT:
        errors["contact_name"] = f"Enter a name of at most {NAME_LIMIT} characters."
    elif lure := name_refusal(name, "the contact's name"):
        errors["contact_name"] = lure
    phone = normalize_phone(form.get("contact_phone", ""))
    if phone is None:
        errors["contact_phone"] = phone_refusal(form.get("contact_phone", ""))
    # Browsers send a line break as CRLF but count it as one character against maxlength.
    notes = form.get("notes", "").replace("\r\n", "\n").strip()
    if len(notes) > NOTES_LIMIT:
        errors["notes"] = (f"Keep notes to {NOTES_LIMIT} characters; these have "
                           f"{len(notes)}.")
    if errors:
        return Rejected(errors)
    return Accepted(InspectionRequest(code, day, name, phone, notes))


def check_day(text: str, dates: Sequence[date]) -> Accepted[date] | Rejected:
    """A date chosen among the available ones (rescheduling asks for just this)."""
    errors: dict[str, str] = {}
    day = _check_day(text, dates, errors)
    return Rejected(errors) if errors else Accepted(day)


def _check_day(text: str, dates: Sequence[date], errors: dict[str, str]) -> date | None:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        errors["day"] = "Choose one of the available dates."
        return None
    if day not in dates:
        errors["day"] = (f"{day:%A} {day.day} {day:%B} is not available. Choose one of the "
                         "available dates.")
    return day
