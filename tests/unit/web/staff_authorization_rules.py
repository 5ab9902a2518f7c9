"""The authorization matrix's rules of the back office's pages: staff only (authorization_rules
holds the rest and every route's place in the matrix)."""
from __future__ import annotations

from tests.unit.web.authorization_outcomes import INVALID, NOT_FOUND, OK, Rule, staff_only

STAFF_PAGES: dict[str, Rule] = {
    "staff_reviews": Rule("GET", "/staff/reviews", staff_only(OK)),
    "staff_search": Rule("GET", "/staff/search?q=8500+Sunset+Blvd", staff_only(OK)),
    "staff_audit_log": Rule("GET", "/staff/audit?kind=other&older=x", staff_only(OK)),
    "staff_permit_status": Rule("GET", "/staff/permits/BLD2026-00042/status", staff_only(OK)),
    "staff_permit_status_change": Rule("POST", "/staff/permits/BLD2026-00042/status",
                                       staff_only(INVALID), {"change": "Nope", "reason": ""}),
    "staff_find_payment": Rule("GET", "/staff/payments?reference=PAY2026-999999",
                               staff_only(NOT_FOUND)),
    "staff_payment": Rule("GET", "/staff/payments/PAY2026-999999", staff_only(NOT_FOUND)),
    # A permit's fees waived, reduced or credited: staff read, supervisors (the staff profile)
    # change; a form without its fields is refused.
    "staff_fee_adjustments": Rule("GET", "/staff/permits/BLD2026-00042/fees", staff_only(OK)),
    "staff_adjust_fees": Rule("POST", "/staff/permits/BLD2026-00042/fees/adjust",
                              staff_only(INVALID), {"kind": "waive"}),
    # Internal notes on a permit: staff only, read and written (an empty note is refused).
    "staff_permit_notes": Rule("GET", "/staff/permits/BLD2026-00042/notes", staff_only(OK)),
    "staff_add_permit_note": Rule("POST", "/staff/permits/BLD2026-00042/notes/add",
                                  staff_only(INVALID), {"note": ""}),
    # The counter (issue 16 §3): staff book, move and cancel any permit's inspections for a
    # caller; nobody else reaches these pages. Forms without their fields are refused.
    "staff_book_inspection": Rule("GET", "/staff/permits/BLD2026-00042/inspections/book",
                                  staff_only(OK)),
    "staff_book_inspection_post": Rule("POST", "/staff/permits/BLD2026-00042/inspections/book",
                                       staff_only(INVALID), {"type": ""}),
    "staff_inspection": Rule("GET", "/staff/inspections/{fresh_inspection}", staff_only(OK)),
    "staff_move_inspection": Rule("GET", "/staff/inspections/{fresh_inspection}/move",
                                  staff_only(OK)),
    "staff_move_inspection_post": Rule("POST", "/staff/inspections/{fresh_inspection}/move",
                                       staff_only(INVALID), {"day": ""}),
    "staff_cancel_inspection": Rule("GET", "/staff/inspections/{fresh_inspection}/cancel",
                                    staff_only(OK)),
    "staff_cancel_inspection_post": Rule(
        "POST", "/staff/inspections/{fresh_inspection}/cancel", staff_only(INVALID),
        {"override": "1", "override_reason": ""}),
    # The cashier's close and the payments to refund: staff only.
    "staff_cashier": Rule("GET", "/staff/cashier?day=2026-12-01", staff_only(OK)),
    "staff_cashier_csv": Rule("GET", "/staff/cashier/close.csv?day=2026-12-01", staff_only(OK)),
    "staff_payment_reverse": Rule("POST", "/staff/payments/PAY2026-999999/reverse",
                                  staff_only(NOT_FOUND), {"kind": "void", "reason": "test"}),
    # The phone line's PIN locks: every member of staff sees and clears them (a clerk at the
    # counter helps a locked-out caller); nothing is locked here, so clearing is refused.
    "staff_phone_line": Rule("GET", "/staff/phone-line", staff_only(OK)),
    "clear_pin_lock": Rule("POST", "/staff/phone-line/clear", staff_only(INVALID),
                           {"key": "ivr-pin:license:1012345:from:+13235550188"}),
    # The inspection checklists and corrections library (issue 17 §2): every member of staff
    # reads them, supervisors (the staff profile is one) save versions; nothing here is valid
    # to save (a clerk's 403 is in test_rules_checklists).
    "staff_rules_checklists": Rule("GET", "/staff/rules/checklists", staff_only(OK)),
    "save_inspection_checklists": Rule("POST", "/staff/rules/checklists", staff_only(INVALID),
                                       {"effective": "2020-01-01"}),
}
