"""The audit log for staff: every change, newest first, filtered (issue 16 §5)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from db.audit.log import audit_log
from domain.accounts import Role
from domain.audit_filters import (
    CHANNELS, NOTHING_MATCHES, WHO_HINT, audit_form, no_such_permit, read_audit_ask
)
from domain.outcomes import Rejected
from web.access import require
from web.staff.queue_links import queue_link
from web.templating import page


async def log_page(request: Request):
    require(request, Role.STAFF)
    outcome = read_audit_ask(request.query_params, request.app.state.zone)
    context = {"channels": CHANNELS, "lines": [], "next_older": None, "first_page": True,
               "nothing": NOTHING_MATCHES, "who_hint": WHO_HINT}
    if isinstance(outcome, Rejected):
        return page(request, "staff/audit_log.html", 400, **context, errors=outcome.errors,
                    form=audit_form(request.query_params), latest=None)
    ask = outcome.value
    found = await audit_log(ask)
    if found is None:
        return page(request, "staff/audit_log.html", 400, **context,
                    errors=no_such_permit(ask.permit_number or ""), form=ask.form, latest=None)
    lines, older = found
    return page(request, "staff/audit_log.html", **{
        **context, "lines": lines, "first_page": ask.older is None, "errors": {},
        "form": ask.form, "filtered": ask.filtered,
        "next_older": queue_link(request, "staff_audit_log", ask.form, older=str(older)) if older else None,
        "latest": queue_link(request, "staff_audit_log", ask.form) if ask.older is not None else None})


routes = [Route("/staff/audit", log_page, name="staff_audit_log")]
