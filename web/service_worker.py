"""Serves /sw.js from the root scope with its version and precache list filled in, and the
web app manifest that makes inspector mode installable."""
from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from web.templating import static_hashes

SOURCE = Path(__file__).parent / "sw.js"
# What an inspector's pages need offline besides the pages themselves.
PRECACHED = ("css/permitline.css", "vendor/", "icons/")


@cache
def worker_source() -> str:
    """Computed once per process: a static file that changes gives a new version, and so a
    new worker (no Node build step)."""
    hashes = static_hashes()
    urls = sorted(f"/static/{path}?v={digest}" for path, digest in hashes.items()
                  if path.startswith(PRECACHED) and not path.endswith(".md"))
    source = SOURCE.read_text()
    version = hashlib.sha256((source + json.dumps(urls)).encode()).hexdigest()[:12]
    return source.replace('"__VERSION__"', json.dumps(version)).replace(
        "__PRECACHE__", json.dumps(urls))


async def service_worker(request: Request):
    return Response(worker_source(), media_type="text/javascript",
                    headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})


async def manifest(request: Request):
    settings = request.app.state.settings
    hashes = static_hashes()
    icons = []
    for size in (192, 512):
        path = f"icons/inspector-{size}.png"
        icons.append({"src": f"/static/{path}?v={hashes[path]}", "sizes": f"{size}x{size}",
                      "type": "image/png", "purpose": "any"})
    return JSONResponse({
        "name": f"{settings.city_name} inspections", "short_name": "Inspections",
        "description": "The day's inspection route, also without a connection.",
        "start_url": "/inspector", "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#00703c", "icons": icons,
    }, media_type="application/manifest+json")


routes = [
    Route("/sw.js", service_worker, name="service_worker"),
    Route("/manifest.webmanifest", manifest, name="manifest"),
]
