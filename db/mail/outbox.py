"""The e-mail outbox: written inside the transaction of the change it reports, sent later.

A message exists exactly when its change committed. The mail loop sends due messages and
marks them sent; a crash between sending and marking resends one message with the same
Message-ID, which mail systems use to drop the duplicate.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from db.tables import OutboxMessage

# Retries back off from one minute to six hours; a message is retried for about three days.
MAX_ATTEMPTS = 20


@dataclass(frozen=True)
class Message:
    recipient: str
    subject: str
    body: str
    calendar: str = ""  # an .ics attachment's text


@dataclass(frozen=True)
class Queued:
    id: int
    recipient: str
    subject: str
    body: str
    message_id: str
    created_at: datetime
    attempts: int
    calendar: str = ""


def new_message_id(domain: str = "permitline.invalid") -> str:
    return f"<{uuid.uuid4().hex}@{domain}>"


async def enqueue(message: Message, now: datetime) -> None:
    """Call inside the caller's write transaction."""
    await enqueue_all([message], now)


async def enqueue_all(messages: list[Message], now: datetime) -> None:
    """Several messages in one INSERT (a notice to every contact of a permit)."""
    if messages:
        await OutboxMessage.insert(*(OutboxMessage(
            recipient=m.recipient, subject=m.subject[:200], body=m.body, calendar=m.calendar,
            message_id=new_message_id(), created_at=now, next_attempt_at=now)
            for m in messages))


async def due(now: datetime, limit: int = 20) -> list[Queued]:
    rows = await OutboxMessage.select(
        OutboxMessage.id, OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.body,
        OutboxMessage.message_id, OutboxMessage.created_at, OutboxMessage.attempts,
        OutboxMessage.calendar,
    ).where(OutboxMessage.sent_at.is_null() & (OutboxMessage.next_attempt_at <= now)
            & (OutboxMessage.attempts < MAX_ATTEMPTS)
            ).order_by(OutboxMessage.id).limit(limit)
    return [Queued(**row) for row in rows]


async def claim(message: Queued, now: datetime, lease: timedelta = timedelta(minutes=5)
                ) -> bool:
    """Take a due message for one sender (another process may be looking at it too)."""
    taken = await OutboxMessage.update({OutboxMessage.next_attempt_at: now + lease}).where(
        (OutboxMessage.id == message.id) & OutboxMessage.sent_at.is_null()
        & (OutboxMessage.next_attempt_at <= now)).returning(OutboxMessage.id)
    return bool(taken)


async def mark_sent(message_id: int, now: datetime) -> None:
    await OutboxMessage.update({OutboxMessage.sent_at: now}).where(
        OutboxMessage.id == message_id)


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** attempts, 360))


async def mark_failed(message: Queued, error: str, now: datetime) -> None:
    await OutboxMessage.update({
        OutboxMessage.attempts: message.attempts + 1,
        OutboxMessage.next_attempt_at: now + backoff(message.attempts),
        OutboxMessage.last_error: error[:500],
    }).where(OutboxMessage.id == message.id)


async def recent(limit: int = 50) -> list[Queued]:
    """The newest messages, sent or not (the demo's mail page)."""
    rows = await OutboxMessage.select(
        OutboxMessage.id, OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.body,
        OutboxMessage.message_id, OutboxMessage.created_at, OutboxMessage.attempts,
    ).order_by(OutboxMessage.id, ascending=False).limit(limit)
    return [Queued(**row) for row in rows]
