"""Routes for signed-in contractors and owner-builders: My Dashboard and its actions."""
from web.contractor import (
    applications, dashboard, draft_leaving, inspections, payments, plan_documents, plan_review,
    receipts
)

# The wizard's catch-all step route comes after the draft's own pages (discard, documents).
routes = [*dashboard.routes, *draft_leaving.routes, *plan_documents.routes, *applications.routes,
          *payments.routes, *receipts.routes, *inspections.routes, *plan_review.routes]
