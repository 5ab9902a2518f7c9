"""The server's hourly tidy-up loop (db/housekeeping.py decides what goes)."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from db.housekeeping import tidy

log = logging.getLogger("permitline.housekeeping")
EVERY_SECONDS = 3600


async def housekeeping() -> None:
    while True:
        try:
            await tidy(datetime.now(timezone.utc))
        except Exception:  # the loop must outlive a database hiccup
            log.exception("housekeeping")
        await asyncio.sleep(EVERY_SECONDS)
