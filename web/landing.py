"""GET on an address that takes only POST: where a reload, Back or a reopened tab lands.

Without JavaScript a form answered in place (errors to correct, a page shown once) leaves its
POST address in the address bar, and a phone that reopens the tab asks it with GET. Such an
address sends the visitor to the page its form lives on, never a 405 (issue 14 §10);
tests/unit/web/test_post_redirect_get.py walks every POST route to hold this.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route


def landing(path: str, to: str, name: str, anchor: str = "", **fixed: str) -> Route:
    """A GET route at ``path`` redirecting (303) to the route named ``to``, filled in with the
    path's own parameters that ``to`` takes (and ``fixed`` ones)."""

    async def endpoint(request: Request) -> RedirectResponse:
        target = next(route for route in request.app.routes
                      if isinstance(route, Route) and route.name == to)
        params = {key: value for key, value in {**request.path_params, **fixed}.items()
                  if key in target.param_convertors}
        location = request.app.url_path_for(to, **params)
        return RedirectResponse(location + (f"#{anchor}" if anchor else ""), status_code=303)

    return Route(path, endpoint, name=name)


def form_post(path: str, endpoint, name: str, back_to: str, anchor: str = "",
              **fixed: str) -> list[Route]:
    """A form's POST route named ``name`` and, at the same address, its GET landing
    ``{name}_landing`` that sends a reload or Back to the route named ``back_to``."""
    return [Route(path, endpoint, methods=["POST"], name=name),
            landing(path, back_to, f"{name}_landing", anchor, **fixed)]
