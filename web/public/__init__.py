"""Public pages anyone may open without signing in."""
from web.public import fee_estimate, home, permit_pages, permit_search, projects

routes = [*home.routes, *permit_search.routes, *permit_pages.routes, *projects.routes,
          *fee_estimate.routes]
