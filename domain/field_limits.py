"""How many characters each field people type may hold: one table, which the forms print as
``maxlength`` and whose constants the server's checks refuse more by (issue 14: a description
box took 2,000 characters that the server refused over 1,000).

Keys name what is typed, not where: a template writes ``maxlength="{{ limits.description }}"``,
and the form macro looks a field up by its name (``owner_phone`` is a ``phone``). Each value is
the constant the check of that field uses, imported from the module that checks it.
"""
from __future__ import annotations

from domain import (
    accounts, addresses, applications, checklist_entries, claim_letters, counter_service,
    fee_adjustments, fee_edits, inspection_requests, inspection_results, inspection_types, licenses,
    numbers, passwords, payments, photos, plan_review, policy_edits, reports, search_query,
    staff_notes, staff_status
)

PERMIT_NUMBER_LIMIT = 20  # "BLD2026-00042" and spaces around it; anything longer is not one
RECEIPT_NUMBER_LIMIT = 20  # "PAY2026-000042"

LIMITS: dict[str, int] = {
    # Accounts and contacts.
    "name": accounts.NAME_LIMIT, "email": accounts.EMAIL_LIMIT, "phone": accounts.PHONE_LIMIT,
    "business_name": accounts.BUSINESS_NAME_LIMIT, "password": passwords.MAX_LENGTH,
    "current": passwords.MAX_LENGTH, "license": licenses.LICENSE_DIGITS,
    "address": addresses.ADDRESS_LIMIT, "decision_reason": accounts.DECISION_REASON_LIMIT,
    "code": claim_letters.CODE_TEXT_LIMIT,
    # Finding things.
    "search": search_query.MAX_QUERY_LENGTH, "street": reports.MAX_STREET,
    "permit_number": PERMIT_NUMBER_LIMIT, "receipt_number": RECEIPT_NUMBER_LIMIT,
    # Applications, inspections, reviews.
    "description": applications.MAX_DESCRIPTION, "request_notes": inspection_requests.NOTES_LIMIT,
    "result_notes": inspection_results.NOTES_LIMIT,
    "conflict_note": inspection_results.CONFLICT_NOTE_LIMIT,
    "checklist_words": checklist_entries.WORDS_LIMIT,
    "review_comment": plan_review.MAX_COMMENT, "status_reason": staff_status.REASON_LIMIT,
    "caption": photos.CAPTION_LIMIT,
    # Numbers (domain/numbers.py reads every one) and the card form.
    "number": numbers.MAX_TEXT, "card_number": payments.CARD_NUMBER_LIMIT,
    "card_expiry": payments.CARD_EXPIRY_LIMIT, "card_cvc": payments.CARD_CVC_LIMIT,
    "reversal_reason": payments.REVERSAL_REASON_LIMIT,
    "adjustment_reason": fee_adjustments.MAX_REASON, "staff_note": staff_notes.MAX_NOTE,
    "override_reason": counter_service.OVERRIDE_REASON_LIMIT,
    # The rules staff edit.
    "schedule_name": fee_edits.NAME_LIMIT, "inspection_type_name": inspection_types.NAME_LIMIT,
    "inspection_code": inspection_types.CODE_DIGITS, "closures": policy_edits.CLOSURES_LIMIT,
}
# A field named for one of these is one of them: "owner_phone" is a phone.
_PREFIXES = ("owner_", "contact_")


def limit_of(field: str, inputmode: str | None = None) -> int | None:
    """The limit of a form field by its name (numbers by their input mode); None if the
    table has none, which the form test reports."""
    for prefix in ("", *_PREFIXES):
        if field.startswith(prefix) and field[len(prefix):] in LIMITS:
            return LIMITS[field[len(prefix):]]
    if inputmode in ("numeric", "decimal"):
        return LIMITS["number"]
    return None
