"""Routes for signed-in contractors and owner-builders: My Dashboard and its actions."""
from web.contractor import applications, dashboard, inspections, payments, plan_review

routes = [*dashboard.routes, *applications.routes, *payments.routes, *inspections.routes,
          *plan_review.routes]
