"""Sign-in lockouts that end by themselves: too many failures of one key within a window."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

# Where fixed windows start: days from midnight UTC.
EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int
    window: timedelta
    lock_for: timedelta
    # Fixed windows (EPOCH + n × window) instead of sliding ones: for a window longer than the
    # lock, where a sliding count would lock the key again at each new failure once it ended.
    fixed: bool = False


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
    if policy.fixed:
        return _fixed_lock_until(recent, now, policy)
    ends = [
        recent[i + policy.max_failures - 1] + policy.lock_for
        for i in range(len(recent) - policy.max_failures + 1)
        if recent[i + policy.max_failures - 1] - recent[i] < policy.window
    ]
    latest = max(ends, default=None)
    return latest if latest is not None and latest > now else None


def _fixed_lock_until(recent: list[datetime], now: datetime, policy: LockoutPolicy
                      ) -> datetime | None:
    """Each ``max_failures``-th failure within one fixed window locks the key for ``lock_for``
    from that failure, and only it: the lock's end is fixed when it starts. A failure after
    the lock ended (or during it, were it counted) neither renews nor extends it, so a guesser
    who reached the ceiling cannot keep the key locked with one failure an hour; the next lock
    takes ``max_failures`` more in that window."""
    counts: dict[int, int] = {}
    ends = []
    for at in recent:
        window = (at - EPOCH) // policy.window
        counts[window] = counts.get(window, 0) + 1
        if counts[window] % policy.max_failures == 0:
            ends.append(at + policy.lock_for)
    latest = max(ends, default=None)
    return latest if latest is not None and latest > now else None


LOCKED_OUT_ONE = ("Too many wrong passwords. For your security, try again in {minutes} minute "
                  "or reset your password.")
LOCKED_OUT_MANY = ("Too many wrong passwords. For your security, try again in {minutes} "
                   "minutes or reset your password.")


def locked_out_message(until: datetime, now: datetime) -> str:
    """What a locked-out person reads, on the sign-in form and the password change alike."""
    minutes = max(1, round((until - now).total_seconds() / 60))
    return (LOCKED_OUT_ONE if minutes == 1 else LOCKED_OUT_MANY).format(minutes=minutes)
