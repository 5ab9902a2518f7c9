"""Routes for inspectors: the day's route and result entry (issue 6 makes them work offline)."""
from web.inspector import photos, results, route, route_order, site_visits

routes = [*route.routes, *results.routes, *route_order.routes, *site_visits.routes,
          *photos.routes]
