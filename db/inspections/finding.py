"""The staff search's inspections: by confirmation number or of the few permits a query names."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.permits.fulltext import parcel_condition
from db.permits.search import whole_number
from db.reader import as_date, newest_first
from domain.search_query import QueryKind
from domain.staff_search import PERSON_PERMITS, StaffQuery


@dataclass(frozen=True)
class FoundInspection:
    id: int
    number: str
    site_address: str
    type_name: str
    scheduled_for: date | None
    status: str
    result: str | None
    inspector: str | None
    approved_by: str
    confirmation: str | None


async def _condition(reader, query: StaffQuery) -> tuple[str, list] | None:
    if query.confirmation:
        return "inspection.confirmation = ?", [query.confirmation]
    if query.email or query.phone:
        column = "email" if query.email else "phone"
        return (f"inspection.permit IN (SELECT DISTINCT permit FROM permit_contact"
                f" WHERE {column} = ? ORDER BY permit DESC LIMIT {PERSON_PERMITS})",
                [query.email or query.phone])
    parsed = await whole_number(reader, query.permits)
    if parsed.kind is QueryKind.PERMIT_NUMBER:
        return "permit.number = ?", [parsed.text]
    if parsed.kind in (QueryKind.APN, QueryKind.ADDRESS):
        parcels = parcel_condition(parsed)
        if parcels:
            return f"permit.parcel IN ({parcels[0]})", list(parcels[1])
    return None


async def find_inspections(reader, query: StaffQuery, *, after: int | None,
                           limit: int) -> list[FoundInspection]:
    """Nothing for words or number prefixes: they can name half the city's permits, and
    listing every inspection of those is no help (domain.staff_search.INSPECTIONS_HOW)."""
    found = await _condition(reader, query)
    if found is None:
        return []
    rows = await newest_first(
        reader, "SELECT inspection.id, permit.number, permit.site_address, inspection.type_name,"
        " inspection.scheduled_for, inspection.status, inspection.result, inspection.inspector,"
        " inspection.approved_by, inspection.confirmation"
        " FROM inspection JOIN permit ON permit.id = inspection.permit", [found[0]], found[1],
        id_column="inspection.id", after=after, limit=limit)
    return [FoundInspection(r[0], r[1], r[2], r[3], as_date(r[4]), r[5], r[6], r[7], r[8] or "",
                            r[9]) for r in rows]
