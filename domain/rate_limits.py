"""Rate limits on actions that send e-mail or letters to someone else (issue 14 §4).

A limit allows ``uses`` of an action per key (a client address, a license, a recipient) in any
sliding ``window``. The limits are counted in the database, in the transaction of the action,
so they hold across server processes (db/rate_limits.py).
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class RateLimit:
    uses: int
    window: timedelta


# Registrations: an office shares one address, so the per-address limit is loose. There is
# no limit per license: anyone may type any license number, so a stranger's registrations
# would spend it and keep the company's own people from registering (issue 14 §2). What a
# registration sends to the license's business is limited where it is sent: the colleague
# notices and claim letters below, counted only once an address is confirmed.
REGISTRATIONS_PER_ADDRESS = RateLimit(10, timedelta(hours=1))
# Confirmation and password-reset links: per recipient as before (3 an hour), and per address
# so one client cannot spray the links over many mailboxes.
LINKS_PER_RECIPIENT = RateLimit(3, timedelta(hours=1))
LINKS_PER_ADDRESS = RateLimit(10, timedelta(hours=1))
# "A new account asks to join your license" to a company's verified accounts: a few a day.
COLLEAGUE_NOTICES_PER_LICENSE = RateLimit(3, timedelta(days=1))
# A colleague's decision e-mailed to the applicant.
COLLEAGUE_DECISIONS_PER_ADDRESS = RateLimit(30, timedelta(hours=1))
# Claim letters are paper mailed to a business: few per license a month, few per address a day.
LETTERS_PER_LICENSE = RateLimit(3, timedelta(days=30))
LETTERS_PER_ADDRESS = RateLimit(5, timedelta(days=1))


# An IPv6 client is given a /64 (RFC 6177: a site gets at least that), and picks any address
# in it at will (privacy addresses): counted per address, one client would be 2^64 clients.
IPV6_PREFIX = 64


def address_key(host: str) -> str:
    """What a client address is counted as by rate limits and lockouts: an IPv4 address as
    it is (an IPv4-mapped IPv6 one too), an IPv6 one as its /64 network, anything else
    ("unknown", a test client's name) as given."""
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])  # without a zone ("fe80::1%eth0")
    except ValueError:
        return host
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))


def blocked_until(used: list[datetime], now: datetime, limit: RateLimit) -> datetime | None:
    """When a key that was used at ``used`` (any order) may be used again, if it may not now;
    else None. Uses stamped a little after ``now`` count too: another server's clock may run
    ahead of this one's."""
    recent = sorted(at for at in used if now - limit.window < at)
    if len(recent) < limit.uses:
        return None
    return recent[-limit.uses] + limit.window


def wait_in_words(until: datetime, now: datetime) -> str:
    """``in 40 minutes``, ``in 3 hours``, ``in 2 days``: how long to wait, rounded up."""
    seconds = max(60, int((until - now).total_seconds()) + 59)
    minutes = seconds // 60
    if minutes < 90:
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    hours = -(-minutes // 60)
    if hours < 48:
        return f"in {hours} hours"
    return f"in {-(-hours // 24)} days"


def registrations_refused(until: datetime, now: datetime, help_phone: str) -> str:
    return (f"Too many accounts were registered from this connection lately. Try again "
            f"{wait_in_words(until, now)}, or call {help_phone}.")
