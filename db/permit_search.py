"""Read queries behind the public permit search at /permits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from db.fulltext import fts_condition, match_expression, parcel_condition
from db.reader import as_date, as_money
from domain.search_query import PAGE_SIZE, MAX_PAGE, DateField, PermitSearch, QueryKind

COUNT_CAP = PAGE_SIZE * MAX_PAGE


@dataclass(frozen=True)
class PermitRow:
    number: str
    permit_type: str
    subtype: str
    status: str
    site_address: str
    applied_on: date
    issued_on: date | None
    description: str
    valuation: Decimal


@dataclass(frozen=True)
class PermitPage:
    rows: tuple[PermitRow, ...]
    total: int
    capped: bool
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def has_next(self) -> bool:
        return self.page < min(self.pages, MAX_PAGE)


COLUMNS = ("permit.number, permit.permit_type, permit.subtype, permit.status, permit.site_address,"
           " permit.applied_on, permit.issued_on, substr(permit.description, 1, 160),"
           " permit.valuation")


def _conditions(reader, search: PermitSearch, parcels_sql: str | None) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    query = search.query
    if query.kind is QueryKind.PERMIT_NUMBER:
        where.append("permit.number = ?")
        params.append(query.text)
    elif query.kind is QueryKind.PERMIT_NUMBER_PREFIX:
        column = "permit.number" if reader.dialect == "sqlite" else 'permit.number COLLATE "C"'
        # Permit numbers hold only A-Z, 0-9 and "-", all sorting below "~".
        where.append(f"{column} >= ? AND {column} < ?")
        params += [query.text, query.text + "~"]
    elif parcels_sql is not None:
        sql, parcel_params = parcels_sql
        if query.kind is QueryKind.DIGITS:
            where.append(f"(permit.contractor_license = ? OR permit.parcel IN ({sql}))")
            params += [query.text, *parcel_params]
        else:
            where.append(f"permit.parcel IN ({sql})")
            params += parcel_params
    elif query.words:
        where.append(fts_condition(reader.dialect, "permit"))
        params.append(match_expression(reader.dialect, query.words))
    if search.permit_type:
        where.append("permit.permit_type = ?")
        params.append(search.permit_type.value)
    if search.status:
        where.append("permit.status = ?")
        params.append(search.status.value)
    column = "permit.issued_on" if search.date_field is DateField.ISSUED else "permit.applied_on"
    if search.date_from:
        where.append(f"{column} >= ?")
        params.append(search.date_from)
    if search.date_to:
        where.append(f"{column} <= ?")
        params.append(search.date_to)
    return where, params


async def _address_parcels(reader, search: PermitSearch):
    """An address that names no known parcel is searched as words instead."""
    found = parcel_condition(search.query)
    if found is None or search.query.kind is not QueryKind.ADDRESS:
        return found
    rows = await reader.fetch(found[0] + " LIMIT 1", found[1])
    return found if rows else None


async def search_permits(reader, search: PermitSearch) -> PermitPage:
    if search.query.kind is QueryKind.WORDS and not search.query.words:
        return PermitPage((), 0, False, search.page)
    parcels = await _address_parcels(reader, search)
    where, params = _conditions(reader, search, parcels)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    order = ("permit.number DESC" if search.query.kind is QueryKind.PERMIT_NUMBER_PREFIX
             else "permit.id DESC")
    rows = await reader.fetch(
        f"SELECT {COLUMNS} FROM permit{clause} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, PAGE_SIZE, search.offset],
    )
    if search.page == 1 and len(rows) < PAGE_SIZE:
        total = len(rows)
    else:
        counted = await reader.fetch(
            f"SELECT count(*) FROM (SELECT 1 FROM permit{clause} LIMIT ?) AS capped",
            [*params, COUNT_CAP + 1],
        )
        total = counted[0][0]
    return PermitPage(
        tuple(_row(r) for r in rows), min(total, COUNT_CAP), total > COUNT_CAP, search.page
    )


def _row(r) -> PermitRow:
    return PermitRow(r[0], r[1], r[2], r[3], r[4], as_date(r[5]), as_date(r[6]), r[7],
                     as_money(r[8]))
