"""Deleting what no longer matters: dead sessions, old links and failures, old sent mail,
ended phone calls' state (not their CallSids), idempotency records after 30 days, rate-limit
uses older than their windows."""
from __future__ import annotations

from datetime import datetime, timedelta

from db.idempotency import forget_old
from db.inspections.phone_calls import forget_ended
from db.rate_limits import forget_old as forget_old_rate_limit_uses
from db.tables import AccountSession, AccountToken, OutboxMessage, SignInFailure

# Sent mail is kept three months for "did you get my e-mail?" questions, then deleted.
KEEP_SENT_MAIL = timedelta(days=90)
KEEP_USED_LINKS = timedelta(days=7)


async def tidy(now: datetime) -> None:
    # piccolo_api stores session times as naive local datetimes.
    await AccountSession.delete().where(
        (AccountSession.max_expiry_date < datetime.now())
        | (AccountSession.expiry_date < datetime.now()))
    await AccountToken.delete().where(AccountToken.expires_at < now - KEEP_USED_LINKS)
    await SignInFailure.delete().where(SignInFailure.failed_at < now - timedelta(days=1))
    await OutboxMessage.delete().where(
        OutboxMessage.sent_at.is_not_null() & (OutboxMessage.sent_at < now - KEEP_SENT_MAIL))
    await forget_ended(now)
    await forget_old(now)
    await forget_old_rate_limit_uses(now)
