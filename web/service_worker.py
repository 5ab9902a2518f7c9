"""Serves /sw.js from the root scope, rendered from the Jinja template web/sw.js with its
version, precache list and URLs, and the web app manifest that makes inspector mode
installable."""
from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.numbers import LARGEST_ID
from web.templating import WEB, static_hashes

SOURCE = Path(__file__).parent / "sw.js"
# What an inspector's pages load besides the pages themselves.
PRECACHED = ("css/permitline.css", "vendor/", "icons/", "js/")
# Loaded by the worker with importScripts (so they are named with their hashes).
WORKER_SCRIPTS = {"result_queue_script": "js/result_queue.js",
                  "result_sync_script": "js/result_sync.js",
                  "saved_route_script": "js/saved_route.js",
                  "photo_queue_script": "js/photo_queue.js",
                  "photo_sync_script": "js/photo_sync.js",
                  "photo_resize_script": "js/photo_resize.js"}
# An id the routes' convertor takes, standing for any id in the worker's patterns.
ANY_ID = LARGEST_ID


def _precached(path: str) -> bool:
    """The vendored libraries' minified builds only: the others are kept for reading."""
    if path.startswith("vendor/"):
        return path.endswith(".min.js")
    return path.startswith(PRECACHED) and not path.endswith(".md")


def _pattern(*paths: str) -> str:
    """A regular expression (JavaScript's syntax too) matching any of ``paths``, ANY_ID
    standing for an id, captured."""
    alternatives = (re.escape(path).replace(str(ANY_ID), r"(\d+)") for path in paths)
    return "^(?:" + "|".join(alternatives) + ")$"


def worker_urls(request: Request) -> str:
    """The paths the worker knows, all from the routes' names (JSON, a key of the cache):
    looked up once per app and mount point, not on each fetch of /sw.js (browsers ask for it
    again on every visit; the routes never change once the app runs)."""
    kept = getattr(request.app.state, "worker_urls", None)
    if kept is None:
        kept = request.app.state.worker_urls = {}
    root = request.scope.get("root_path", "")
    if root not in kept:
        kept[root] = _looked_up(request)
    return kept[root]


def _looked_up(request: Request) -> str:
    def path(name: str, **params) -> str:
        return request.url_for(name, **params).path

    inspection = path("inspector_inspection", inspection_id=ANY_ID)
    return json.dumps({
        "offline_page": path("inspector_offline"),
        "saved_pages": path("inspector_saved_pages"),
        "route": path("inspector_today"),
        "inspection": inspection, "any_id": str(ANY_ID),
        "sign_in": path("sign_in_page"),
        "static": path("static", path=""),
        "result_post": _pattern(path("record_result", inspection_id=ANY_ID)),
        "photo_post": path("add_photos", inspection_id=ANY_ID),
        "route_page": _pattern(path("inspector_today"), inspection),
    }, sort_keys=True)


@cache
def worker_source(env: Environment, urls: str, city_name: str) -> str:
    """Computed once per process: a static file or a template that changes (the offline page
    is precached) gives a new version, and so a new worker (no Node build step). Rendered with
    the app's Jinja environment, autoescape off (JavaScript, every value through tojson)."""
    hashes = static_hashes()
    paths = json.loads(urls)
    precache = sorted(f"{paths['static']}{path}?v={digest}" for path, digest in hashes.items()
                      if _precached(path))
    templates = hashlib.sha256(city_name.encode())
    for path in sorted((WEB / "templates").rglob("*.html")):
        templates.update(path.read_bytes())
    source = SOURCE.read_text()
    version = hashlib.sha256((source + json.dumps(precache) + urls + templates.hexdigest()
                              ).encode()).hexdigest()[:12]
    scripts = {name: f"{paths['static']}{path}?v={hashes[path]}"
               for name, path in WORKER_SCRIPTS.items()}
    return env.overlay(autoescape=False).from_string(source).render(
        version=version, precache=precache, urls=paths, **scripts)


async def service_worker(request: Request):
    source = worker_source(request.app.state.templates.env, worker_urls(request),
                           request.app.state.settings.city_name)
    return Response(source, media_type="text/javascript",
                    headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})


async def manifest(request: Request):
    settings = request.app.state.settings
    hashes = static_hashes()
    icons = []
    for size in (192, 512):
        path = f"icons/inspector-{size}.png"
        src = f"{request.url_for('static', path=path).path}?v={hashes[path]}"
        icons.append({"src": src, "sizes": f"{size}x{size}",
                      "type": "image/png", "purpose": "any"})
    return JSONResponse({
        "name": f"{settings.city_name} inspections", "short_name": "Inspections",
        "description": "The day's inspection route, also without a connection.",
        "start_url": request.url_for("inspector_today").path, "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#00703c", "icons": icons,
    }, media_type="application/manifest+json")


routes = [
    Route("/sw.js", service_worker, name="service_worker"),
    Route("/manifest.webmanifest", manifest, name="manifest"),
]
