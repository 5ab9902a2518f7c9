"""A bare Starlette app with one plain-text route: the baseline for the middleware ratio."""
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def livez(request):
    return PlainTextResponse("ok")


app = Starlette(routes=[Route("/livez", livez)])
