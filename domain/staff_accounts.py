"""Staff and inspector accounts as supervisors keep them: the form, its refusals, the words."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from domain.accounts import Role, check_contact
from domain.dates import long_date
from domain.outcomes import Accepted, Rejected

# The roles given on these pages: contractors and owner-builders register themselves and are
# approved in the accounts queue, never made or changed here.
CITY_ROLES = (Role.STAFF, Role.INSPECTOR)
ROLE_CHOICES = {
    Role.STAFF.value: "Staff: the counter, plan review, payments and the inspection board",
    Role.INSPECTOR.value: "Inspector: a route of inspections in the field",
}
TICKED = "yes"  # the supervisor checkbox's value
# The first password's link lasts longer than a reset link's hour: a newcomer may open the
# e-mail on their first morning, days after a supervisor added them.
FIRST_LINK_LIFE = timedelta(days=3)
FIRST_LINK_WORDS = "it works once, for 3 days"
FIRST_LINK_EXPIRED = ("Links to set your first password work once and for 3 days, and only the "
                      "newest one sent works. Ask your supervisor to e-mail you a new one.")

SUPERVISORS_ONLY = "Only a supervisor adds or changes staff and inspector accounts."
CHOOSE_ROLE = "Choose staff or inspector."
ONLY_STAFF_SUPERVISE = ("Only staff can be supervisors: choose Staff, or leave Supervisor "
                        "unticked.")
TICK_OR_NOT = "Tick Supervisor, or leave it unticked."
EMAIL_TAKEN = ("An account already uses {email}: each person signs in with an e-mail address "
               "of their own.")
EMAIL_OF_COLLEAGUE = ("{email} is already {name}'s account: open it from the list of staff and "
                      "inspectors (a deactivated account is reactivated there).")
OWN_SUPERVISOR = ("You cannot take away your own supervisor role: another supervisor can, so "
                  "the city always keeps one.")
OWN_DEACTIVATION = "You cannot deactivate your own account: another supervisor can."
NOT_KEPT_HERE = ("No staff or inspector account has that number. Contractors' and "
                 "owner-builders' accounts are not kept here.")
DEACTIVATE_QUESTION = "Deactivate {name}'s account?"
DEACTIVATE_DETAIL = ("{name} is signed out everywhere at once and cannot sign in until a "
                     "supervisor reactivates the account. Their name stays on the permits and "
                     "inspections they worked on.")
INACTIVE_LINK = "Reactivate the account first: a deactivated account cannot sign in."
# Work held is given to someone else first: inspections and districts on the board, plan
# reviews in the queue (filtered by reviewer, which lists active staff only).
REASSIGN_FIRST = "{holds} Reassign them {where} first, then {then}."
BOARD, QUEUE = "on the inspection board", "in the plan review queue"
THEN = {"role": "change the role", "deactivate": "deactivate the account"}
# Said at once (no address to land on): saving the form as the account already is.
NOTHING_CHANGED = "Nothing was changed: the details you saved were already the account's."
DONE = {
    "created": "Added {name} ({role}). A link to set a password was e-mailed to {email}; "
               + FIRST_LINK_WORDS + ".",
    "changed": "Saved: {name} is {role}.",
    "deactivated": "{name}'s account is deactivated: they were signed out everywhere and "
                   "cannot sign in.",
    "reactivated": "{name}'s account is active again: they can sign in with their password, "
                   "or set a new one from the sign-in page.",
    "link": "A new link to set a password was e-mailed to {email}; " + FIRST_LINK_WORDS
            + ". Links sent before no longer work.",
}


@dataclass(frozen=True)
class PersonForm:
    """What a supervisor typed, cleaned. ``email`` is "" when editing: it is the account's
    sign-in name and is not changed here."""
    name: str
    email: str
    phone: str
    role: Role
    supervisor: bool


@dataclass(frozen=True)
class Member:
    """A staff or inspector account as a decision needs it."""
    id: int
    name: str
    phone: str
    role: Role
    supervisor: bool
    active: bool


@dataclass(frozen=True)
class Holdings:
    """Work still to do that is someone's own: an inspector's inspections scheduled (the
    earliest one's day) and the districts whose new requests go to them; a member of staff's
    open plan reviews (of applications the review queue lists)."""
    scheduled: int = 0
    first_day: date | None = None
    districts: tuple[str, ...] = ()
    reviews: int = 0

    def __bool__(self) -> bool:
        return bool(self.scheduled or self.districts or self.reviews)

    @property
    def inspections(self) -> "Holdings":
        """The part the inspection board reassigns."""
        return Holdings(self.scheduled, self.first_day, self.districts)


def check_person(form: Mapping[str, str], *, with_email: bool) -> Accepted[PersonForm] | Rejected:
    """The add form (``with_email``) or the edit form, cleaned, or every problem at once."""
    fields = {"name": form.get("name", ""), "phone": form.get("phone", ""),
              "email": form.get("email", "") if with_email else ""}
    contact = check_contact(fields, whose="the person's", email_required=with_email)
    errors = dict(contact.errors) if isinstance(contact, Rejected) else {}
    role = form.get("role", "")
    if role not in ROLE_CHOICES:
        errors["role"] = CHOOSE_ROLE
    ticked = form.get("supervisor", "")
    if ticked not in ("", TICKED):
        errors["supervisor"] = TICK_OR_NOT
    elif ticked and role == Role.INSPECTOR.value:
        errors["supervisor"] = ONLY_STAFF_SUPERVISE
    if errors:
        return Rejected(errors)
    clean = contact.value
    return Accepted(PersonForm(clean["name"], clean["email"], clean["phone"], Role(role),
                               bool(ticked)))


def email_taken(email: str, colleague: str | None) -> dict[str, str]:
    """Why an address cannot be given; ``colleague``: the name on it when it is already a staff
    or inspector account (someone coming back is reactivated, not added again)."""
    if colleague is None:
        return {"email": EMAIL_TAKEN.format(email=email)}
    return {"email": EMAIL_OF_COLLEAGUE.format(email=email, name=colleague or email)}


def form_of_member(member: Member) -> dict[str, str]:
    """The edit form filled in from the account."""
    return {"name": member.name, "phone": member.phone, "role": member.role.value,
            "supervisor": TICKED if member.supervisor else ""}


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _listed(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def holdings_words(name: str, holdings: Holdings) -> str:
    """What someone still holds, in a sentence: "Ingrid still has 2 scheduled inspections
    (the first on …) and is the inspector of district West." """
    parts = []
    if holdings.scheduled:
        parts.append(f"has {_count(holdings.scheduled, 'scheduled inspection')} (the first on "
                     f"{long_date(holdings.first_day)})")
    if holdings.districts:
        noun = "district" if len(holdings.districts) == 1 else "districts"
        parts.append(f"is the inspector of {noun} {_listed(holdings.districts)}")
    if holdings.reviews:
        parts.append(f"has {_count(holdings.reviews, 'open plan review')}")
    said = _listed(tuple(parts))
    return f"{name} is still {said[3:]}." if said.startswith("is ") else f"{name} still {said}."


def _reassign_first(name: str, holdings: Holdings, then: str) -> str:
    places = [place for place, held in ((BOARD, holdings.inspections), (QUEUE, holdings.reviews))
              if held]
    return REASSIGN_FIRST.format(holds=holdings_words(name, holdings),
                                 where=" and ".join(places), then=THEN[then])


def _left_by_role(member: Member, role: Role, holdings: Holdings) -> Holdings:
    """The work a new role would leave with nobody: an inspector's inspections and districts
    (only inspectors are given them), or a member of staff's plan reviews (only staff)."""
    if role == member.role:
        return Holdings()
    if member.role == Role.INSPECTOR:
        return holdings.inspections
    return Holdings(reviews=holdings.reviews)


def change_refusal(actor_id: int, member: Member, change: PersonForm,
                   holdings: Holdings) -> Rejected | None:
    """Why a supervisor's change to ``member`` is refused, keyed by the field to mend."""
    if member.id == actor_id and not (change.supervisor and change.role == Role.STAFF):
        return Rejected({"supervisor": OWN_SUPERVISOR})
    if left := _left_by_role(member, change.role, holdings):
        return Rejected({"role": _reassign_first(member.name, left, "role")})
    return None


def deactivation_refusal(actor_id: int, member: Member, holdings: Holdings) -> Rejected | None:
    """Why ``member`` cannot be deactivated now: oneself (the city keeps a supervisor), or
    work that would be left with nobody (a real office reassigns it first): an inspector's
    inspections and districts, a reviewer's open plan reviews."""
    if member.id == actor_id:
        return Rejected({"deactivate": OWN_DEACTIVATION})
    if holdings:
        return Rejected({"deactivate": _reassign_first(member.name, holdings, "deactivate")})
    return None


def first_password(role: Role | str, email_verified: bool) -> bool:
    """Whether a set-password link is the account's first: a supervisor adds staff and
    inspectors with a password nobody knows and the address not yet proved, and the first link
    followed proves it (db/accounts/email_links.py). A city account never proved has never
    had a password of its own (the people page's "has not set a password yet"); contractors
    prove their address apart from their password, so theirs is always a reset."""
    return role in CITY_ROLES and not email_verified


def role_words(role: Role, supervisor: bool) -> str:
    """"Staff", "Staff, supervisor" or "Inspector": the role as the list says it."""
    return role.label + (", supervisor" if supervisor and role == Role.STAFF else "")


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def changed_fields(member: Member, change: PersonForm) -> tuple[dict[str, str], dict[str, str]]:
    """(before, after) of the fields a change alters, as the audit log shows them; both empty
    when nothing changes."""
    old = {"name": member.name, "phone": member.phone, "role": member.role.value,
           "supervisor": _yes_no(member.supervisor)}
    new = {"name": change.name, "phone": change.phone, "role": change.role.value,
           "supervisor": _yes_no(change.supervisor)}
    keys = [key for key in old if old[key] != new[key]]
    return {key: old[key] for key in keys}, {key: new[key] for key in keys}


def created_fields(form: PersonForm) -> dict[str, str]:
    """A new account's details as the audit log shows them (no password: there is none yet)."""
    return {"name": form.name, "e-mail": form.email, "phone": form.phone,
            "role": form.role.value, "supervisor": _yes_no(form.supervisor)}


def done_words(done: str, name: str, email: str, role: Role, supervisor: bool) -> str:
    """What the person's page says after an action, from the account as it is now."""
    return DONE[done].format(name=name, email=email,
                             role=role_words(role, supervisor).lower())
