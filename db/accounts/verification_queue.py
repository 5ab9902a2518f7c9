"""Accounts waiting for staff: contractors whose license the registry does not vouch for (or
whose colleagues must agree) and owner-builders, with the documents they uploaded."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.audit.trail import record_alone
from db.database import Database
from db.id_pages import oldest_first
from db.reader import as_datetime
from db.tables import Account, Upload
from domain.account_queue import AccountsAsk
from domain.accounts import Role, Verification
from domain.audit_actions import DOCUMENT_DOWNLOADED
from domain.audit_subjects import account_subject
from domain.queue_pages import QueuePage


@dataclass(frozen=True)
class Document:
    id: int
    kind: str
    filename: str
    size: int


@dataclass(frozen=True)
class Applicant:
    id: int
    email: str
    name: str
    phone: str
    role: str
    license_no: str | None
    business_name: str
    address: str | None  # an owner-builder's residence
    registered_at: datetime
    documents: tuple[Document, ...]


def _waiting(role: str | None):
    condition = Account.verification == Verification.PENDING.value
    return condition & (Account.role == role) if role else condition


async def waiting(ask: AccountsAsk = AccountsAsk()) -> QueuePage[Applicant]:
    """A page of the queue, oldest first (ids grow with registration), documents in one
    query for the whole page."""
    rows, total, first = await oldest_first(Account, (
        Account.id, Account.email, Account.first_name, Account.phone, Account.role,
        Account.license_no, Account.business_name, Account.parcel.house_number,
        Account.parcel.street_name, Account.parcel.street_suffix, Account.created_at,
    ), _waiting(ask.role), ask.page)
    uploads: dict[int, list[Document]] = {}
    if rows:
        for u in await Upload.select(Upload.id, Upload.account, Upload.kind, Upload.filename,
                                     Upload.size).where(
                Upload.account.is_in([r["id"] for r in rows])).order_by(Upload.id):
            uploads.setdefault(u["account"], []).append(
                Document(u["id"], u["kind"], u["filename"], u["size"]))
    return QueuePage(tuple(Applicant(
        r["id"], r["email"], r["first_name"] or "", r["phone"], r["role"], r["license_no"],
        r["business_name"],
        (f"{r['parcel.house_number']} {r['parcel.street_name']} {r['parcel.street_suffix']}"
         if r["parcel.house_number"] is not None else None),
        as_datetime(r["created_at"]), tuple(uploads.get(r["id"], ()))) for r in rows),
        total, first)


async def verification_of(account_id: int) -> tuple[str, str] | None:
    """(e-mail, verification) of an account that staff decide on (a contractor's or an
    owner-builder's); None when there is no such account."""
    row = await Account.select(Account.email, Account.verification).where(
        (Account.id == account_id)
        & Account.role.is_in([Role.CONTRACTOR.value, Role.OWNER_BUILDER.value])).first()
    return (row["email"], row["verification"]) if row else None


@dataclass(frozen=True)
class StoredFile:
    stored_as: str
    filename: str
    content_type: str
    account_id: int
    kind: str


async def upload(upload_id: int) -> StoredFile | None:
    row = await Upload.select(Upload.stored_as, Upload.filename, Upload.content_type,
                              Upload.account, Upload.kind).where(Upload.id == upload_id).first()
    return StoredFile(row["stored_as"], row["filename"], row["content_type"], row["account"],
                      row["kind"]) if row else None


async def note_download(database: Database, upload_id: int, stored: StoredFile,
                        now: datetime) -> None:
    """Staff reading an applicant's document, on the audit trail (issue 16 §5): who, when,
    whose and which."""
    await record_alone(database, DOCUMENT_DOWNLOADED, subject=account_subject(stored.account_id),
                       at=now, after={"document": f"{stored.kind}: {stored.filename}",
                                      "upload": upload_id})
