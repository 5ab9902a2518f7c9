"""Password guesses, at sign-in or when changing the password, counted against one lockout."""
from __future__ import annotations

from datetime import datetime

from starlette.requests import Request

from db.accounts import sign_in
from domain.lockout import PER_ACCOUNT, PER_ADDRESS, locked_out_message
from web.client_address import client_address
from web.too_many import Refusal, refusal


async def counted_guess(request: Request, email: str) -> tuple[list[int], Refusal | None]:
    """Count this guess for the account and the client address before the password is checked
    (so a burst of simultaneous guesses counts itself), then see whether either is locked out:
    (the attempt to take back if the password is right, the refusal to show or None).

    Sign-in and the password change share the keys (issue 14 §5): a stolen session is one more
    way to guess the password, and must not guess without limit."""
    now: datetime = request.app.state.clock()
    keys = {f"account:{email}": PER_ACCOUNT,
            f"address:{client_address(request)}": PER_ADDRESS}
    attempt, until = await sign_in.counted_attempt(request.app.state.database, keys, now)
    if until is None:
        return attempt, None
    return attempt, refusal(locked_out_message(until, now), until, now)

