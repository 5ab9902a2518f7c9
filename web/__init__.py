"""The HTTP shell: Starlette routes, templates, static files and the service worker."""
# Registered on import of any web module, before a route module compiles its paths.
from web import url_convertors  # noqa: F401
