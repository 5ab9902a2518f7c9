"""The start page and the liveness probe."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def home(request: Request):
    return request.app.state.templates.TemplateResponse(request, "home.html", {})


async def livez(request: Request):
    """Liveness only (no database): also the trivial endpoint the benchmarks compare against."""
    return PlainTextResponse("ok")


routes = [
    Route("/", home, name="home"),
    Route("/livez", livez, name="livez"),
]
