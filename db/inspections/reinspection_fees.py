"""A failed inspection's reinspection fee (issue 17 §4), assessed on its permit inside the
transaction that records the result (db/inspections/results.py): what the fee schedule's rule
needs is loaded, the domain decides once, the unpaid fee line and its audit event are saved."""
from __future__ import annotations

from datetime import date, datetime

from db.audit.trail import record
from db.rules import rule_book
from db.tables import FeeItem, Inspection
from domain.audit_actions import REINSPECTION_FEE_ASSESSED
from domain.audit_subjects import inspection_subject
from domain.inspection_results import ResultEntry
from domain.inspection_types import COMPLETED, NEEDS_REINSPECTION
from domain.reinspection_fees import (
    NONE, SECOND, FailedInspection, ReinspectionRule, charge_for, reinspection_fee
)
from domain.rule_edits import FEES


def rule_on(day: date) -> ReinspectionRule | None:
    """The rule of the fee schedule in force on ``day``; None before the first schedule."""
    try:
        return rule_book.in_force(FEES, day).rules.reinspection
    except LookupError:
        return None


async def assess_reinspection_fee(inspection_id: int, row: dict, entry: ResultEntry, day: date,
                                  now: datetime) -> None:
    """The fee ``entry`` assesses on the permit of inspection ``row`` (its "permit" id,
    "type_code" and "type_name"), inspected on ``day``, if the schedule in force then charges
    it. Once per inspection: a result recorded again (a kept result a supervisor records)
    finds the fee already there, and FeeItem.inspection_id is unique besides. A result no rule
    charges (most of them) asks the database nothing."""
    rule = rule_on(day)
    charge = charge_for(rule, entry.result, entry.reinspection)
    if charge == NONE or await FeeItem.exists().where(FeeItem.inspection_id == inspection_id):
        return
    earlier = 0 if charge != SECOND else await Inspection.count().where(
        (Inspection.permit == row["permit"]) & (Inspection.type_code == row["type_code"])
        & (Inspection.id != inspection_id) & (Inspection.status == COMPLETED)
        & Inspection.result.is_in(sorted(NEEDS_REINSPECTION)))
    fee = reinspection_fee(rule, FailedInspection(
        row["type_code"], row["type_name"], entry.result, entry.reinspection, day, earlier))
    if fee is None:
        return
    await FeeItem.insert(FeeItem(permit=row["permit"], code=fee.code, description=fee.description,
                                 amount=fee.amount, paid=False, inspection_id=inspection_id))
    await record(REINSPECTION_FEE_ASSESSED, permit_id=row["permit"], at=now,
                 subject=inspection_subject(inspection_id),
                 after={"fee": fee.description, "amount": f"{fee.amount:.2f}"})
