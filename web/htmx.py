"""The one place that reads htmx request headers (full page or fragment from one URL, and
whether htmx sent a request at all) and answers with htmx's own redirect headers."""
from __future__ import annotations

from starlette.requests import HTTPConnection, Request
from starlette.responses import RedirectResponse, Response

from domain.redirects import local_target

# Every header is_partial() reads, so that caches keep the page and the fragment apart.
VARY = "HX-Request, HX-Boosted, HX-History-Restore-Request"


def from_htmx(connection: HTTPConnection) -> bool:
    """True for every request htmx sent (a fragment's, a boosted page's, a history restore's):
    sent away, it gets HX-Redirect, as htmx would swap the page a 3xx leads to into this one."""
    return connection.headers.get("hx-request") == "true"


def scope_from_htmx(scope) -> bool:
    """from_htmx() for pure-ASGI middleware: on the scope's raw headers, without building
    Starlette's Headers for every request."""
    return any(name == b"hx-request" and value == b"true" for name, value in scope["headers"])


def is_partial(request: Request) -> bool:
    """True for htmx requests that want only a fragment.

    Boosted navigations and history restores (a cache miss on back/forward) need the full page.
    """
    headers = request.headers
    return (
        from_htmx(request)
        and headers.get("hx-boosted") != "true"
        and headers.get("hx-history-restore-request") != "true"
    )


def render(request: Request, page: str, fragment: str, context: dict, status_code: int = 200
           ) -> Response:
    templates = request.app.state.templates
    partial = is_partial(request)
    response = templates.TemplateResponse(
        request, fragment if partial else page, {**context, "partial": partial},
        status_code=status_code,
    )
    response.headers["Vary"] = VARY
    return response


def full_page_load(request: Request, location: str) -> Response:
    """A redirect that htmx turns into a real navigation (HX-Redirect), not a boosted swap: the
    next page's own scripts run, and its service worker, if any, serves it. ``location`` goes
    through ``local_target`` like every redirect a user's text can reach (issue 14 §3)."""
    location = local_target(location)
    if from_htmx(request):
        return Response(status_code=200, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


def to_sign_in(connection: HTTPConnection, location: str) -> Response:
    """Sent to the sign-in page at ``location``: htmx (and the offline result queue) get 401,
    never a page to swap in, with HX-Redirect, which htmx follows as a full navigation; a
    browser gets a 303."""
    if from_htmx(connection):
        return Response(status_code=401, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


# Headers by which an answer decides itself where htmx's history goes.
_HISTORY_HEADERS = (b"hx-push-url", b"hx-replace-url", b"hx-redirect", b"hx-location")


class PostAnswersStayOutOfHistory:
    """Pure ASGI. A boosted form's POST answered in place (a form with errors, an error page,
    a secret shown once) would push the POST-only address into history, and pull-to-refresh,
    Back or a reopened tab would then ask it with GET: 405 (issue 14 §10). Such answers carry
    ``HX-Push-Url: false``, so the address bar keeps the page the form was on. A redirect (PRG)
    is followed by htmx, which pushes the page it leads to."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if (scope["type"] != "http" or scope["method"] in ("GET", "HEAD")
                or not scope_from_htmx(scope)):
            await self.app(scope, receive, send)
            return

        async def send_in_place(message) -> None:
            if message["type"] == "http.response.start" and not 300 <= message["status"] < 400:
                headers = message.get("headers", [])
                if not any(name.lower() in _HISTORY_HEADERS for name, _ in headers):
                    message["headers"] = [*headers, (b"hx-push-url", b"false")]
            await send(message)

        await self.app(scope, receive, send_in_place)
