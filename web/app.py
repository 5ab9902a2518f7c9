"""The application factory: routes, middleware, lifespan and error pages in one place."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager, suppress
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount

from db.database import connect, disconnect
from db.rules import rule_book
from domain.site_hosts import site_hosts
from web import (
    account, contractor, demo_pages, errors, inspector, phone_line, public, service_worker, staff,
    webhooks
)
from web.access import SignInRequired, sign_in_required
from web.htmx import PostAnswersStayOutOfHistory
from web.loops.hourly import every_hour, hourly_pass
from web.loops.mail import Mailer
from web.middleware.audit_actor import AuditActor
from web.middleware.auth import authentication
from web.middleware.compression import Compression
from web.middleware.csrf import CsrfProtection
from web.middleware.response_headers import ResponseHeaders
from web.middleware.trusted_hosts import TrustedHosts
from web.settings import Settings, load_settings
from web.static_files import VersionedStaticFiles
from web.templating import STATIC, build_templates


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: Starlette):
        # The one handle (db/database.py), then the versions of the editable rules.
        app.state.database = await connect(settings.database_url)
        await rule_book.load(app.state.database)
        app.state.mailer = Mailer(settings)
        await hourly_pass(app.state.database, settings, app.state.clock())
        loops = [asyncio.create_task(app.state.mailer.run()),
                 asyncio.create_task(every_hour(app.state.database, settings,
                                                lambda: app.state.clock())),
                 asyncio.create_task(rule_book.follow(app.state.database))]
        try:
            yield
        finally:
            for loop in loops:
                loop.cancel()
                with suppress(asyncio.CancelledError):
                    await loop
            await disconnect(app.state.database)

    app = Starlette(
        debug=settings.debug,
        routes=[
            *public.routes,
            *account.routes,
            *contractor.routes,
            *inspector.routes,
            *staff.routes,
            *webhooks.routes,
            *phone_line.routes,
            *(demo_pages.routes if settings.demo else ()),
            *service_worker.routes,
            Mount("/static", app=VersionedStaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[
            Middleware(ResponseHeaders, https=settings.base_url.startswith("https://")),
            Middleware(TrustedHosts, hosts=site_hosts(settings.base_url,
                                                      settings.allowed_hosts)),
            Middleware(Compression),
            Middleware(PostAnswersStayOutOfHistory),
            authentication(settings),
            Middleware(AuditActor),
            Middleware(CsrfProtection, secure=settings.secure_cookies,
                       exempt=("/webhooks/", "/ivr/")),
        ],
        exception_handlers={**errors.handlers, SignInRequired: sign_in_required},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.zone = ZoneInfo(settings.time_zone)
    # Tests move time forward (lockouts, link expiry) by replacing the clock.
    app.state.clock = lambda: datetime.now(timezone.utc)
    app.state.templates = build_templates(settings, app.routes)
    return app
