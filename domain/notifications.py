"""What a permit's contacts and followers are told about its status and inspections."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.notices import reinspection_fee_due
from domain.permits import STATUS_EXPLANATIONS, Status


@dataclass(frozen=True)
class NoticeContext:
    """Where the notice points and who sends it (settings, passed in by the caller)."""
    city_name: str
    base_url: str
    help_phone: str = ""  # what a receipt gives to call with questions


def status_notice(number: str, from_status: Status, to_status: Status, context: NoticeContext
                  ) -> tuple[str, str]:
    """The subject and plain-text body of a status-change e-mail."""
    subject = f"Permit {number} is now {to_status.value}"
    body = (
        f"Permit {number} changed from {from_status.value} to {to_status.value}.\n\n"
        f"{STATUS_EXPLANATIONS[to_status]}\n\n"
        f"See the permit: {context.base_url}/permits/{number}\n\n"
        f"You receive this because you follow this permit or hold its contractor's license "
        f"on {context.city_name}'s permit portal. Unfollow it on My Dashboard: "
        f"{context.base_url}/dashboard\n"
    )
    return subject, body


@dataclass(frozen=True)
class InspectionFacts:
    """What a notice about one inspection says (no inspector-only notes: contacts read it)."""
    permit_number: str
    site_address: str
    type_code: str
    type_name: str
    day: date | None
    confirmation: str | None
    result: str | None = None
    public_notes: str = ""
    reinspection_fee: Decimal | None = None  # assessed with the result, still due
    corrections: tuple[str, ...] = ()  # the failed checklist items, for the contractor


INSPECTION_EVENTS = {
    "scheduled": "scheduled",
    "rescheduled": "moved",
    "cancelled": "cancelled",
    "resulted": "resulted",
}


def inspection_notice(event: str, facts: InspectionFacts, context: NoticeContext,
                      public: bool = False) -> tuple[str, str]:
    """The subject and plain-text body of an e-mail about a scheduled, moved, cancelled or
    resulted inspection; ``public``: for followers, without the confirmation number (it
    cancels on the phone line), the corrections and the inspector's notes (for the permit's
    contacts)."""
    what = f"{facts.type_code} {facts.type_name}"
    day = (f"{facts.day:%A} {facts.day.day} {facts.day:%B %Y}" if facts.day else "no date")
    if event == "resulted":
        subject = f"{facts.permit_number}: {what} inspection {facts.result}"
        lines = [f"The {what} inspection of permit {facts.permit_number} at "
                 f"{facts.site_address} on {day} was resulted: {facts.result}."]
        if facts.corrections and not public:
            lines.append("Corrections:\n" + "\n".join(f"- {c}" for c in facts.corrections))
        if facts.public_notes and not public:
            lines.append(f"Inspector's notes: {facts.public_notes}")
        if facts.reinspection_fee and not public:
            lines.append(reinspection_fee_due(facts.reinspection_fee, f"{context.base_url}"
                                              f"/cart?permit={facts.permit_number}"))
    else:
        verb = INSPECTION_EVENTS[event]
        subject = f"{facts.permit_number}: {what} inspection {verb}"
        lines = [f"The {what} inspection of permit {facts.permit_number} at "
                 f"{facts.site_address} is {verb}"
                 + (f" for {day}." if event != "cancelled" else f" (it was for {day}).")]
        if event != "cancelled":
            lines.append("Inspections are scheduled for a date, not a time: the inspector "
                         "comes during the working day.")
    if facts.confirmation and not public:
        lines.append(f"Confirmation number: {' '.join(facts.confirmation)}")
    lines.append(f"See the permit's inspections: {context.base_url}/permits/"
                 f"{facts.permit_number}/inspections")
    lines.append(f"You receive this as a {'follower' if public else 'contact'} of this "
                 f"permit on {context.city_name}'s permit portal.")
    return subject, "\n\n".join(lines) + "\n"
