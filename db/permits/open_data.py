"""The BLDS datasets read from the permit tables in batches (keyset on id, so a million
permits stream in flat memory): records in BLDS's words (domain/blds.py)."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from datetime import date, tzinfo

from piccolo.query.functions.aggregate import Sum

from db.reader import as_date, as_datetime, as_money
from db.rules.rule_book import every_type
from db.tables import FeeItem, Inspection, Permit, PermitStatusChange
from domain.blds import (
    INSPECTIONS, PERMITS, STATUS_CHANGES, Publisher, Value, edition as edition_of,
    inspection_record, permit_record, status_change_record
)
from domain.inspection_types import CANCELLED, InspectionType

BATCH = 5000

_PERMIT_COLUMNS = (
    Permit.id, Permit.number, Permit.description, Permit.applied_on, Permit.issued_on,
    Permit.finaled_on, Permit.status, Permit.permit_class, Permit.status_changed_at,
    Permit.work_class, Permit.permit_type, Permit.subtype, Permit.valuation,
    Permit.contractor_name, Permit.contractor_license, Permit.expires_on, Permit.project,
    Permit.project.name, Permit.parcel.house_number, Permit.parcel.street_name,
    Permit.parcel.street_suffix, Permit.parcel.unit, Permit.parcel.city, Permit.parcel.state,
    Permit.parcel.zip_code, Permit.parcel.apn, Permit.parcel.latitude, Permit.parcel.longitude,
)


async def permits(publisher: Publisher, zone: tzinfo,
                  batch: int = BATCH) -> AsyncIterator[list[dict[str, Value]]]:
    last = 0
    while rows := await Permit.select(*_PERMIT_COLUMNS).where(Permit.id > last).order_by(
            Permit.id).limit(batch):
        last = rows[-1]["id"]
        fees = await _fees([row["id"] for row in rows])
        yield await asyncio.to_thread(_permit_records, rows, fees, publisher, zone)


def _permit_records(rows: list[dict], fees: dict, publisher: Publisher,
                    zone: tzinfo) -> list[dict[str, Value]]:
    """Run in a worker thread: mapping a batch is CPU that would hold the event loop, and
    with it every other request, for a good part of a second."""
    return [permit_record({
        **row, "applied_on": as_date(row["applied_on"]),
        "issued_on": as_date(row["issued_on"]), "finaled_on": as_date(row["finaled_on"]),
        "expires_on": as_date(row["expires_on"]),
        "status_date": as_datetime(row["status_changed_at"]).astimezone(zone).date(),
        "house_number": row["parcel.house_number"],
        "street": f"{row['parcel.street_name']} {row['parcel.street_suffix']}",
        "unit": row["parcel.unit"], "city": row["parcel.city"], "state": row["parcel.state"],
        "zip_code": row["parcel.zip_code"], "apn": row["parcel.apn"],
        "latitude": row["parcel.latitude"], "longitude": row["parcel.longitude"],
        "project_name": row["project.name"], "valuation": as_money(row["valuation"]),
        "fee": fees.get(row["id"]),
    }, publisher) for row in rows]


async def _fees(permit_ids: list[int]) -> dict[int, object]:
    """Each permit's fees in total: one grouped query per batch, not one per permit."""
    rows = await FeeItem.select(FeeItem.permit, Sum(FeeItem.amount, alias="total")).where(
        FeeItem.permit.is_in(permit_ids)).group_by(FeeItem.permit)
    return {row["permit"]: as_money(row["total"]) for row in rows}


async def inspections(zone: tzinfo, today: date,
                      batch: int = BATCH) -> AsyncIterator[list[dict[str, Value]]]:
    """Inspections with a result, or cancelled: the ones BLDS has a Result for. ``today``: the
    city's date from the caller's clock, whose version of the inspection types maps them."""
    last = 0
    done = Inspection.result.is_not_null() | (Inspection.status == CANCELLED)
    types = every_type(today)
    while rows := await Inspection.select(
        Inspection.id, Inspection.permit.number, Inspection.type_code, Inspection.type_name,
        Inspection.result, Inspection.status, Inspection.scheduled_for, Inspection.inspected_at,
        Inspection.public_notes, Inspection.requested_on, Inspection.reinspection,
        Inspection.inspector,
    ).where((Inspection.id > last) & done).order_by(Inspection.id).limit(batch):
        last = rows[-1]["id"]
        yield await asyncio.to_thread(_inspection_records, rows, zone, types)


def _inspection_records(rows: list[dict], zone: tzinfo,
                        types: Mapping[str, InspectionType]) -> list[dict[str, Value]]:
    return [inspection_record({
        **row, "permit_number": row["permit.number"],
        "scheduled_for": as_date(row["scheduled_for"]),
        "requested_on": as_date(row["requested_on"]),
        "inspected_on": (as_datetime(row["inspected_at"]).astimezone(zone).date()
                         if row["inspected_at"] else None),
    }, types) for row in rows]


async def status_changes(zone: tzinfo,
                         batch: int = BATCH) -> AsyncIterator[list[dict[str, Value]]]:
    last = 0
    while rows := await PermitStatusChange.select(
        PermitStatusChange.id, PermitStatusChange.permit.number, PermitStatusChange.to_status,
        PermitStatusChange.changed_at,
    ).where(PermitStatusChange.id > last).order_by(PermitStatusChange.id).limit(batch):
        last = rows[-1]["id"]
        yield await asyncio.to_thread(_status_change_records, rows, zone)


def _status_change_records(rows: list[dict], zone: tzinfo) -> list[dict[str, Value]]:
    return [status_change_record({
        "permit_number": row["permit.number"], "to_status": row["to_status"],
        "changed_on": as_datetime(row["changed_at"]).astimezone(zone).date(),
    }) for row in rows]


def batches(dataset: str, publisher: Publisher, zone: tzinfo, today: date,
            batch: int = BATCH) -> AsyncIterator[list[dict[str, Value]]]:
    if dataset == PERMITS:
        return permits(publisher, zone, batch)
    if dataset == INSPECTIONS:
        return inspections(zone, today, batch)
    if dataset == STATUS_CHANGES:
        return status_changes(zone, batch)
    raise ValueError(dataset)


def edition(dataset: str, fmt: str, publisher: Publisher, time_zone: str, today: date) -> str:
    """The name of all that shapes the file besides its rows (domain/blds.py), with the
    inspection types whose mapping ``inspections`` would read on ``today``."""
    return edition_of(dataset, fmt, publisher, time_zone,
                      every_type(today) if dataset == INSPECTIONS else {})
