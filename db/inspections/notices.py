"""E-mails about an inspection, written in the transaction that changed it, with an .ics."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from db.inspections.calendar import (
    PLACE, CalendarEntry, calendar_host, calendar_text, geo_of, place_of
)
from db.mail.outbox import Message, enqueue_all
from db.mail.recipients import recipients
from db.reader import as_date
from db.tables import FeeItem, Inspection
from domain.checklist_entries import corrections_of
from domain.inspection_types import CANCELLED
from domain.money import cents
from domain.notifications import InspectionFacts, NoticeContext, inspection_notice


async def _fee_due(inspection_id: int, event: str) -> Decimal | None:
    """The reinspection fee the result assessed, still unpaid (issue 17 §4)."""
    fee = await FeeItem.select(FeeItem.amount).where(
        (FeeItem.inspection_id == inspection_id) & (FeeItem.paid == False)  # noqa: E712
    ).first() if event == "resulted" else None
    return cents(fee["amount"]) if fee else None


async def notify_inspection(inspection_id: int, event: str, now: datetime,
                            context: NoticeContext) -> None:
    """Call inside the caller's write transaction; ``event`` is scheduled, rescheduled,
    cancelled or resulted."""
    row = await Inspection.select(
        Inspection.permit, Inspection.permit.number,
        Inspection.permit.contractor_license, Inspection.type_code, Inspection.type_name,
        Inspection.scheduled_for, Inspection.confirmation, Inspection.result,
        Inspection.public_notes, Inspection.revision, Inspection.status, Inspection.checklist,
        *PLACE,
    ).where(Inspection.id == inspection_id).first()
    day = row["scheduled_for"]
    day = as_date(day)
    facts = InspectionFacts(row["permit.number"], row["permit.site_address"], row["type_code"],
                            row["type_name"], day, row["confirmation"], row["result"],
                            row["public_notes"],
                            reinspection_fee=await _fee_due(inspection_id, event),
                            corrections=corrections_of(row["checklist"]))
    subject, body = inspection_notice(event, facts, context)
    attachment = ""
    if event != "resulted" and day is not None:
        attachment = calendar_text([CalendarEntry(
            inspection_id, facts.permit_number, place_of(row), facts.type_code,
            facts.type_name, day, facts.confirmation, cancelled=row["status"] == CANCELLED,
            sequence=row["revision"], geo=geo_of(row))], calendar_host(context.base_url), now)
    to = await recipients(row["permit"], row["permit.contractor_license"])
    messages = [Message(email, subject, body, attachment) for email in to.contacts]
    if to.followers:
        # Followers read what the permit page shows everyone: no confirmation number (it
        # cancels by phone), no notes, no calendar entry.
        subject, body = inspection_notice(event, facts, context, public=True)
        messages += [Message(email, subject, body) for email in to.followers]
    await enqueue_all(messages, now)
