"""Routes for signed-in contractors and owner-builders: My Dashboard and its actions."""
from web.contractor import dashboard

routes = [*dashboard.routes]
