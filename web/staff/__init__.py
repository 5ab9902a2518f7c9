"""Routes for city staff (the back office grows here; issue 7 adds its everyday screens)."""
from web.staff import accounts, conflicts, inspections, payments, reviews

routes = [*payments.routes, *reviews.routes, *inspections.routes, *conflicts.routes,
          *accounts.routes]
