"""What people are asked before an action that cannot be undone, and told once it is done.

Issue 14 §10: cancelling an inspection, deleting a draft and other destructive actions
happened on one tap, with no question before and no message after.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.dates import long_date
from domain.money import format_usd


def inspection_words(type_name: str, permit_number: str, day: date | None) -> str:
    """"the Final inspection of BLD2026-00042 on Monday 7 December 2026"."""
    on = f" on {long_date(day)}" if day else ""
    return f"the {type_name} inspection of {permit_number}{on}"


def cancel_question(type_name: str, permit_number: str, day: date | None) -> str:
    return f"Cancel {inspection_words(type_name, permit_number, day)}?"


def cancelled(type_name: str, permit_number: str, day: date | None) -> str:
    words = inspection_words(type_name, permit_number, day)
    return f"{words[0].upper()}{words[1:]} is cancelled. Its contacts were e-mailed."


def already_cancelled(type_name: str, permit_number: str, day: date | None) -> str:
    words = inspection_words(type_name, permit_number, day)
    return f"{words[0].upper()}{words[1:]} was already cancelled: nothing more to do."


def followed(permit_number: str) -> str:
    return (f"You follow {permit_number}: we will e-mail you when its status or inspections "
            "change.")


def unfollow_question(permit_number: str) -> str:
    return f"Stop following {permit_number}?"


def unfollowed(permit_number: str) -> str:
    return f"You no longer follow {permit_number}: you will get no more e-mails about it."


def not_following(permit_number: str) -> str:
    """Unfollowing a permit one does not follow (a second tap, an old page): nothing to do."""
    return f"You do not follow {permit_number}, so there are no e-mails about it to stop."


def draft_description(family_title: str, work: str = "", address: str = "") -> str:
    """"draft E-BUILDING application for Re-roof at 8500 Sunset Blvd"."""
    return (f"draft {family_title} application" + (f" for {work}" if work else "")
            + (f" at {address}" if address else ""))


def draft_words(family_title: str, work: str = "", address: str = "") -> str:
    """"your draft E-BUILDING application for Re-roof at 8500 Sunset Blvd"."""
    return f"your {draft_description(family_title, work, address)}"


def delete_draft_question(family_title: str, work: str = "", address: str = "") -> str:
    words = draft_words(family_title, work, address)
    return f"Delete {words}?"


def draft_deleted(description: str, already: bool = False) -> str:
    """``description``: as draft_description wrote it when the draft was deleted."""
    if already:
        return f"Your {description} was already deleted: nothing more to do."
    return f"Your {description} is deleted."


def decline_question(name: str, license_no: str) -> str:
    return f"Decline {name}'s request to join license {license_no}?"


def colleague_decided(name: str, approved: bool) -> str:
    if approved:
        return f"{name} is approved: they now see your company's permits. We e-mailed them."
    return f"You declined {name}'s request. We e-mailed them."


def staff_decision_mail(approved: bool, reason: str, city_name: str, base_url: str,
                        help_phone: str) -> tuple[str, str]:
    """The e-mail telling an applicant city staff's decision on their account: subject and
    body — the way in, or the reason staff gave and whom to call."""
    if approved:
        return "Your account was approved", (
            f"Your account on {city_name}'s permit portal was approved. Sign in at "
            f"{base_url}/sign-in.\n")
    return "Your account was not approved", (
        f"Your account on {city_name}'s permit portal was not approved. The reason city staff "
        f"gave: \u201c{reason}\u201d\n\nCall {help_phone} with questions.\n")


def colleague_decision_mail(license_no: str, approver_name: str, approved: bool,
                            city_name: str, base_url: str, help_phone: str) -> tuple[str, str]:
    """The e-mail telling an applicant a colleague's decision: subject and body. An approval
    quotes the approver's name as typed (the city vouches only for the license); a decline
    names nobody, so that declining a stranger is safe (issue 14 §2)."""
    if approved:
        return "Your account was approved", (
            f"A colleague with a verified account for contractor's license {license_no}, who "
            f"gave the name \u201c{approver_name}\u201d, approved your account on "
            f"{city_name}'s permit portal: it now acts for the license.\n"
            f"Sign in: {base_url}/sign-in\n")
    return "Your account was not approved", (
        f"A verified account of contractor's license {license_no} declined your request to "
        f"act for the license on {city_name}'s permit portal, so your account cannot see or "
        f"act on the license's permits.\nQuestions: call {help_phone}.\n")


DETAILS_SAVED = "Your name and phone number are saved."
DECLINED_NOTE = "Declined by a verified account of the license"
APPROVED_NOTE = "Approved by {name} ({email})."


def approved_note(name: str, email: str) -> str:
    """The applicant's verification note once a colleague approved them."""
    return APPROVED_NOTE.format(name=name, email=email)


def withdraw_question(rules_title: str, effective: date) -> str:
    return f"Withdraw the {rules_title.lower()} version of {long_date(effective)}?"


def reinspection_fee_due(amount: Decimal, pay_url: str) -> str:
    """What a result's e-mail tells the permit's contacts of the reinspection fee it assessed
    (issue 17 §4)."""
    return (f"A reinspection fee of {format_usd(amount)} is due before the reinspection can be "
            f"requested. Pay it on the web: {pay_url}")
