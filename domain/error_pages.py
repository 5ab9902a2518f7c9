"""What an error page says: why the request was refused and what to do next (issue 14 §10).

A 403 or 429 page once read "Error" and nothing more; each refusal now names its reason and,
for a limit, when to try again.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from domain.accounts import Role
from domain.rate_limits import wait_in_words
from domain.word_lists import listed

TITLES = {400: "That request could not be read", 403: "Your account cannot do this",
          404: "Page not found", 405: "That action is not allowed here",
          409: "That could not be done", 429: "Too many tries: please wait",
          502: "A service we rely on did not answer"}

NOT_FOUND = ("There is no page at this address. If you typed it, check it for a typing "
             "mistake; if a link brought you here, the page may have been moved or removed. "
             "You can search for a permit by its number or street address below.")
FORBIDDEN = "Your account cannot use this page. Sign in with an account that may use it."
TOO_MANY = "Too many requests came from this connection. Please wait a few minutes and try again."

_AUDIENCE = {Role.CONTRACTOR: "licensed contractors", Role.OWNER_BUILDER: "owner-builders",
             Role.INSPECTOR: "city inspectors", Role.STAFF: "city staff"}


def title(status_code: int) -> str:
    return TITLES.get(status_code, "That could not be done")


def wrong_role(allowed: Iterable[Role], role: Role) -> str:
    """E.g. "This page is for city staff. You are signed in with a contractor account …"."""
    who = sorted(_AUDIENCE[r] for r in allowed)
    return (f"This page is for {listed(who)}, and you are signed in with {_article(role)} "
            f"{role.label.lower()} account. If you have another account, sign out and sign "
            "in with that one.")


def _article(role: Role) -> str:
    return "an" if role.label[0].lower() in "aeiou" else "a"


def try_again(what: str, until: datetime, now: datetime) -> str:
    """E.g. "Too many decisions from this connection lately. Try again in 40 minutes."."""
    return f"Too many {what} lately. Try again {wait_in_words(until, now)}."


def retry_after_seconds(until: datetime, now: datetime) -> int:
    return max(1, int((until - now).total_seconds()) + 1)
