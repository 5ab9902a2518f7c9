"""The audit log's subjects, names and actions read exactly as the rows already stored say
them: a page finds what was just done, and staff filter the log, by these words."""
from datetime import date

from domain import audit_actions
from domain.audit_actions import PLAN_REVIEW_ACTIONS, REVERSAL_ACTIONS
from domain.audit_subjects import (
    account_subject, capacity_subject, district_subject, draft_subject, inspection_subject,
    payment_subject, permit_subject, person
)


def test_each_subject_names_what_the_event_was_about():
    assert account_subject(7) == "account 7"
    assert draft_subject(3, 7) == "application 3 of account 7"
    assert permit_subject(42) == "permit 42"
    assert inspection_subject(9) == "inspection 9"
    assert payment_subject("PAY-2026-000001") == "payment PAY-2026-000001"
    assert district_subject("D3") == "district D3"
    assert capacity_subject("D3", date(2026, 12, 1)) == "capacity D3 2026-12-01"
    assert person("Ada", "ada@example.org") == "Ada (ada@example.org)"


def test_a_reversal_and_a_plan_review_comment_are_one_whole_action_each():
    assert REVERSAL_ACTIONS == {"voided": "payment voided", "refunded": "payment refunded"}
    assert PLAN_REVIEW_ACTIONS == {"corrections": "plan review corrections",
                                   "response": "plan review response",
                                   "approval": "plan review approval"}


def test_every_action_reads_as_the_events_already_stored():
    actions = {value for name, value in vars(audit_actions).items()
               if name.isupper() and isinstance(value, str)}
    assert actions == {
        "document attached", "document removed", "fees adjusted", "staff note added",
        "plan review assigned", "plan review discipline decided",
        "account registered", "e-mail confirmed", "password changed", "verification decided",
        "colleague decided", "account details changed", "e-mail change asked",
        "e-mail change cancelled", "e-mail changed", "colleague removed",
        "staff account created", "staff account changed", "account deactivated",
        "account reactivated", "set-password link sent",
        "applied", "claim letter requested", "claim letter printed",
        "claim letter cancelled", "claim letter locked", "claim code refused",
        "company claimed with the mailed code", "status changed", "permit renewed",
        "permit unfollowed", "draft deleted", "fees paid", "inspection requested",
        "inspection rescheduled", "inspection cancelled", "inspection reassigned",
        "inspection resulted", "result kept for a supervisor", "reinspection fee assessed",
        "sync conflict resolved", "photo added",
        "district assigned", "day capacity set", "scheduling rule overridden",
        "phone line PIN replaced", "phone line PIN lock cleared", "rules saved", "rules withdrawn",
        "signed in",
        "sign-in refused", "document downloaded", "phone line PIN refused"}
