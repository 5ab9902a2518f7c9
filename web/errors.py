"""Error pages: 404 with a search box, 400, 403 and 429 saying why, and a calm 500."""
from __future__ import annotations

import logging
from http import HTTPStatus

from starlette.exceptions import HTTPException
from starlette.requests import Request

from db.reader import QueryTooSlow
from domain import error_pages
from web.htmx import VARY, is_partial
from web.middleware.response_headers import SECURITY_HEADERS

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
    # Starlette's default detail is the status phrase ("Forbidden"): say the reason instead.
    default = exc.detail in {status.phrase for status in HTTPStatus
                             if status.value == exc.status_code}
    message = {404: error_pages.NOT_FOUND, 403: error_pages.FORBIDDEN,
               429: error_pages.TOO_MANY}.get(exc.status_code, "") if default else exc.detail
    response = _page(request, exc.status_code, error_pages.title(exc.status_code), message)
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
