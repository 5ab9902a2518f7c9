"""Demo-only pages (PERMITLINE_DEMO): the mail the portal has sent, readable in the browser."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from db.mail.outbox import recent
from web.templating import page


async def demo_mail(request: Request):
    response = page(request, "demo/mail.html", messages=await recent())
    # It shows e-mailed confirmation and reset links: secret, like the pages they open.
    response.headers["Cache-Control"] = "no-store"
    return response


routes = [Route("/demo/mail", demo_mail, name="demo_mail")]
