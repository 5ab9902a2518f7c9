"""Routes for city staff (the back office grows here; issue 7 adds its everyday screens)."""
from web.staff import payments

routes = [*payments.routes]
