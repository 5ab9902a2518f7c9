"""The app as it would be with Piccolo's own sign-in: the password hashed on the event loop.

Only for bench/sign_in_load.py's comparison; the app itself hashes in a worker thread.
"""
from __future__ import annotations

import hmac

from db.accounts import passwords
from db.tables import Account
from web.app import create_app as _create_app


async def _matches_on_the_loop(stored: str | None, password: str) -> bool:
    if stored is None:
        Account.hash_password(password)
        return False
    _, iterations, salt, _ = Account.split_stored_password(stored)
    return hmac.compare_digest(Account.hash_password(password, salt, int(iterations)), stored)


def create_app():
    passwords.matches = _matches_on_the_loop
    return _create_app()
