"""E-permit applications: drafts saved step by step, and submission as a permit with its fees."""
from __future__ import annotations

import asyncio
import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import asyncpg

from db.accounts.licenses import registry_name
from db.applications import plan_review
from db.audit.trail import record, unwritten
from db.database import Database
from db.tables import (
    Application, AuditEvent, FeeItem, Parcel, Permit, PermitContact, PermitStatusChange
)
from domain.addresses import format_address
from domain.applications import NO_LONGER_EXISTS, NOT_NUMBERED, SUBMITTED_COMMENT
from domain.audit_actions import APPLIED, DRAFT_DELETED
from domain.audit_subjects import draft_subject
from domain.fee_schedule import Assessment
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitNumber, PermitType, Status, changed_online_by
from domain.subtypes import Subtype


@dataclass(frozen=True)
class Draft:
    id: int
    account_id: int
    permit_type: PermitType
    answers: dict
    status: str
    permit_id: int | None
    updated_at: datetime


@dataclass(frozen=True)
class Submitter:
    """Who submits, as the permit's contacts record them (the domain's Applicant is who may
    apply). No company name: the permit takes the license's from the state license file."""
    name: str
    email: str
    phone: str
    license_no: str | None


def _draft(row: dict) -> Draft:
    return Draft(row["id"], row["account"], PermitType(row["permit_type"]),
                 json.loads(row["answers"]), row["status"], row["permit"], row["updated_at"])


_COLUMNS = (Application.id, Application.account, Application.permit_type, Application.answers,
            Application.status, Application.permit, Application.updated_at)


async def start(account_id: int, permit_type: PermitType, now: datetime) -> int:
    rows = await Application.insert(Application(
        account=account_id, permit_type=permit_type.value, answers="{}", created_at=now,
        updated_at=now))
    return rows[0]["id"]


async def load_draft(application_id: int, account_id: int) -> Draft | None:
    """The application if it belongs to ``account_id`` (others' ids look like missing ones)."""
    row = await Application.select(*_COLUMNS).where(
        (Application.id == application_id) & (Application.account == account_id)).first()
    return _draft(row) if row else None


async def drafts_of(account_id: int) -> list[Draft]:
    rows = await Application.select(*_COLUMNS).where(
        (Application.account == account_id) & (Application.status == "draft")
    ).order_by(Application.updated_at, ascending=False)
    return [_draft(row) for row in rows]


async def save_answers(draft: Draft, answers: dict, step: str, now: datetime) -> None:
    """Keep what was typed (``answers`` merged in) and mark ``step`` done if it is."""
    merged = {**draft.answers, **answers}
    if step and step not in merged.get("done", []):
        merged["done"] = [*merged.get("done", []), step]
    await Application.update({Application.answers: json.dumps(merged),
                              Application.updated_at: now}).where(
        (Application.id == draft.id) & (Application.status == "draft"))


async def remember_typed(draft: Draft, typed: dict, now: datetime) -> None:
    """What was typed on a step that did not validate: kept, so nothing is lost."""
    await Application.update({
        Application.answers: json.dumps({**draft.answers, "typed": typed}),
        Application.updated_at: now,
    }).where((Application.id == draft.id) & (Application.status == "draft"))


async def discard(database: Database, draft: Draft, description: str, now: datetime) -> None:
    """Delete the draft; the audit event (``description`` names the draft) is what the
    dashboard's message and a second tap on Delete are told from."""
    async with database.transaction():
        deleted = await Application.delete().where(
            (Application.id == draft.id) & (Application.status == "draft")
        ).returning(Application.id)
        if deleted:
            await record(DRAFT_DELETED, subject=draft_subject(draft.id, draft.account_id),
                         at=now, before={"draft": description}, after={"status": "deleted"})


async def deleted_draft(application_id: int, account_id: int, since: datetime | None = None
                        ) -> str | None:
    """How the draft ``application_id`` of ``account_id`` was described when it was last
    deleted (since ``since``, when given), or None if it was not. SQLite may give a deleted
    draft's id to a new one: the newest deletion is the one that was just done."""
    where = ((AuditEvent.action == DRAFT_DELETED)
             & (AuditEvent.subject == draft_subject(application_id, account_id)))
    if since is not None:
        where = where & (AuditEvent.at >= since)
    row = await AuditEvent.select(AuditEvent.before).where(where).order_by(
        AuditEvent.id, ascending=False).first()
    return unwritten(row["before"].removeprefix("draft: ")) if row else None


async def submit(database: Database, draft: Draft, subtype: Subtype, assessment: Assessment,
                 applicant: Submitter, today: date, now: datetime, notice: NoticeContext
                 ) -> Accepted[str] | Rejected:
    """One transaction: the permit (Applied), its contacts, fee items and first history row.
    Submitting twice returns the same permit; two permits never share a number."""
    for _ in range(20):
        try:
            return await _submit_once(database, draft, subtype, assessment, applicant, today,
                                      now, notice)
        except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
            await asyncio.sleep(0)  # another submission took the number: take the next
    return Rejected({"application": NOT_NUMBERED})


