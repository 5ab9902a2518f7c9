"""The automated inspection phone line (docs/phone-line.md): its steps, and each call's plumbing."""
from web.phone_line import steps

routes = steps.routes
