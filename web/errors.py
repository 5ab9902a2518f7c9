"""Error pages: 404 with a search box, 400 saying what was wrong, and a calm 500."""
from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request

from db.reader import QueryTooSlow
from web.htmx import VARY, is_partial
from web.response_headers import SECURITY_HEADERS

log = logging.getLogger("permitline")


def _page(request: Request, status_code: int, title: str, message: str):
    templates = request.app.state.templates
    response = templates.TemplateResponse(
        request, "errors/error.html",
        {"status_code": status_code, "title": title, "message": message},
        status_code=status_code,
    )
    if is_partial(request):
        # A fragment request that fails replaces the whole page with the error page.
        response.headers["HX-Retarget"] = "body"
        response.headers["HX-Reswap"] = "innerHTML"
    response.headers["Vary"] = VARY
    if status_code == 500:
        # Starlette answers unhandled errors outside the middleware stack, so the security
        # headers that ResponseHeaders adds to every other response are added here.
        for name, value in SECURITY_HEADERS:
            response.headers[name.decode()] = value.decode()
    return response


async def http_error(request: Request, exc: HTTPException):
    titles = {400: "That request could not be read", 404: "Page not found",
              405: "That action is not allowed here", 409: "That could not be done",
              502: "A service we rely on did not answer"}
    message = exc.detail if exc.status_code in (400, 409, 502) else {
        404: "We could not find that page. It may have moved, or the permit or project number "
             "may be mistyped. Try a search instead.",
    }.get(exc.status_code, "")
    response = _page(request, exc.status_code, titles.get(exc.status_code, "Error"), message)
    response.headers.update(exc.headers or {})
    return response


async def too_slow(request: Request, exc: QueryTooSlow):
    return _page(request, 503, "That search took too long",
                 "Add a filter or more words and try again.")


async def server_error(request: Request, exc: Exception):
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return _page(request, 500, "Something went wrong on our side",
                 "The error was logged. Please try again in a moment.")


handlers = {HTTPException: http_error, QueryTooSlow: too_slow, Exception: server_error}
