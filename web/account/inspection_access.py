"""The phone line PIN and the private calendar feed of one's inspections."""
from __future__ import annotations

import secrets

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from db.inspections.calendar import calendar_host, calendar_text
from db.inspections.calendar_feed import feed_entries, set_calendar_token
from db.inspections.phone_line import set_phone_pin
from domain.accounts import Role, waiting_words
from web.access import require
from web.city_clock import now, today
from web.emails import link
from web.landing import form_post
from web.templating import page

HOLDERS = (Role.CONTRACTOR, Role.OWNER_BUILDER)
PIN_DIGITS = 6


def _waiting(request: Request, account) -> Response | None:
    """A waiting account acts on nothing of a company (issue 14 §2): a PIN or a calendar feed
    would only mislead it, so it is told why there is none."""
    waiting = waiting_words(account.role, account.verification, account.license_no,
                            account.verification_note)
    if waiting is None:
        return None
    return page(request, "errors/error.html", 403, message=waiting,
                title="Your account cannot do this yet")


async def new_phone_pin(request: Request):
    """A random PIN, shown once (only its hash is kept), replacing the old one."""
    account = require(request, *HOLDERS)
    if refused := _waiting(request, account):
        return refused
    pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
    await set_phone_pin(request.app.state.database, account.id, pin)
    return page(request, "account/secret.html", title="Your phone line PIN", secret=pin,
                explanation="Enter it on the inspection line after the permit number. Write "
                            "it down now: it is not shown again. A new PIN replaces this one.")


async def new_calendar_link(request: Request):
    account = require(request, *HOLDERS)
    if refused := _waiting(request, account):
        return refused
    token = secrets.token_urlsafe(24)
    await set_calendar_token(account.id, token)
    return page(request, "account/secret.html", title="Your inspection calendar link",
                secret=link(request, "calendar_feed", token=token),
                explanation="Add it to your calendar app as a subscription (\u201cFrom URL\u201d). "
                            "Anyone with the link sees your upcoming inspections, so keep it "
                            "private. It is not shown again; a new link stops this one.")


async def calendar_feed(request: Request):
    entries = await feed_entries(request.path_params["token"][:64], today(request))
    if entries is None:
        raise HTTPException(404)
    host = calendar_host(request.app.state.settings.base_url)
    return Response(calendar_text(entries, host, now(request)),
                    media_type="text/calendar; charset=utf-8")


routes = [
    # Each secret is shown once, as the answer to its POST (only a hash is kept, so no page
    # could show it again); its address opened with GET leads back to the account page.
    *form_post("/account/phone-pin", new_phone_pin, "phone_pin", "profile"),
    *form_post("/account/calendar-link", new_calendar_link, "calendar_link", "profile"),
    Route("/calendar/{token:secret}.ics", calendar_feed, name="calendar_feed"),
]
