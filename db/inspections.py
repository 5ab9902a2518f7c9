"""Changes to scheduled inspections made by the permit's contractor."""
from __future__ import annotations

from datetime import date

from db.tables import Inspection
from db.transactions import write_transaction
from domain.dashboard import inspection_cancellable
from domain.inspection_types import CANCELLED
from domain.outcomes import Accepted, Rejected


async def cancel_inspection(inspection_id: int, license_no: str, today: date,
                            by: str) -> Accepted[str] | Rejected | None:
    """Load, decide, save in one transaction; None when it is not this license's inspection
    (the caller answers 404, so ids of other companies' inspections reveal nothing)."""
    async with write_transaction():
        row = await Inspection.select(
            Inspection.status, Inspection.scheduled_for, Inspection.permit.contractor_license,
            Inspection.permit.status, Inspection.permit.number,
        ).where(Inspection.id == inspection_id).first()
        if row is None or row["permit.contractor_license"] != license_no:
            return None
        scheduled_for = row["scheduled_for"]
        if isinstance(scheduled_for, str):
            scheduled_for = date.fromisoformat(scheduled_for)
        if not inspection_cancellable(row["status"], scheduled_for, today):
            return Rejected({"inspection": "This inspection can no longer be cancelled online: "
                                           "inspections are cancelled by the day before the "
                                           "visit. Call the inspection line."})
        await Inspection.update({
            Inspection.status: CANCELLED, Inspection.result: CANCELLED,
            Inspection.public_notes: f"Cancelled online by {by}.",
        }).where(Inspection.id == inspection_id)
    return Accepted(row["permit.number"])


