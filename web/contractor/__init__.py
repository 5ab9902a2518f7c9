"""Routes for signed-in contractors and owner-builders: My Dashboard and its actions."""
from web.contractor import applications, dashboard, inspections, payments

routes = [*dashboard.routes, *applications.routes, *payments.routes, *inspections.routes]
