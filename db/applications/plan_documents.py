"""An application's documents: attached, sent once with a round, listed, read (audited)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.audit.trail import record, record_alone
from db.database import Database
from db.reader import as_datetime
from db.tables import Application, PlanDocument
from domain.audit_actions import DOCUMENT_ATTACHED, DOCUMENT_DOWNLOADED, DOCUMENT_REMOVED
from domain.audit_subjects import draft_subject, permit_subject
from domain.documents import StoredDocument
from domain.outcomes import Accepted, Rejected
from domain.plan_documents import NOT_PENDING, check_file, next_version, title


@dataclass(frozen=True)
class Owner:
    """Whose files: a draft's (before it is a permit) or a permit's (answers to corrections;
    a permit entered at the counter has no application)."""
    application_id: int | None = None
    permit_id: int | None = None

    @property
    def where(self):
        if self.application_id is not None:
            return PlanDocument.application == self.application_id
        return PlanDocument.permit == self.permit_id

    def subject(self, account_id: int) -> str:
        """The audit trail's subject: the draft (a permit's events name the permit)."""
        return draft_subject(self.application_id, account_id) if self.application_id else ""

    def holds(self, document: "Document") -> bool:
        """Whether ``document`` is one of these files (a draft's file, once sent, names the
        permit too)."""
        if self.application_id is not None:
            return document.application_id == self.application_id
        return document.permit_id == self.permit_id

    @property
    def row(self) -> tuple[str, int]:
        """The row a writer locks: the same for every writer of these files."""
        if self.application_id is not None:
            return "application", self.application_id
        return "permit", self.permit_id


@dataclass(frozen=True)
class Document:
    id: int
    application_id: int
    permit_id: int | None
    kind: str
    version: int
    round: int | None
    filename: str
    content_type: str
    size: int
    stored_as: str
    uploaded_at: datetime

    @property
    def title(self) -> str:
        return title(self.kind, self.version)

    @property
    def pending(self) -> bool:
        return self.round is None


_COLUMNS = (PlanDocument.id, PlanDocument.application, PlanDocument.permit, PlanDocument.kind,
            PlanDocument.version, PlanDocument.round, PlanDocument.filename,
            PlanDocument.content_type, PlanDocument.size, PlanDocument.stored_as,
            PlanDocument.uploaded_at)


def _document(row: dict) -> Document:
    return Document(row["id"], row["application"], row["permit"], row["kind"], row["version"],
                    row["round"], row["filename"], row["content_type"], row["size"],
                    row["stored_as"], as_datetime(row["uploaded_at"]))


async def documents_of(owner: Owner) -> list[Document]:
    """Every document, sent ones by round, then those not yet sent."""
    rows = await PlanDocument.select(*_COLUMNS).where(owner.where).order_by(PlanDocument.id)
    return sorted((_document(r) for r in rows),
                  key=lambda d: (d.round is None, d.round or 0, d.id))


async def document(document_id: int) -> Document | None:
    row = await PlanDocument.select(*_COLUMNS).where(PlanDocument.id == document_id).first()
    return _document(row) if row else None


async def check_room(owner: Owner, size: int, head: bytes
                     ) -> Accepted[tuple[str, str]] | Rejected:
    """The file judged with what the application already holds."""
    rows = await PlanDocument.select(PlanDocument.size).where(owner.where)
    return check_file(size, head, sum(r["size"] for r in rows), len(rows))


async def attach(database: Database, owner: Owner, kept: StoredDocument, head: bytes,
                 account_id: int, now: datetime) -> Accepted[Document] | Rejected:
    """Record a file not yet sent, judged again with what the application holds once it is
    locked (two uploads at once cannot pass the application's limits together). Every file of
    a kind sent in one round is that round's version (a plan set split into several PDFs is
    one version: v2 is all of them)."""
    async with database.transaction():
        table, key = owner.row
        await database.lock_rows(table, "id", [key])
        rows = await PlanDocument.select(PlanDocument.kind, PlanDocument.version,
                                         PlanDocument.round, PlanDocument.size).where(
            owner.where)
        judged = check_file(kept.size, head, sum(r["size"] for r in rows), len(rows))
        if isinstance(judged, Rejected):
            return judged
        version = next_version([r["version"] for r in rows
                                if r["kind"] == kept.kind and r["round"] is not None])
        await record(DOCUMENT_ATTACHED, permit_id=owner.permit_id, subject=owner.subject(
            account_id), at=now, after={"document": f"{title(kept.kind, version)}: "
                                                     f"{kept.filename}", "bytes": kept.size,
                                        "sha256": kept.sha256})
        new_id = (await PlanDocument.insert(PlanDocument(
            application=owner.application_id, permit=owner.permit_id, kind=kept.kind,
            version=version,
            filename=kept.filename, content_type=kept.content_type, size=kept.size,
            sha256=kept.sha256, stored_as=kept.stored_as, uploaded_by=account_id,
            uploaded_at=now)))[0]["id"]
    return Accepted(Document(new_id, owner.application_id, owner.permit_id, kept.kind, version,
                             None, kept.filename, kept.content_type, kept.size,
                             kept.stored_as, now))


async def remove_pending(database: Database, owner: Owner, document_id: int, account_id: int,
                         now: datetime) -> Accepted[Document | None] | Rejected:
    """Take back a file not yet sent; a sent one stays on record. Accepted(None): there is
    no such file of these to take back (any more)."""
    async with database.transaction():
        table, key = owner.row
        await database.lock_rows(table, "id", [key])
        found = await document(document_id)
        if found is None or not owner.holds(found):
            # Removed already (a double tap, a second tab), or never this application's: the
            # same quiet answer, so an id tells nothing about others' files.
            return Accepted(None)
        if not found.pending:
            return Rejected({"file": NOT_PENDING})
        await PlanDocument.delete().where(PlanDocument.id == document_id)
        await record(DOCUMENT_REMOVED, permit_id=owner.permit_id,
                     subject=owner.subject(account_id), at=now,
                     before={"document": f"{found.title}: {found.filename}"})
        return Accepted(found)


async def pending_kinds(owner: Owner) -> set[str]:
    rows = await PlanDocument.select(PlanDocument.kind).where(
        owner.where & PlanDocument.round.is_null())
    return {r["kind"] for r in rows}


async def send_pending(owner: Owner, permit_id: int, round_number: int) -> None:
    """Inside the submission's transaction: the files not yet sent go with round
    ``round_number`` of the permit."""
    await PlanDocument.update({PlanDocument.round: round_number,
                               PlanDocument.permit: permit_id}).where(
        owner.where & PlanDocument.round.is_null())


async def note_download(database: Database, found: Document, now: datetime) -> None:
    """Staff reading an applicant's document, on the audit trail (issue 16 §5)."""
    subject = permit_subject(found.permit_id) if found.permit_id else draft_subject(
        found.application_id, await draft_account(found.application_id))
    await record_alone(database, DOCUMENT_DOWNLOADED, subject=subject,
                       permit_id=found.permit_id, at=now,
                       after={"document": f"{found.title}: {found.filename}",
                              "plan_document": found.id})


async def draft_account(application_id: int) -> int | None:
    """Whose draft it is: its files are theirs alone until it is sent."""
    row = await Application.select(Application.account).where(
        Application.id == application_id).first()
    return row["account"] if row else None
