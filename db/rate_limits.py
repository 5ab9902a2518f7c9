"""Rate limits counted in the database, so they hold across server processes.

``spend`` runs inside the caller's write transaction: it counts the action's recent uses of
each key, refuses if one has used its allowance, and otherwise writes this use, so the limit
and the action commit together or not at all. Writers take turns per key: on SQLite the
write transaction is IMMEDIATE (one writer, every process); on PostgreSQL a transaction-scoped
advisory lock per key does it (READ COMMITTED would let two processes count the same uses).
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

from db.database import Database
from db.tables import RateLimitUse
from domain.rate_limits import RateLimit, blocked_until

# A key names the action and what it is counted per: "register address 203.0.113.9".
MAX_KEY = 200


class RateLimited(Exception):
    """An action over its limit; ``until`` is when the key may be used again."""

    def __init__(self, key: str, until: datetime) -> None:
        super().__init__(f"{key} is limited until {until.isoformat()}")
        self.key = key
        self.until = until


def key(action: str, per: str, value: str) -> str:
    return f"{action} {per} {value}"[:MAX_KEY]


async def spend(database: Database, limits: Mapping[str, RateLimit], now: datetime) -> None:
    """Count one use of every key, or raise RateLimited (writing nothing) if a key is spent.
    Call inside a write transaction."""
    blocked = await try_spend(database, limits, now)
    if blocked is not None:
        raise RateLimited(*blocked)


async def try_spend(database: Database, limits: Mapping[str, RateLimit], now: datetime
                    ) -> tuple[str, datetime] | None:
    """As ``spend``, but answers (key, until) instead of raising when a key is spent."""
    keys = sorted(limits)
    if not keys:
        return None
    if database.postgres:
        for each in keys:  # always in the same order: two writers cannot deadlock
            await RateLimitUse.raw("SELECT pg_advisory_xact_lock(hashtext({}))", each)
    since = now - max(limit.window for limit in limits.values())
    used: dict[str, list[datetime]] = {each: [] for each in keys}
    for row in await RateLimitUse.select(RateLimitUse.key, RateLimitUse.used_at).where(
            RateLimitUse.key.is_in(keys) & (RateLimitUse.used_at > since)):
        used[row["key"]].append(_aware(row["used_at"]))
    for each in keys:
        until = blocked_until(used[each], now, limits[each])
        if until is not None:
            return each, until
    await RateLimitUse.insert(*(RateLimitUse(key=each, used_at=now) for each in keys))
    return None


# Longer than every limit's window (domain/rate_limits.py): older uses count for nothing.
KEEP_USES = timedelta(days=31)


async def forget_old(now: datetime) -> None:
    """Housekeeping: uses older than every window."""
    await RateLimitUse.delete().where(RateLimitUse.used_at < now - KEEP_USES)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
