"""Password guesses, at sign-in or when changing the password, counted against one lockout."""
from __future__ import annotations

from datetime import datetime

from starlette.requests import Request

from db.accounts import passwords, sign_in
from domain.lockout import PER_ACCOUNT, PER_ADDRESS, locked_out_message
from domain.passwords import NO_CURRENT_PASSWORD, WRONG_CURRENT_PASSWORD
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



async def current_password(request: Request, account, typed: str, new: str | None = None
                           ) -> tuple[dict[str, str], Refusal | None, bool]:
    """The current password typed to make a change, counted like a sign-in (issue 14 §5: a
    stolen session must not guess without limit): (its error, the refusal when the account
    or client is locked out, whether ``new`` is the password now: a double tap of a change
    to it, told after counting so it is no free guess)."""
    if not typed:
        return {"current": NO_CURRENT_PASSWORD}, None, False  # asked for, not counted
    attempt, refused = await counted_guess(request, account.username)
    if refused:
        return {"current": refused}, refused, False
    if await passwords.password_is(account.id, typed):
        await sign_in.forget_attempt(attempt)
        return {}, None, False
    if new is not None and await passwords.password_is(account.id, new):
        await sign_in.forget_attempt(attempt)
        return {}, None, True
    await sign_in.note_refused(request.app.state.database, account.email,
                               client_address(request), request.app.state.clock(),
                               "wrong current password")
    return {"current": WRONG_CURRENT_PASSWORD}, None, False  # the guess stays counted
