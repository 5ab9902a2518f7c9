"""The audit log's filters (issue 16 §5): who, channel, days, permit or subject."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from domain.dates import date_or_none
from domain.email_addresses import normalize_email
from domain.numbers import id_or_none
from domain.outcomes import Accepted, Rejected
from domain.typed_permit_numbers import read_typed_number
from domain.typed_text import one_line

# The channels db/audit/trail.py records (a test holds the two lists together).
CHANNELS = ("web", "staff", "counter", "phone", "offline sync", "system")
FIELDS = ("who", "channel", "from", "to", "about", "kind")
TEXT_LIMIT = 120  # actor and subject columns hold 120 characters

NOT_A_CHANNEL = "Choose a channel from the list."
NOT_A_DAY = "Enter the day as a date, for example 2026-01-31."
END_BEFORE_START = "The last day must be on or after the first."
NOT_A_PERMIT = "No permit has the number {number}."
NOT_A_KIND = "Choose every change or the changes not about a permit."
WHO_HINT = ("An account's e-mail address, or system, anonymous, phone line or payment gateway. "
            "A wrong password is by anonymous: find it About the account (account 17).")
# What the log says when a filter leaves nothing.
NOTHING_MATCHES = "No change matches these filters."

# "inspection 12": the subject db/ writes for an event about one inspection
# (domain/audit_subjects.INSPECTION).
_INSPECTION_SUBJECT = re.compile(r"^inspection (\d{1,9})$", re.ASCII)


@dataclass(frozen=True)
class AuditAsk:
    """One page of the log, as asked: newest first, before the event id ``older``."""
    who: str | None = None  # an e-mail as accounts act, or a name such as "system"
    channel: str | None = None
    starts: datetime | None = None  # the first day's midnight in the city, as UTC-aware
    ends: datetime | None = None  # the midnight after the last day
    permit_number: str | None = None
    subject: str | None = None
    without_permit: bool = False
    older: int | None = None
    form: Mapping[str, str] | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.who or self.channel or self.starts or self.ends or self.permit_number
                    or self.subject or self.without_permit)


def audit_form(params: Mapping[str, str]) -> dict[str, str]:
    """The filters as sent, trimmed: what the page shows again, accepted or refused."""
    return {name: one_line(params.get(name, ""))[:TEXT_LIMIT]
            for name in FIELDS}  # no NUL or other control character reaches a query


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(), zone)


def read_audit_ask(params: Mapping[str, str], zone: tzinfo
                   ) -> Accepted[AuditAsk] | Rejected:
    """The filters staff chose; a day is the city's day (midnight to midnight where the city
    is), an "about" that reads as a permit number is that permit, anything else a subject as
    the log names it ("account 17", "inspection 9", "payment PAY-…")."""
    form = audit_form(params)
    errors: dict[str, str] = {}
    if form["channel"] and form["channel"] not in CHANNELS:
        errors["channel"] = NOT_A_CHANNEL
    if form["kind"] and form["kind"] != "other":
        errors["kind"] = NOT_A_KIND
    first = date_or_none(form["from"]) if form["from"] else None
    last = date_or_none(form["to"]) if form["to"] else None
    for name, day in (("from", first), ("to", last)):
        if form[name] and day is None:
            errors[name] = NOT_A_DAY
    if first and last and last < first:
        errors["to"] = END_BEFORE_START
    if errors:
        return Rejected(errors)
    typed = read_typed_number(form["about"]) if form["about"] else None
    number = typed.exact if typed else None  # "BLD2026-42" is BLD2026-00042 here
    who = form["who"]
    return Accepted(AuditAsk(
        who=(normalize_email(who) if "@" in who else who) or None,
        channel=form["channel"] or None,
        starts=_midnight(first, zone) if first else None,
        ends=_midnight(last + timedelta(days=1), zone) if last and last < date.max else None,
        permit_number=number, subject=None if number else (form["about"] or None),
        without_permit=form["kind"] == "other",
        older=id_or_none(params.get("older", "")), form=form))


def inspection_of(subject: str) -> int | None:
    """The inspection an event is about, from its subject, or None."""
    found = _INSPECTION_SUBJECT.match(subject)
    return int(found[1]) if found else None


def no_such_permit(number: str) -> dict[str, str]:
    return {"about": NOT_A_PERMIT.format(number=number)}
