"""HTTP shell: the Starlette app, its routes, templates, static files and service worker."""
