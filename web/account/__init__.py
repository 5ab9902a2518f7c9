"""Routes for people with accounts: sign-in, registration, e-mailed links, profile."""
from web.account import claim, email_links, inspection_access, profile, register, sign_in

routes = [*sign_in.routes, *register.routes, *email_links.routes, *profile.routes,
          *inspection_access.routes, *claim.routes]
