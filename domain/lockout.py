"""Sign-in lockouts that end by themselves: too many failures of one key within a window."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int
    window: timedelta
    lock_for: timedelta


# OWASP Authentication Cheat Sheet: lock an account after a few failures, for a while, and
# limit per client address more loosely (offices share one address).
PER_ACCOUNT = LockoutPolicy(max_failures=5, window=timedelta(minutes=15),
                            lock_for=timedelta(minutes=15))
PER_ADDRESS = LockoutPolicy(max_failures=30, window=timedelta(minutes=15),
                            lock_for=timedelta(minutes=15))


def locked_until(failures: list[datetime], now: datetime, policy: LockoutPolicy
                 ) -> datetime | None:
    """When the lock ends, if ``failures`` (any order) lock the key at ``now``; else None."""
    recent = sorted(at for at in failures if now - at < policy.window + policy.lock_for)
    ends = [
        recent[i + policy.max_failures - 1] + policy.lock_for
        for i in range(len(recent) - policy.max_failures + 1)
        if recent[i + policy.max_failures - 1] - recent[i] < policy.window
    ]
    latest = max(ends, default=None)
    return latest if latest is not None and latest > now else None


def locked_out_message(until: datetime, now: datetime) -> str:
    """What a locked-out person reads, on the sign-in form and the password change alike."""
    minutes = max(1, round((until - now).total_seconds() / 60))
    return (f"Too many failed sign-ins. For your security, try again in {minutes} minutes "
            "or reset your password.")
