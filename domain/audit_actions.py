"""The audit log's actions: the "What" staff read in the log, and the key by which a page
finds what its visitor has just done (db/audit/log.just_done)."""
from __future__ import annotations

# Accounts.
ACCOUNT_REGISTERED = "account registered"
EMAIL_CONFIRMED = "e-mail confirmed"
PASSWORD_CHANGED = "password changed"
VERIFICATION_DECIDED = "verification decided"
COLLEAGUE_DECIDED = "colleague decided"
# Staff and inspector accounts kept by a supervisor (issue 16 §3).
STAFF_ACCOUNT_CREATED = "staff account created"
STAFF_ACCOUNT_CHANGED = "staff account changed"
ACCOUNT_DEACTIVATED = "account deactivated"
ACCOUNT_REACTIVATED = "account reactivated"
PASSWORD_LINK_SENT = "set-password link sent"
# An account's own details, and its e-mail address proved before it changes (issue 16 §3).
DETAILS_CHANGED = "account details changed"
EMAIL_CHANGE_ASKED = "e-mail change asked"
EMAIL_CHANGE_CANCELLED = "e-mail change cancelled"
EMAIL_CHANGED = "e-mail changed"
# A company's verified account removing a colleague from the license (issue 16 §3).
COLLEAGUE_REMOVED = "colleague removed"
# Who came in, and who was kept out (issue 16 §5).
SIGNED_IN = "signed in"
SIGN_IN_REFUSED = "sign-in refused"
# Staff reading what an applicant uploaded (issue 16 §5).
DOCUMENT_DOWNLOADED = "document downloaded"
# Proving who works for a company (issue 14 §2).
CLAIM_LETTER_REQUESTED = "claim letter requested"
CLAIM_LETTER_PRINTED = "claim letter printed"
CLAIM_LETTER_CANCELLED = "claim letter cancelled"
CLAIM_LETTER_LOCKED = "claim letter locked"
CLAIM_CODE_REFUSED = "claim code refused"
COMPANY_CLAIMED_BY_CODE = "company claimed with the mailed code"
# Permits and applications.
APPLIED = "applied"
STATUS_CHANGED = "status changed"
PERMIT_RENEWED = "permit renewed"
PERMIT_UNFOLLOWED = "permit unfollowed"
DRAFT_DELETED = "draft deleted"
FEES_PAID = "fees paid"
# Inspections.
INSPECTION_REQUESTED = "inspection requested"
INSPECTION_RESCHEDULED = "inspection rescheduled"
INSPECTION_CANCELLED = "inspection cancelled"
INSPECTION_REASSIGNED = "inspection reassigned"
INSPECTION_RESULTED = "inspection resulted"
RESULT_KEPT_FOR_SUPERVISOR = "result kept for a supervisor"
# A failed inspection's reinspection fee, assessed with its result (issue 17 §4).
REINSPECTION_FEE_ASSESSED = "reinspection fee assessed"
SYNC_CONFLICT_RESOLVED = "sync conflict resolved"
# A photo taken on a stop (issue 17 §1), about its inspection, with its caption.
PHOTO_ADDED = "photo added"
DISTRICT_ASSIGNED = "district assigned"
DAY_CAPACITY_SET = "day capacity set"
# A supervisor set the scheduling policy's lead time or cut-off aside for a caller (§3).
SCHEDULING_OVERRIDDEN = "scheduling rule overridden"
# The phone line.
PHONE_PIN_REPLACED = "phone line PIN replaced"
PIN_LOCK_CLEARED = "phone line PIN lock cleared"
PHONE_PIN_REFUSED = "phone line PIN refused"
# The rules.
RULES_SAVED = "rules saved"
RULES_WITHDRAWN = "rules withdrawn"
# A plan reviewer's or applicant's comment, one action per kind (domain/plan_review.py).
PLAN_REVIEW_ACTIONS = {"corrections": "plan review corrections",
                       "response": "plan review response", "approval": "plan review approval"}
# Plan review by discipline (issue 16 §2): a review given to a reviewer or a discipline added,
# and one discipline's decision before the round's outcome.
REVIEW_ASSIGNED = "plan review assigned"
DISCIPLINE_DECIDED = "plan review discipline decided"
DOCUMENT_ATTACHED = "document attached"
DOCUMENT_REMOVED = "document removed"
# A supervisor's waiver, reduction or credit of fees due (issue 16 §4).
FEE_ADJUSTED = "fees adjusted"
# Staff's internal note on a permit (issue 16 §3): the trail says one was kept, not its words.
STAFF_NOTE_ADDED = "staff note added"
# A payment's reversal, one action per status.
REVERSAL_ACTIONS = {"voided": "payment voided", "refunded": "payment refunded"}
