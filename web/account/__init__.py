"""Routes for people with accounts: sign-in, registration, e-mailed links, profile."""
from web.account import (
    claim, colleagues, details, email_change, email_links, inspection_access, profile, register,
    sign_in
)

# colleagues before profile: its /account/colleagues/{id}/{decision} would take "remove".
routes = [*sign_in.routes, *register.routes, *email_links.routes, *colleagues.routes,
          *profile.routes, *details.routes, *email_change.routes, *inspection_access.routes,
          *claim.routes]
