"""The application factory: routes, middleware, lifespan and error pages in one place."""
from __future__ import annotations

from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount

from web import errors, public, service_worker
from web.compression import Compression
from web.database import close_database, open_database
from web.response_headers import ResponseHeaders
from web.settings import Settings, load_settings
from web.static_files import VersionedStaticFiles
from web.templating import STATIC, build_templates


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: Starlette):
        app.state.database = await open_database(settings.database_url)
        app.state.reader = app.state.database.reader
        try:
            yield
        finally:
            await close_database(app.state.database)

    app = Starlette(
        debug=settings.debug,
        routes=[
            *public.routes,
            *service_worker.routes,
            Mount("/static", app=VersionedStaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[
            Middleware(ResponseHeaders),
            Middleware(Compression),
        ],
        exception_handlers=errors.handlers,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.templates = build_templates(settings, app.routes)
    return app
