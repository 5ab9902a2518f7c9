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

from web.templating import WEB, static_hashes

SOURCE = Path(__file__).parent / "sw.js"
# What an inspector's pages load besides the pages themselves.
PRECACHED = ("css/permitline.css", "vendor/", "icons/", "js/")


def _precached(path: str) -> bool:
    """The vendored libraries' minified builds only: the others are kept for reading."""
    if path.startswith("vendor/"):
        return path.endswith(".min.js")
    return path.startswith(PRECACHED) and not path.endswith(".md")
# Loaded by the worker with importScripts (so they are named with their hashes).
WORKER_SCRIPTS = {"__OUTBOX_SCRIPT__": "js/outbox.js",
                  "__RESULT_SYNC_SCRIPT__": "js/result_sync.js",
                  "__SAVED_ROUTE_SCRIPT__": "js/saved_route.js"}


@cache
def worker_source(offline_page: str, city_name: str) -> str:
    """Computed once per process: a static file or a template that changes (the offline page
    is precached) gives a new version, and so a new worker (no Node build step)."""
    hashes = static_hashes()
    urls = sorted(f"/static/{path}?v={digest}" for path, digest in hashes.items()
                  if _precached(path))
    templates = hashlib.sha256(city_name.encode())
    for path in sorted((WEB / "templates").rglob("*.html")):
        templates.update(path.read_bytes())
    source = SOURCE.read_text()
    version = hashlib.sha256((source + json.dumps(urls) + templates.hexdigest()).encode()
                             ).hexdigest()[:12]
    filled = {
        '"__VERSION__"': json.dumps(version), "__PRECACHE__": json.dumps(urls),
        '"__OFFLINE_PAGE__"': json.dumps(offline_page),
        **{f'"{placeholder}"': json.dumps(f"/static/{path}?v={hashes[path]}")
           for placeholder, path in WORKER_SCRIPTS.items()},
    }
    for placeholder, value in filled.items():
        source = source.replace(placeholder, value)
    return source


async def service_worker(request: Request):
    source = worker_source(request.url_for("inspector_offline").path,
                           request.app.state.settings.city_name)
    return Response(source, media_type="text/javascript",
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
