"""Staff notes on a permit: listed newest first, and kept once however often the form is sent."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.audit.trail import record
from db.database import Database
from db.reader import as_datetime
from db.tables import PermitNote
from domain.audit_actions import STAFF_NOTE_ADDED
from domain.form_keys import SENT_ALREADY
from domain.outcomes import Accepted, Rejected


@dataclass(frozen=True)
class Note:
    author: str
    body: str
    at: datetime


async def notes_of(permit_id: int) -> list[Note]:
    rows = await PermitNote.select(PermitNote.author, PermitNote.body, PermitNote.at).where(
        PermitNote.permit == permit_id).order_by(PermitNote.id, ascending=False)
    return [Note(r["author"], r["body"], as_datetime(r["at"])) for r in rows]


async def add_note(database: Database, permit_id: int, author: str, account_id: int,
                   body: str, form_key: str, now: datetime) -> Accepted[bool] | Rejected:
    """Keep the note: Accepted(True) when this call did, Accepted(False) when this form's key
    already kept this very note (a double tap), Rejected when it kept another (an old form
    brought back with new words: they are shown back, not dropped)."""
    async with database.transaction():
        await database.lock_rows("permit", "id", [permit_id])
        kept = await PermitNote.select(PermitNote.body).where(
            (PermitNote.permit == permit_id) & (PermitNote.form_key == form_key)).first()
        if kept is not None:
            return Accepted(False) if kept["body"] == body else Rejected({"note": SENT_ALREADY})
        await PermitNote.insert(PermitNote(permit=permit_id, author=author,
                                           author_account=account_id, body=body, at=now,
                                           form_key=form_key))
        # The audit trail is read by staff only; it says a note was kept, not what it says.
        await record(STAFF_NOTE_ADDED, permit_id=permit_id, at=now,
                     after={"characters": len(body)})
        return Accepted(True)
