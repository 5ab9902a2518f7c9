"""E-permit applications: the four families, the wizard's steps, and who may apply for what."""
from __future__ import annotations

from dataclasses import dataclass

from domain.accounts import Role, Verification, check_contact, waiting_words
from domain.license_classes import classes_in_words
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType
from domain.subtypes import SUBTYPES, Subtype


@dataclass(frozen=True)
class Family:
    """One e-permit offered online: its slug, title, permit type and the work it covers."""
    slug: str
    title: str
    permit_type: PermitType
    subtypes: tuple[str, ...]


# The seed portal's four e-permits and the work each covers.
FAMILIES: tuple[Family, ...] = (
    Family("e-building", "E-BUILDING", PermitType.BUILDING,
           ("Re-roof", "Window and Door Replacement", "Residential Remodel")),
    Family("e-mechanical", "E-MECHANICAL", PermitType.MECHANICAL,
           ("HVAC Change-out", "Furnace Replacement", "Ductwork")),
    Family("e-electrical", "E-ELECTRICAL", PermitType.ELECTRICAL,
           ("Service Panel Upgrade", "EV Charger", "Residential Solar PV", "New Circuits")),
    Family("e-plumbing", "E-PLUMBING", PermitType.PLUMBING,
           ("Water Heater", "Repipe", "Gas Line", "Sewer Lateral")),
)
FAMILY_OF = {family.permit_type: family for family in FAMILIES}
STEPS: tuple[str, ...] = ("address", "scope", "valuation", "contacts", "documents", "review")
STEP_TITLES = {"address": "Where is the work?", "scope": "What is the work?",
               "valuation": "Valuation and items", "contacts": "Who is involved?",
               "documents": "Plans and documents", "review": "Check your answers"}
MAX_DESCRIPTION = 1000


def family(slug: str) -> Family | None:
    return next((f for f in FAMILIES if f.slug == slug), None)


def subtype_named(permit_type: PermitType, name: str) -> Subtype | None:
    allowed = FAMILY_OF[permit_type].subtypes
    return next((s for s in SUBTYPES if s.permit_type is permit_type and s.name == name
                 and s.name in allowed), None)


def resume_step(answers: dict) -> str:
    """The first step not yet answered: where a returning applicant picks up."""
    for step in STEPS[:-1]:
        if step not in answers.get("done", []):
            return step
    return "review"


def may_open(step: str, answers: dict) -> bool:
    """A step opens once every step before it is answered (a typed URL cannot skip ahead)."""
    return step in STEPS and STEPS.index(step) <= STEPS.index(resume_step(answers))


def check_scope(permit_type: PermitType, form: dict[str, str]
                ) -> Accepted[dict[str, str]] | Rejected:
    errors = {}
    subtype = subtype_named(permit_type, form.get("subtype", ""))
    if subtype is None:
        errors["subtype"] = "Choose the type of work."
    description = " ".join(form.get("description", "").split())
    if not description:
        errors["description"] = "Describe the work, for example: tear off and re-roof 2,000 " \
                                "sq ft with class A shingles."
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = f"Describe the work in at most {MAX_DESCRIPTION} characters."
    if errors:
        return Rejected(errors)
    return Accepted({"subtype": subtype.name, "description": description})


def check_contacts(form: dict[str, str]) -> Accepted[dict[str, str]] | Rejected:
    """The property owner as the permit records them: name and phone; e-mail if they have one."""
    return check_contact(form, prefix="owner_", whose="the property owner's",
                         email_required=False)


@dataclass(frozen=True)
class Applicant:
    role: Role
    verification: Verification
    classes: tuple[str, ...]  # the license's CSLB classifications (contractors)
    standing_errors: tuple[str, ...]  # why the license may not pull permits, if it may not
    parcel: int | None  # the owner-builder's home
    license_no: str | None = None
    verification_note: str = ""  # tells a removal from the license from a refusal


ONLY_APPLICANTS = "Only contractors and owner-builders apply for permits."
NOT_NUMBERED = "The permit could not be numbered; please try again."
NO_LONGER_EXISTS = "This application no longer exists."
SUBMITTED_COMMENT = "Submitted online."  # the first line of a permit's status history


