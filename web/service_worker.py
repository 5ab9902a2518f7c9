"""Serves /sw.js from the root scope (the worker itself arrives with inspector mode)."""
from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

SOURCE = Path(__file__).parent / "sw.js"


async def service_worker(request: Request):
    return Response(
        SOURCE.read_text(), media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


routes = [Route("/sw.js", service_worker, name="service_worker")]
