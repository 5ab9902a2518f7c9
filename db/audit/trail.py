"""The audit trail: who changed what, when, before -> after, and through which channel.

Every write records its event with ``record`` inside its own write transaction, so a change and
its event are stored together or not at all (issue 7: "recorded in the same transaction as the
change"). Who is acting comes from the request (web/middleware/audit_actor.py), the phone call or the
command; anything else is the system (housekeeping, expiry).
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timezone

from db.tables import AuditEvent

WEB = "web"
PHONE = "phone"
OFFLINE = "offline sync"
STAFF = "staff"
COUNTER = "counter"  # staff acting for a caller or a walk-in (issue 16 §3)
SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    name: str  # the account's e-mail, or "system"
    channel: str


NOBODY = Actor("system", SYSTEM)
_actor: ContextVar[Actor] = ContextVar("audit_actor", default=NOBODY)


def current_actor() -> Actor:
    return _actor.get()


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


def describe(values: Mapping[str, object] | str | None) -> str:
    """``{"status": "Issued", "inspector": "Ana"}`` -> ``status: Issued; inspector: Ana``."""
    if values is None:
        return ""
    if isinstance(values, str):
        return values
    return "; ".join(f"{key}: {'—' if value in (None, '') else written(value)}"
                     for key, value in values.items())


def written(value: object) -> str:
    """A value as the trail keeps it: as it is, or quoted (JSON) when it holds the fields'
    separator, so that a value typed by someone (a reason, a name) keeps every character and
    cannot pass for a field of its own ("x; rule: none")."""
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if ";" in text or text.startswith('"') else text


def unwritten(text: str) -> str:
    """The value ``written`` kept, as it was."""
    return json.loads(text) if text.startswith('"') else text


def event(action: str, *, permit_id: int | None = None, subject: str = "",
          before: Mapping[str, object] | str | None = None,
          after: Mapping[str, object] | str | None = None,
          at: datetime | None = None, actor: Actor | None = None) -> AuditEvent:
    """One event, not yet stored; ``actor`` when it is not the one acting in the request (a
    payment settled by the gateway's webhook was made by its payer)."""
    actor = actor or _actor.get()
    return AuditEvent(
        at=at or datetime.now(timezone.utc), actor=actor.name[:120], channel=actor.channel,
        action=action[:60], permit=permit_id, subject=subject[:120],
        before=describe(before), after=describe(after))


async def record(action: str, **details) -> None:
    """One event, in the caller's transaction (``details``: see ``event``)."""
    await AuditEvent.insert(event(action, **details))


async def record_all(events: list[AuditEvent]) -> None:
    """Several events in one statement (a cart of many permits), in the caller's
    transaction."""
    if events:
        await AuditEvent.insert(*events)


async def record_alone(database, action: str, **details) -> None:
    """One event in a transaction of its own: what changes nothing else but is worth knowing
    (a sign-in, a refused PIN, a document read by staff)."""
    async with database.transaction():
        await record(action, **details)