def may_apply(applicant: Applicant) -> Accepted[Applicant] | Rejected:
    """Whether this account may apply at all, before any work is chosen."""
    if applicant.verification != Verification.VERIFIED:
        return Rejected({"account": waiting_words(
            applicant.role, applicant.verification, applicant.license_no,
            applicant.verification_note) or ONLY_APPLICANTS})
    if applicant.role not in (Role.CONTRACTOR, Role.OWNER_BUILDER):
        return Rejected({"account": ONLY_APPLICANTS})
    if applicant.standing_errors:
        return Rejected({"license": " ".join(applicant.standing_errors)})
    return Accepted(applicant)


def eligibility(applicant: Applicant, subtype: Subtype, parcel: int | None,
                trade_classes: dict[str, tuple[str, ...]]) -> Accepted[Subtype] | Rejected:
    """Who may apply for what (CSLB reference: a trade's class or B; owner-builders: §7044)."""
    allowed_at_all = may_apply(applicant)
    if isinstance(allowed_at_all, Rejected):
        return allowed_at_all
    if applicant.role == Role.OWNER_BUILDER:
        if not subtype.residential:
            return Rejected({"subtype": f"Owner-builders may apply only for residential work; "
                                        f"{subtype.name} needs a licensed contractor."})
        if parcel is not None and parcel != applicant.parcel:
            return Rejected({"address": "Owner-builders may apply only for the home they "
                                        "registered as their own."})
        return Accepted(subtype)
    allowed = trade_classes.get(subtype.name) or trade_classes[subtype.permit_type.value]
    if not set(applicant.classes) & set(allowed):
        return Rejected({"subtype": f"{subtype.name} needs a license of class "
                                    f"{classes_in_words(allowed)}; yours has "
                                    f"{classes_in_words(applicant.classes, 'and') or 'none'}."})
    return Accepted(subtype)


@dataclass(frozen=True)
class Offer:
    """What one family of e-permits offers this applicant: the work it may apply for, and why
    the rest is missing (issue 14 §10: a roofer is not offered E-ELECTRICAL)."""
    family: Family
    allowed: tuple[str, ...]
    missing: dict[str, str]  # subtype -> why this applicant may not apply for it
    reason: str = ""  # why nothing of the family is offered, when nothing is


def offers(applicant: Applicant, trade_classes: dict[str, tuple[str, ...]]
           ) -> tuple[Offer, ...]:
    """Every family with the subtypes this applicant's license (or §7044) allows; checked
    again at the scope step and on submission, as the license may change meanwhile."""
    found = []
    for each in FAMILIES:
        allowed, missing = [], {}
        for name in each.subtypes:
            outcome = eligibility(applicant, subtype_named(each.permit_type, name), None,
                                  trade_classes)
            if isinstance(outcome, Rejected):
                missing[name] = next(iter(outcome.errors.values()))
            else:
                allowed.append(name)
        found.append(Offer(each, tuple(allowed), missing,
                           "" if allowed else _none_offered(applicant, each, missing,
                                                            trade_classes)))
    return tuple(found)


def _none_offered(applicant: Applicant, of: Family, missing: dict[str, str],
                  trade_classes: dict[str, tuple[str, ...]]) -> str:
    if applicant.role != Role.CONTRACTOR or isinstance(may_apply(applicant), Rejected):
        return next(iter(missing.values()))
    needed: list[str] = []
    for name in of.subtypes:
        for code in trade_classes.get(name) or trade_classes[of.permit_type.value]:
            if code not in needed:
                needed.append(code)
    return (f"{of.title} work needs a license of class {classes_in_words(needed)}; yours has "
            f"{classes_in_words(applicant.classes, 'and') or 'none'}.")


def offer_of(applicant: Applicant, permit_type: PermitType,
             trade_classes: dict[str, tuple[str, ...]]) -> Offer:
    return next(o for o in offers(applicant, trade_classes) if o.family.permit_type is permit_type)
