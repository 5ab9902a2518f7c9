"""Inspection commands: expiring lapsed permits, assigning districts to inspectors."""
from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timezone

from db.database import connected
from db.inspections.route import assign_district as assign
from web.loops.hourly import expire_lapsed
from web.settings import Settings


def expire(settings: Settings) -> None:
    """What the server's hourly pass also does (web/loops/hourly.py)."""
    async def run():
        async with connected(settings.database_url) as database:
            return await expire_lapsed(database, settings, datetime.now(timezone.utc))

    expired = asyncio.run(run())
    listed = ", ".join(expired[:20]) + (" …" if len(expired) > 20 else "")
    noun = "permit" if len(expired) == 1 else "permits"
    print(f"Expired {len(expired):,} {noun}" + (f": {listed}" if expired else "."))


def assign_district(database_url: str, code: str, email: str) -> None:
    async def run():
        async with connected(database_url) as database:
            return await assign(database, code.strip(), email)

    if not asyncio.run(run()):
        sys.exit(f"No inspector account has the e-mail {email}.")
    print(f"New inspections in district {code} go to {email}.")
