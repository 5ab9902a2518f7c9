"""Routes for city staff (the back office grows here; issue 7 adds its everyday screens)."""
from web.staff import (
    accounts, audit_log, cashier, claim_letters, conflicts, counter_booking, counter_changes,
    fee_adjustments, inspections, payments, permit_notes, permit_status, phone_line, review_desk,
    reviews, rules, rules_checklists, rules_fees, rules_scheduling, rules_types, search,
    staff_accounts
)

routes = [*payments.routes, *reviews.routes, *review_desk.routes, *inspections.routes,
          *conflicts.routes, *accounts.routes, *rules.routes, *rules_scheduling.routes,
          *rules_types.routes, *rules_fees.routes, *rules_checklists.routes,
          *permit_status.routes, *audit_log.routes,
          *phone_line.routes, *claim_letters.routes, *search.routes, *cashier.routes,
          *fee_adjustments.routes, *permit_notes.routes, *counter_booking.routes,
          *counter_changes.routes, *staff_accounts.routes]
