"""The authorization matrix: every route's rule, the expected outcome for each kind of visitor
(tests/unit/web/test_authorization.py checks it; the hostile-input and post-redirect-get
sweeps walk the same routes)."""
from __future__ import annotations

from tests.unit.web.authorization_outcomes import (
    BAD_TOKEN, FORBIDDEN, INVALID, NOT_FOUND, OK, SIGN_IN, Rule, applicants, contractors, everyone,
    field_staff, owner_only, signed_in, staff_only
)
from tests.unit.web.staff_authorization_rules import STAFF_PAGES

RULES: dict[str, Rule] = {
    "home": Rule("GET", "/", everyone(OK)),
    "livez": Rule("GET", "/livez", everyone(OK)),
    "permit_search": Rule("GET", "/permits?q=sunset", everyone(OK)),
    "permit": Rule("GET", "/permits/BLD2026-00042", everyone(OK)),
    "permit_tab": Rule("GET", "/permits/BLD2026-00042/inspections", everyone(OK),
                       sees_inspector_notes=frozenset({"inspector", "staff"})),
    "project_search": Rule("GET", "/projects?q=sunset", everyone(OK)),
    "permit_card": Rule("GET", "/permits/BLD2026-00042/card", everyone(OK)),
    "permit_card_pdf": Rule("GET", "/permits/BLD2026-00042/card.pdf", everyone(OK)),
    "project": Rule("GET", "/projects/{project}", everyone(OK)),
    "fee_estimate": Rule("GET", "/fees/estimate?type=BLD&subtype=Re-roof&valuation=9000&stories=1",
                         everyone(OK)),
    "fee_estimate_print": Rule(
        "GET", "/fees/estimate/print?type=BLD&subtype=Re-roof&valuation=9000&stories=1",
        everyone(OK)),
    "sign_in_page": Rule("GET", "/sign-in", everyone(OK)),
    "sign_in": Rule("POST", "/sign-in", everyone(INVALID),
                    {"email": "nobody@example.com", "password": "wrong-password"}),
    "sign_out": Rule("POST", "/sign-out", everyone(OK)),
    # Questions before what cannot be undone (web/confirm.py): who may do it may be asked.
    "cancel_inspection_confirm": Rule("GET", "/inspections/{scheduled}/cancel", {
        "anonymous": SIGN_IN, "contractor_a": OK, "contractor_b": NOT_FOUND,
        "owner_builder": NOT_FOUND, "inspector": NOT_FOUND, "staff": NOT_FOUND}),
    "unfollow_permit_confirm": Rule("GET", "/dashboard/unfollow/{roof}", signed_in(OK)),
    "application_discard_confirm": Rule("GET", "/applications/{a_draft}/discard",
                                        owner_only()),
    # Someone else's applicant is not asked about: back to one's own account page (303).
    "decide_colleague_confirm": Rule("GET", "/account/colleagues/{fresh_applicant}/decline", {
        "anonymous": SIGN_IN, "contractor_a": OK, "contractor_b": OK,
        "owner_builder": FORBIDDEN, "inspector": FORBIDDEN, "staff": FORBIDDEN}),
    "withdraw_rules_confirm": Rule("GET", "/staff/rules/fees/2026-07-01/withdraw",
                                   staff_only(OK)),
    "register": Rule("GET", "/register", everyone(OK)),
    "register_contractor": Rule("GET", "/register/contractor?license=1012345", everyone(OK)),
    "register_contractor_post": Rule("POST", "/register/contractor", everyone(INVALID),
                                     {"license": "1012345"}),
    "register_owner": Rule("GET", "/register/owner-builder", everyone(OK)),
    "register_owner_post": Rule("POST", "/register/owner-builder", everyone(INVALID)),
    "check_email": Rule("GET", "/register/check-email", everyone(OK)),
    "verify_email": Rule("GET", f"/account/verify/{BAD_TOKEN}", everyone(NOT_FOUND)),
    "verify_email_post": Rule("POST", f"/account/verify/{BAD_TOKEN}", everyone(NOT_FOUND)),
    "resend_verification": Rule("POST", "/account/verify", everyone(OK),
                                {"email": "nobody@example.com"}),
    "forgot_password": Rule("GET", "/account/forgot-password", everyone(OK)),
    "forgot_password_post": Rule("POST", "/account/forgot-password", everyone(OK),
                                 {"email": "nobody@example.com"}),
    "reset_password": Rule("GET", f"/account/reset/{BAD_TOKEN}", everyone(NOT_FOUND)),
    "reset_password_post": Rule("POST", f"/account/reset/{BAD_TOKEN}", everyone(NOT_FOUND),
                                {"password": "brand-new-password-1"}),
    "profile": Rule("GET", "/account", signed_in(OK)),
    # Only a verified colleague of the same license lets a newcomer join it.
    "decide_colleague": Rule("POST", "/account/colleagues/{fresh_applicant}/approve", {
        "anonymous": SIGN_IN, "contractor_a": OK, "contractor_b": NOT_FOUND,
        "owner_builder": FORBIDDEN, "inspector": FORBIDDEN, "staff": FORBIDDEN}),
    # A contractor's or owner-builder's own details and address (staff keep the others'); a
    # change's e-mailed link, like the other links, is its own key.
    "account_details": Rule("GET", "/account/details", applicants(OK)),
    "account_details_post": Rule("POST", "/account/details", applicants(INVALID),
                                 {"name": "", "phone": "12"}),
    "email_change": Rule("GET", "/account/email", applicants(OK)),
    "email_change_post": Rule("POST", "/account/email", applicants(INVALID),
                              {"email": "new.address@example.com", "current": "not-mine-1"}),
    "email_change_cancel": Rule("POST", "/account/email/cancel", applicants(OK)),
    "email_change_link": Rule("GET", f"/account/email-change/{BAD_TOKEN}", everyone(NOT_FOUND)),
    "email_change_link_post": Rule("POST", f"/account/email-change/{BAD_TOKEN}",
                                   everyone(NOT_FOUND)),
    # Only a verified colleague of the same license removes another (asked first).
    "remove_colleague_confirm": Rule("GET", "/account/colleagues/{fresh_colleague}/remove", {
        "anonymous": SIGN_IN, "contractor_a": OK, "contractor_b": NOT_FOUND,
        "owner_builder": FORBIDDEN, "inspector": FORBIDDEN, "staff": FORBIDDEN}),
    "remove_colleague": Rule("POST", "/account/colleagues/{fresh_colleague}/remove", {
        "anonymous": SIGN_IN, "contractor_a": OK, "contractor_b": NOT_FOUND,
        "owner_builder": FORBIDDEN, "inspector": FORBIDDEN, "staff": FORBIDDEN}),
    "password": Rule("GET", "/account/password", signed_in(OK)),
    "password_post": Rule("POST", "/account/password", signed_in(INVALID),
                          {"current": "not-my-password", "password": "new-password-123"}),
    "dashboard": Rule("GET", "/dashboard", signed_in(OK)),
    "dashboard_section": Rule("GET", "/dashboard/inspections", signed_in(OK)),
    "follow_permit": Rule("POST", "/dashboard/follow", signed_in(OK),
                          {"number": "MEC2026-00003"}),
    "unfollow_permit": Rule("POST", "/dashboard/unfollow/{roof}", signed_in(OK)),
    # Only the permit's own company may cancel; everyone else learns nothing (404).
    "cancel_inspection": Rule("POST", "/inspections/{fresh_inspection}/cancel", {
        "anonymous": SIGN_IN, "contractor_a": OK, "contractor_b": NOT_FOUND,
        "owner_builder": NOT_FOUND, "inspector": NOT_FOUND, "staff": NOT_FOUND}),
    # Inspections: only for the permit's own company (or owner-builder); others learn nothing.
    "request_inspection": Rule("GET", "/permits/BLD2026-00042/inspections/request",
                               applicants(NOT_FOUND) | {"contractor_a": OK}),
    "submit_inspection_request": Rule("POST", "/permits/BLD2026-00042/inspections/request",
                                      applicants(NOT_FOUND) | {"contractor_a": INVALID}),
    "inspection": Rule("GET", "/inspections/{fresh_inspection}",
                       applicants(NOT_FOUND) | {"contractor_a": OK}),
    "reschedule_inspection_form": Rule("GET", "/inspections/{fresh_inspection}/reschedule",
                                       applicants(NOT_FOUND) | {"contractor_a": OK}),
    "reschedule_inspection": Rule("POST", "/inspections/{fresh_inspection}/reschedule",
                                  applicants(NOT_FOUND) | {"contractor_a": INVALID}),
    # Inspectors' route and result entry: inspectors and staff.
    "inspector_today": Rule("GET", "/inspector", field_staff(OK)),
    "inspector_inspection": Rule("GET", "/inspector/inspections/{fresh_inspection}",
                                 field_staff(OK)),
    "record_result": Rule("POST", "/inspector/inspections/{fresh_inspection}/result",
                          field_staff(INVALID), {"result": "Passed"}),
    # Photos from the field (issue 17 §1): inspectors and staff add them; a photo is seen by
    # staff, inspectors and the permit's contacts only (test_photos), and no one else learns
    # that one exists.
    "add_photos": Rule("POST", "/inspector/inspections/{fresh_inspection}/photos",
                       field_staff(INVALID), {"caption": "Ridge"}),
    "inspection_photo": Rule("GET", "/inspections/photos/99999999", signed_in(NOT_FOUND)),
    "inspection_photo_thumb": Rule("GET", "/inspections/photos/99999999/thumb",
                                   signed_in(NOT_FOUND)),
    # What the device saves for offline use; the page it shows for what it did not save.
    "inspector_saved_pages": Rule("GET", "/inspector/saved-pages", field_staff(OK)),
    "inspector_offline": Rule("GET", "/inspector/offline", everyone(OK)),
    # The inspector's own order of a day's stops, and arriving and leaving (issue 17 §3): a
    # stop moved on one's own route; the phone's order sent for its own account only; times
    # recorded by the stop's inspector or staff (the fresh inspection is nobody's, on another
    # day than the clock's: staff are told so).
    "move_stop": Rule("POST", "/inspector/route/order", field_staff(OK),
                      {"day": "2031-03-03", "inspection": "1", "direction": "up"}),
    "sync_route": Rule("POST", "/inspector/route/sync", field_staff(INVALID),
                       {"day": "2031-03-03", "account": "0", "stops": "1,2"}),
    "record_visit": Rule("POST", "/inspector/inspections/{fresh_inspection}/visit",
                         staff_only(INVALID), {"event": "arrived"}),
    # A supervisor's queue of results that arrived for changed inspections.
    "staff_conflicts": Rule("GET", "/staff/conflicts", staff_only(OK)),
    "resolve_conflict": Rule("POST", "/staff/conflicts/99999999/resolve", staff_only(INVALID)),
    "staff_inspections": Rule("GET", "/staff/inspections?day=2031-03-03", staff_only(OK)),
    "reassign_inspection": Rule("POST", "/staff/inspections/{fresh_inspection}/assign",
                                staff_only(INVALID), {"inspector": "0"}),
    "hand_over_day": Rule("POST", "/staff/inspections/handover", staff_only(INVALID),
                          {"day": "2031-03-03", "from": "0", "to": "0"}),
    # A day's capacity: supervisors (the staff profile is one); a clerk's 403 is in
    # test_day_capacity.
    # Plan review: staff decide; the people acting for the application (contractor A's
    # license holds the roof) and staff read it; to anyone else it does not exist.
    "staff_review": Rule("GET", "/staff/reviews/BLD2026-00042", staff_only(OK)),
    "staff_review_decide": Rule("POST", "/staff/reviews/BLD2026-00042", staff_only(INVALID),
                                {"decision": "start"}),
    "plan_review_answer": Rule("GET", "/plan-review/BLD2026-00042",
                               {**signed_in(NOT_FOUND), "contractor_a": OK, "staff": OK}),
    "plan_review_resubmit": Rule("POST", "/plan-review/BLD2026-00042",
                                 {**applicants(NOT_FOUND), "contractor_a": INVALID},
                                 {"response": ""}),
    # Plan review's desk (issue 16 §2): staff only; nothing is open on the roof permit.
    "staff_workload": Rule("GET", "/staff/workload", staff_only(OK)),
    "staff_review_assign": Rule("POST", "/staff/reviews/BLD2026-00042/assign",
                                staff_only(INVALID), {"assignment": "1", "reviewer": ""}),
    "staff_review_add_discipline": Rule("POST", "/staff/reviews/BLD2026-00042/disciplines",
                                        staff_only(INVALID), {"discipline": "fire"}),
    # Plans and documents: a draft's to its author; an answer's to those acting for the
    # permit (nothing waits for an answer on the roof permit); a file to its people and staff.
    "attach_draft_document": Rule("POST", "/applications/{a_draft}/documents/attach",
                                  {**applicants(NOT_FOUND), "contractor_a": INVALID},
                                  {"kind": "plan_set"}),
    "remove_draft_document": Rule("POST", "/applications/{a_draft}/documents/99999999/remove",
                                  {**applicants(NOT_FOUND), "contractor_a": OK}),
    "attach_answer_document": Rule("POST", "/plan-review/BLD2026-00042/documents/attach",
                                   {**applicants(NOT_FOUND), "contractor_a": INVALID},
                                   {"kind": "plan_set"}),
    "remove_answer_document": Rule("POST",
                                   "/plan-review/BLD2026-00042/documents/99999999/remove",
                                   {**applicants(NOT_FOUND), "contractor_a": OK}),
    "plan_document": Rule("GET", "/documents/99999999", signed_in(NOT_FOUND)),
    # Accounts waiting for approval and their documents: staff only.
    "staff_accounts": Rule("GET", "/staff/accounts", staff_only(OK),
                           sees_contacts=frozenset({"staff"})),
    "decide_account": Rule("POST", "/staff/accounts/99999999/decide", staff_only(NOT_FOUND),
                           {"decision": "approve"}, sees_contacts=frozenset({"staff"})),
    "staff_document": Rule("GET", "/staff/documents/99999999", staff_only(NOT_FOUND)),
    # Staff and inspector accounts: every member of staff reads the list; supervisors (the
    # staff profile is one) add and change them (a clerk's 403s are in
    # tests/unit/web/staff/test_people.py). A contractor's account is none of theirs: 404.
    "staff_people": Rule("GET", "/staff/people", staff_only(OK),
                         sees_contacts=frozenset({"staff"})),
    "new_staff_person": Rule("GET", "/staff/people/new", staff_only(OK)),
    "add_staff_person": Rule("POST", "/staff/people/new", staff_only(INVALID),
                             {"name": "", "email": "", "phone": "", "role": "staff"}),
    "staff_person": Rule("GET", "/staff/people/{fresh_applicant}", staff_only(NOT_FOUND)),
    "change_staff_person": Rule("POST", "/staff/people/{fresh_applicant}",
                                staff_only(NOT_FOUND), {"name": "X", "role": "staff"}),
    "deactivate_staff_person_confirm": Rule(
        "GET", "/staff/people/{fresh_applicant}/deactivate", staff_only(NOT_FOUND)),
    "deactivate_staff_person": Rule("POST", "/staff/people/{fresh_applicant}/deactivate",
                                    staff_only(NOT_FOUND)),
    "reactivate_staff_person": Rule("POST", "/staff/people/{fresh_applicant}/reactivate",
                                    staff_only(NOT_FOUND)),
    "send_staff_person_link": Rule("POST", "/staff/people/{fresh_applicant}/link",
                                   staff_only(NOT_FOUND)),
    "set_day_capacity": Rule("POST", "/staff/inspections/capacity", staff_only(INVALID),
                             {"day": "2031-03-03", "district": "Nowhere", "action": "block"}),
    "set_district_inspector": Rule("POST", "/staff/inspections/district", staff_only(INVALID),
                                   {"day": "2031-03-03", "district": "Nowhere",
                                    "inspector": "1"}),
    # The rules: every staff member reads them; supervisors (the staff profile is one) save
    # and withdraw versions (a clerk's 403 is in test_rules). Nothing here is valid to save.
    "staff_rules": Rule("GET", "/staff/rules", staff_only(OK)),
    "staff_rules_scheduling": Rule("GET", "/staff/rules/scheduling", staff_only(OK)),
    "staff_rules_types": Rule("GET", "/staff/rules/inspection-types", staff_only(OK)),
    "staff_rules_fees": Rule("GET", "/staff/rules/fees", staff_only(OK)),
    "save_scheduling_rules": Rule("POST", "/staff/rules/scheduling", staff_only(INVALID),
                                  {"effective": "2020-01-01"}),
    "save_inspection_types": Rule("POST", "/staff/rules/inspection-types",
                                  staff_only(INVALID), {"effective": "2020-01-01"}),
    "save_fee_schedule": Rule("POST", "/staff/rules/fees", staff_only(INVALID),
                              {"effective": "2020-01-01"}),
    "withdraw_rules": Rule("POST", "/staff/rules/fees/2026-07-01/withdraw",
                           staff_only(INVALID)),
    # Linking a contractor account to its company with the mailed code (issue 14 §2): only a
    # waiting contractor has a letter; the others are told so (422).
    "claim": Rule("GET", "/account/claim", contractors(OK)),
    "enter_claim_code": Rule("POST", "/account/claim", contractors(INVALID),
                             {"code": "7KQM-2XPD-9HRT"}),
    "request_claim_letter": Rule("POST", "/account/claim/letter", contractors(INVALID)),
    # Claim letters: staff print them (a PDF, or back to the list when none wait).
    "staff_letters": Rule("GET", "/staff/letters", staff_only(OK)),
    "print_claim_letters": Rule("POST", "/staff/letters/print", staff_only(OK)),
    "send_claim_letter_again": Rule("POST", "/staff/letters/99999999/again",
                                    staff_only(NOT_FOUND)),
    # The phone line PIN and the calendar feed: one's own; the feed needs its secret.
    # A pending account acts on nothing, so it gets neither (issue 14 §2).
    "phone_pin": Rule("POST", "/account/phone-pin", applicants(OK) | {"claimant": FORBIDDEN}),
    "calendar_link": Rule("POST", "/account/calendar-link",
                          applicants(OK) | {"claimant": FORBIDDEN}),
    "calendar_feed": Rule("GET", f"/calendar/{BAD_TOKEN}.ics", everyone(NOT_FOUND)),
    # The phone line is off until a provider's auth token is configured (test_phone_line.py).
    "phone_line_voice": Rule("POST", "/ivr/voice", everyone(NOT_FOUND), {"CallSid": "CA1"}),
    "phone_line_step": Rule("POST", "/ivr/menu", everyone(NOT_FOUND), {"CallSid": "CA1"}),
    "phone_line_status": Rule("POST", "/ivr/status", everyone(NOT_FOUND),
                       {"CallSid": "CA1", "CallStatus": "completed"}),
    # E-permit applications: contractors and owner-builders only; a draft only for its owner.
    "apply": Rule("GET", "/apply", applicants(OK)),
    # A waiting account may not even start an application (domain.applications.may_apply).
    "apply_start": Rule("POST", "/apply/e-mechanical", applicants(OK) | {"claimant": INVALID}),
    "address_suggestions": Rule("GET", "/applications/addresses?address=8500+sun",
                                applicants(OK)),
    "application": Rule("GET", "/applications/{a_draft}", owner_only()),
    "application_step": Rule("GET", "/applications/{a_draft}/address", owner_only()),
    "application_step_post": Rule("POST", "/applications/{a_draft}/address", owner_only(),
                                  {"address": "8500 Sunset Blvd"}),
    "application_submit": Rule("POST", "/applications/{a_draft}/submit", owner_only()),
    "application_submitted": Rule("GET", "/applications/{a_draft}/submitted", owner_only()),
    "application_discard": Rule("POST", "/applications/{a_draft}/discard", owner_only()),
    # Paying: the cart is one's own; a receipt shows only to whoever paid (see test_payments).
    "cart": Rule("GET", "/cart", applicants(OK)),
    "checkout": Rule("GET", "/checkout", applicants(INVALID)),
    "checkout_pay": Rule("POST", "/checkout/pay", applicants(INVALID)),
    "receipt": Rule("GET", "/payments/PAY2026-999999", applicants(NOT_FOUND)),
    "receipt_pdf": Rule("GET", "/payments/PAY2026-999999.pdf",
                        {**applicants(NOT_FOUND), "staff": NOT_FOUND}),
    # Only when the city uses Stripe (this app takes payment at the counter).
    "checkout_stripe": Rule("POST", "/checkout/stripe", applicants(NOT_FOUND)),
    # Authenticated by Stripe's signature (test_stripe.py), so no session and no CSRF token.
    "stripe_webhook": Rule("POST", "/webhooks/stripe", everyone(NOT_FOUND)),
    # Staff only (staff_authorization_rules.py).
    **STAFF_PAGES,
    # Registered only in demo mode; the production app has no such page.
    "demo_mail": Rule("GET", "/demo/mail", everyone(NOT_FOUND)),
    "service_worker": Rule("GET", "/sw.js", everyone(OK)),
    "manifest": Rule("GET", "/manifest.webmanifest", everyone(OK)),
    # BLDS open data: public, and never a private detail (checked for every actor).
    "open_data": Rule("GET", "/open-data", everyone(OK)),
    "open_data_file": Rule("GET", "/open-data/permits.csv", everyone(OK)),
    # Reports of permits issued and finaled: public ("mine" only narrows a contractor's).
    "reports": Rule("GET", "/reports?mine=yes", everyone(OK)),
    "report_print": Rule("GET", "/reports/print", everyone(OK)),
    "report_csv": Rule("GET", "/reports.csv", everyone(OK)),
}
# A form's address asked with GET (a reload, Back, a reopened tab) lands everyone on the form's
# page (web/landing.py): these forms' landings are checked at the forms' own paths. Resending a
# verification e-mail lands on the sign-in page.
LANDINGS = (
    "sign_out", "resend_verification", "phone_pin", "calendar_link", "follow_permit",
    "apply_start", "application_submit", "decide_account", "set_day_capacity",
    "set_district_inspector", "reassign_inspection", "hand_over_day", "resolve_conflict",
    "staff_payment_reverse", "record_result", "print_claim_letters", "send_claim_letter_again",
    "clear_pin_lock", "request_claim_letter", "checkout_pay", "checkout_stripe",
    "staff_review_assign", "staff_review_add_discipline", "attach_draft_document",
    "remove_draft_document", "attach_answer_document", "remove_answer_document",
    "staff_adjust_fees", "staff_add_permit_note", "reactivate_staff_person",
    "send_staff_person_link", "email_change_cancel", "add_photos",
    "move_stop", "sync_route", "record_visit",
)
RULES.update({f"{name}_landing": Rule("GET", RULES[name].path,
                                       everyone(SIGN_IN if name == "resend_verification" else OK))
              for name in LANDINGS})