async def _submit_once(database: Database, draft, subtype, assessment, applicant, today, now,
                       notice):
    answers = draft.answers
    async with database.transaction():
        # Claim the draft first: on PostgreSQL a second submission at the same moment waits
        # on this row until the first commits, then finds it submitted.
        claimed = await Application.update({Application.updated_at: now}).where(
            (Application.id == draft.id) & (Application.status == "draft")
        ).returning(Application.id)
        if not claimed:
            row = await Application.select(Application.permit.number).where(
                Application.id == draft.id).first()
            if row is None:
                return Rejected({"application": NO_LONGER_EXISTS})
            return Accepted(row["permit.number"])
        parcel = await Parcel.select(
            Parcel.house_number, Parcel.street_name, Parcel.street_suffix, Parcel.unit,
        ).where(Parcel.id == answers["parcel"]).first()
        number = await _next_number(subtype.permit_type, today.year)
        company = await _company(applicant.license_no)
        address = format_address(parcel["house_number"], f"{parcel['street_name']} "
                                 f"{parcel['street_suffix']}", parcel["unit"])
        permit_id = (await Permit.insert(Permit(
            number=number, permit_type=subtype.permit_type.value, subtype=subtype.name,
            description=answers["description"], valuation=answers.get("valuation", "0"),
            status=Status.APPLIED.value, parcel=answers["parcel"], site_address=address,
            permit_class="Residential" if subtype.residential else "Commercial",
            work_class=subtype.work_class, applied_on=today, status_changed_at=now,
            contractor_license=applicant.license_no, contractor_name=company)))[0]["id"]
        await _record(permit_id, answers, assessment, applicant, company, now)
        await record(APPLIED, permit_id=permit_id, after={
            "permit": number, "status": Status.APPLIED.value, "subtype": subtype.name,
            "valuation": answers.get("valuation", "0"), "fees": f"{assessment.total:.2f}"},
            at=now)
        await Application.update({Application.status: "submitted", Application.permit: permit_id,
                                  Application.submitted_at: now, Application.updated_at: now}
                                 ).where(Application.id == draft.id)
        await plan_review.received(permit_id, number, draft.id, subtype, address,
                                   applicant.email, today, now, notice)
    return Accepted(number)


async def _company(license_no: str | None) -> str | None:
    """The license's business name in the state file, cut to the permit's column (the state's
    names run to 200 characters, the permit keeps 120: longer failed on PostgreSQL)."""
    name = await registry_name(license_no)
    return name[:Permit.contractor_name.length] if name else None


async def _record(permit_id: int, answers: dict, assessment: Assessment, applicant: Submitter,
                  company: str | None, now: datetime) -> None:
    contacts = [PermitContact(permit=permit_id, role="owner", name=answers["owner_name"],
                              phone=answers["owner_phone"], email=answers["owner_email"] or None),
                PermitContact(permit=permit_id, role="applicant", name=applicant.name,
                              company=company, license_number=applicant.license_no,
                              phone=applicant.phone, email=applicant.email)]
    if applicant.license_no:
        contacts.append(PermitContact(
            permit=permit_id, role="contractor", name=applicant.name, company=company,
            license_number=applicant.license_no, phone=applicant.phone, email=applicant.email))
    await PermitContact.insert(*contacts)
    await FeeItem.insert(*(FeeItem(permit=permit_id, code=line.code, description=line.label,
                                   amount=line.amount, paid=False)
                           for line in assessment.lines))
    await PermitStatusChange.insert(PermitStatusChange(
        permit=permit_id, from_status=None, to_status=Status.APPLIED.value, changed_at=now,
        changed_by=changed_online_by(applicant.email), comment=SUBMITTED_COMMENT))


async def _next_number(permit_type: PermitType, year: int) -> str:
    prefix = f"{permit_type.value}{year:04d}-"
    row = await Permit.select(Permit.number).where(
        Permit.number.like(prefix + "%")).order_by(Permit.number, ascending=False).first()
    sequence = PermitNumber.parse(row["number"]).sequence + 1 if row else 1
    return str(PermitNumber(permit_type, year, sequence))


@dataclass(frozen=True)
class Submitted:
    number: str
    status: str
    subtype: str
    site_address: str
    due: Decimal


async def permit_of(draft: Draft) -> Submitted | None:
    """The permit a submitted application became, with what is still to pay."""
    if draft.permit_id is None:
        return None
    row = await Permit.select(Permit.number, Permit.status, Permit.subtype,
                              Permit.site_address).where(Permit.id == draft.permit_id).first()
    unpaid = await FeeItem.select(FeeItem.amount).where(
        (FeeItem.permit == draft.permit_id) & (FeeItem.paid == False))  # noqa: E712
    return Submitted(row["number"], row["status"], row["subtype"], row["site_address"],
                     sum((Decimal(str(r["amount"])) for r in unpaid), Decimal("0.00")))
