"""Read queries behind the public project search at /projects and the project page."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.permits.fulltext import fts_condition, match_expression, parcel_condition
from db.permits.search import COLUMNS, PermitRow, permit_row
from db.reader import as_date
from domain.search_query import PAGE_SIZE, ParsedQuery, QueryKind


@dataclass(frozen=True)
class ProjectRow:
    id: int
    name: str
    address: str
    created_on: date
    permit_count: int


@dataclass(frozen=True)
class ProjectDetail:
    id: int
    name: str
    description: str
    address: str
    apn: str
    created_on: date
    permits: tuple[PermitRow, ...]


_ADDRESS = ("parcel.house_number || ' ' || parcel.street_name || ' ' || parcel.street_suffix"
            " || coalesce(' #' || parcel.unit, '')")


async def search_projects(reader, query: ParsedQuery, page: int) -> tuple[ProjectRow, ...]:
    """Newest first; one row more than a page tells the caller whether a next page exists."""
    if query.kind is QueryKind.WORDS and not query.words:
        return ()
    where, params = [], []
    parcels = parcel_condition(query)
    if query.kind in (QueryKind.PERMIT_NUMBER, QueryKind.PERMIT_NUMBER_PREFIX):
        where.append("project.id IN (SELECT project FROM permit WHERE number = ?)")
        params.append(query.exact or query.text)
    elif parcels is not None:
        where.append(f"project.parcel IN ({parcels[0]})")
        params += parcels[1]
    elif query.words:
        where.append(fts_condition(reader.dialect, "project"))
        params.append(match_expression(reader.dialect, query.words))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    rows = await reader.fetch(
        f"SELECT project.id, project.name, {_ADDRESS}, project.created_on,"
        " (SELECT count(*) FROM permit WHERE permit.project = project.id)"
        f" FROM project JOIN parcel ON parcel.id = project.parcel{clause}"
        " ORDER BY project.id DESC LIMIT ? OFFSET ?",
        [*params, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE],
    )
    return tuple(ProjectRow(r[0], r[1], r[2], as_date(r[3]), r[4]) for r in rows)


async def load_project(reader, project_id: int) -> ProjectDetail | None:
    rows = await reader.fetch(
        f"SELECT project.id, project.name, project.description, {_ADDRESS}, parcel.apn,"
        " project.created_on FROM project JOIN parcel ON parcel.id = project.parcel"
        " WHERE project.id = ?",
        [project_id],
    )
    if not rows:
        return None
    permits = await reader.fetch(
        f"SELECT {COLUMNS} FROM permit WHERE permit.project = ? ORDER BY permit.id DESC",
        [project_id],
    )
    r = rows[0]
    return ProjectDetail(r[0], r[1], r[2], r[3], r[4], as_date(r[5]),
                         tuple(permit_row(p) for p in permits))
