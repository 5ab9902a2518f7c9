"""Public pages anyone may open without signing in."""
from web.public import (
    fee_estimate, home, open_data, permit_card, permit_pages, permit_search, projects,
    reports,
)

# The card's fixed paths come before the permit tabs' /permits/{number}/{tab}.
routes = [*home.routes, *permit_search.routes, *permit_card.routes, *permit_pages.routes,
          *projects.routes, *fee_estimate.routes, *open_data.routes,
          *reports.routes]
