"""Static files served with long-lived caching: their URLs carry a content hash."""
from __future__ import annotations

from starlette.staticfiles import StaticFiles


class VersionedStaticFiles(StaticFiles):
    def file_response(self, *args, **kwargs):
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
