"""Routes for inspectors: the day's route and result entry (issue 6 makes them work offline)."""
from web.inspector import results, route

routes = [*route.routes, *results.routes]
