"""E-mails about an inspection, written in the transaction that changed it, with an .ics."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlparse

from db.inspection_calendar import CalendarEntry, calendar_text
from db.outbox import Message, enqueue_all
from db.recipients import interested
from db.tables import Inspection
from domain.inspection_types import CANCELLED
from domain.notifications import InspectionFacts, NoticeContext, inspection_notice


async def notify_inspection(inspection_id: int, event: str, now: datetime,
                            context: NoticeContext) -> None:
    """Call inside the caller's write transaction; ``event`` is scheduled, rescheduled,
    cancelled or resulted."""
    row = await Inspection.select(
        Inspection.permit, Inspection.permit.number, Inspection.permit.site_address,
        Inspection.permit.contractor_license, Inspection.type_code, Inspection.type_name,
        Inspection.scheduled_for, Inspection.confirmation, Inspection.result,
        Inspection.public_notes, Inspection.revision, Inspection.status,
    ).where(Inspection.id == inspection_id).first()
    day = row["scheduled_for"]
    day = date.fromisoformat(day) if isinstance(day, str) else day
    facts = InspectionFacts(row["permit.number"], row["permit.site_address"], row["type_code"],
                            row["type_name"], day, row["confirmation"], row["result"],
                            row["public_notes"])
    subject, body = inspection_notice(event, facts, context)
    attachment = ""
    if event != "resulted" and day is not None:
        attachment = calendar_text([CalendarEntry(
            inspection_id, facts.permit_number, facts.site_address, facts.type_code,
            facts.type_name, day, facts.confirmation, cancelled=row["status"] == CANCELLED,
            sequence=row["revision"])], urlparse(context.base_url).hostname or "permitline",
            now)
    await enqueue_all([Message(email, subject, body, attachment) for email in
                       await interested(row["permit"], row["permit.contractor_license"])], now)
