"""Static files: cached for a year only at the URL of their current content.

Pages link to ``/static/<path>?v=<hash>`` (web/templating.static_url), so a file that changes
gets a new URL. A year of ``immutable`` is right only when the ``v`` asked for is the hash of
the file served now: an old page (or a cache, or anyone) asking for ``?v=<old hash>`` gets
today's file, and a year of it under that URL would pin a stale copy the day the hash names
a file again (a rollback), while no ``v`` or a wrong one may be any content at all. Those get
a short cache instead.
"""
from __future__ import annotations

import hashlib
import os
from urllib.parse import parse_qs

from starlette.staticfiles import StaticFiles

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"


def content_hash(data: bytes) -> str:
    """The ``v`` of a static file's URL."""
    return hashlib.sha256(data).hexdigest()[:12]


class VersionedStaticFiles(StaticFiles):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # (path, size, modification time) → the hash of the file as it is now: a file
        # replaced on disk is hashed again, never trusted by name.
        self.hashes: dict[tuple[str, int, int], str] = {}

    def current_hash(self, full_path, stat_result: os.stat_result) -> str:
        found = (str(full_path), stat_result.st_size, stat_result.st_mtime_ns)
        if found not in self.hashes:
            with open(full_path, "rb") as file:
                digest = content_hash(file.read())
            self.hashes = {k: v for k, v in self.hashes.items() if k[0] != found[0]}
            self.hashes[found] = digest
        return self.hashes[found]

    def file_response(self, full_path, stat_result, scope, status_code=200):
        response = super().file_response(full_path, stat_result, scope, status_code)
        asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v", [])
        current = asked == [self.current_hash(full_path, stat_result)]
        response.headers["Cache-Control"] = IMMUTABLE if current else SHORT
        return response
