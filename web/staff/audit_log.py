"""The audit log for staff: every change, who made it and through which channel, newest first."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from db.audit.log import audit_log
from domain.accounts import Role
from domain.numbers import id_or_none
from web.access import require
from web.templating import page


async def log_page(request: Request):
    require(request, Role.STAFF)
    older = request.query_params.get("older", "")
    without_permit = request.query_params.get("about") == "other"
    lines, next_older = await audit_log(id_or_none(older), without_permit)
    return page(request, "staff/audit_log.html", lines=lines, next_older=next_older,
                about="other" if without_permit else "", first_page=not older)


routes = [Route("/staff/audit", log_page, name="staff_audit_log")]
