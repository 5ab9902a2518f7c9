"""The hourly loop: housekeeping (db/lifecycle/housekeeping.py) and expiring lapsed permits."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from db.database import Database
from db.lifecycle.expiry import expire_permits
from db.lifecycle.housekeeping import tidy
from web.emails import notice_for
from web.settings import Settings

log = logging.getLogger("permitline.housekeeping")  # the name operators' log filters know
EVERY_SECONDS = 3600


async def expire_lapsed(database: Database, settings: Settings, now: datetime) -> list[str]:
    """Permits whose expiration date has passed in the city become Expired."""
    today = now.astimezone(ZoneInfo(settings.time_zone)).date()
    return await expire_permits(database, today, now, notice_for(settings))


async def hourly_pass(database: Database, settings: Settings, now: datetime) -> None:
    """Housekeeping, then expiry: one pass, at start-up and every hour."""
    try:
        await tidy(now)
        expired = await expire_lapsed(database, settings, now)
        if expired:
            log.info("expired %d permits", len(expired))
    except Exception:  # the loop must outlive a database hiccup
        log.exception("housekeeping")


async def every_hour(database: Database, settings: Settings, clock: Callable[[], datetime]) -> None:
    """Every hour after the pass at start-up (web/app.py runs that one before serving, so no
    request meets a half-tidied database). ``clock`` is the app's (tests set it; a permit
    expires by the city's date, not the machine's)."""
    while True:
        await asyncio.sleep(EVERY_SECONDS)
        await hourly_pass(database, settings, clock())
