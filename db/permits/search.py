"""Read queries behind the public permit search at /permits."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from db.permits.fulltext import (
    driving_expression, fts_condition, match_expression, months, parcel_condition, permit_match
)
from db.reader import QueryTooSlow, as_date, as_money
from domain.permits import ListedPermit, Status
from domain.search_query import (
    MAX_PAGE, PAGE_SIZE, DateField, ParsedQuery, PermitSearch, QueryKind, page_status
)

# Counting every match of a common word costs more than the page itself; past this many
# the page says "200+" and paging goes on by the page's own "next" row.
COUNT_CAP = 200


@dataclass(frozen=True)
class PermitRow(ListedPermit):
    description: str
    valuation: Decimal


@dataclass(frozen=True)
class PermitPage:
    rows: tuple[PermitRow, ...]
    total: int
    capped: bool  # total is a lower bound: "200+ permits"
    page: int
    has_next: bool

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def status(self) -> str:
        return page_status(self.page, self.pages, self.capped)


COLUMNS = ("permit.number, permit.permit_type, permit.subtype, permit.status, permit.site_address,"
           " permit.applied_on, permit.issued_on, substr(permit.description, 1, 160),"
           " permit.valuation")


def status_condition(statuses: tuple[str, ...], column: str = "permit.status") -> str:
    """``column IN ('Applied', 'In Review')`` written out, not bound: a planner uses a partial
    index (permit_waiting, of the plan review queue) only for a query holding its very
    condition. Only the domain's own status words are written so."""
    if not statuses or not set(statuses) <= {status.value for status in Status}:
        raise ValueError(f"not statuses: {statuses!r}")
    return f"{column} IN (" + ", ".join(f"'{status}'" for status in statuses) + ")"


@dataclass
class QueryParts:
    """The pieces of one search's SQL: FROM, WHERE conditions, parameters and ORDER BY."""
    source: str = "permit"
    where: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)
    order: str = "permit.id DESC"
    recent_first: bool = False

    def add(self, condition: str, *params) -> None:
        self.where.append(condition)
        self.params.extend(params)

    @property
    def clause(self) -> str:
        return f"{self.source}" + (" WHERE " + " AND ".join(self.where) if self.where else "")


# The statuses of the permits waiting for plan review, as its partial indexes name them.
WAITING_STATUSES = {Status.APPLIED.value, Status.IN_REVIEW.value}


def build_sql(dialect: str, search: PermitSearch, parcels: tuple[str, list] | None,
              date_span: tuple[date, date] | None = None, statuses: tuple[str, ...] = ()) -> QueryParts:
    query, sql = search.query, QueryParts()
    type_code = search.permit_type.value if search.permit_type else None
    status = search.status.value if search.status else None
    if query.kind is QueryKind.PERMIT_NUMBER:
        sql.add("permit.number = ?", query.text)
    elif query.kind is QueryKind.PERMIT_NUMBER_PREFIX:
        # Among a few statuses (plan review's) the number is no index's column: the waiting
        # permits are few and sorted, where walking the numbers read every "MEC2020…" (28 ms).
        column = "(permit.number || '')" if statuses else "permit.number"
        column = column if dialect == "sqlite" else f'{column} COLLATE "C"'
        # Permit numbers hold only A-Z, 0-9 and "-", all sorting below "~".
        sql.add(f"{column} >= ? AND {column} < ?", query.text, query.text + "~")
        sql.order = f"{column} DESC"
    elif parcels is not None and query.kind is QueryKind.DIGITS:
        sql.add(f"(permit.contractor_license = ? OR permit.parcel IN ({parcels[0]}))",
                query.text, *parcels[1])
    elif parcels is not None:
        sql.add(f"permit.parcel IN ({parcels[0]})", *parcels[1])
    elif query.words and dialect == "sqlite":
        # Driven by FTS5 in rowid order: it stops after a page instead of collecting every
        # match of a common word (16 ms against 0.1-3 ms over 1M permits).
        sql.source = "permit_fts JOIN permit ON permit.id = permit_fts.rowid"
        month_list = months(*date_span) if date_span else None
        month_column = f"{search.date_field.value}_month"
        sql.add("permit_fts MATCH ?",
                permit_match(query.words, type_code, status, month_column, month_list, statuses))
        statuses = ()
        sql.order = "permit_fts.rowid DESC"
        type_code = status = None
    elif query.words and set(statuses) == WAITING_STATUSES:
        # Among plan review's few thousand waiting permits: matched in their own full-text
        # index (db/piccolo_migrations/db_2026_12_05t22_10_00_000000.py) and sorted, under
        # 2 ms for any word. Ordered by the id itself the planner walked the ids down (430 ms
        # for a word rare among them); the whole table's index intersected every match of a
        # common word (122,000 for "plumbing", 15-50 ms), and so it did with a partial index
        # on the same expression; checking each waiting permit's words took 15-80 ms.
        sql.add(fts_condition(dialect, "permit", waiting=True),
                match_expression(dialect, query.words))
        sql.order = "permit.id + 0 DESC"
    elif query.words and dialect == "postgres" and (
            driving := driving_expression(query.words)):
        # The index read by the long words alone, each permit it finds checked against the
        # whole query (on an expression no index holds, so the planner cannot read the short
        # words' endless postings again): "Reza I" 28 ms -> under 1 ms.
        sql.add(fts_condition(dialect, "permit"), driving)
        sql.add("(permit.search || ''::tsvector) @@ to_tsquery('simple', ?)",
                match_expression(dialect, query.words))
        sql.recent_first = True
    elif query.words:
        sql.add(fts_condition(dialect, "permit"), match_expression(dialect, query.words))
        sql.recent_first = True
    if type_code:
        sql.add("permit.permit_type = ?", type_code)
    if status:
        sql.add("permit.status = ?", status)
    if statuses:
        sql.add(status_condition(statuses))
    column = "permit.issued_on" if search.date_field is DateField.ISSUED else "permit.applied_on"
    dated = search.date_from or search.date_to
    if (query.kind is QueryKind.EVERYTHING and (dated or status or type_code)
            or query.kind is QueryKind.PERMIT_NUMBER_PREFIX and dated):
        # Browsing by filters (or a number prefix within dates) walks the (status|type,
        # applied_on) or date indexes; walking ids or numbers newest first would read most
        # of the table for a rare combination.
        sql.order = f"{column} DESC, permit.id DESC"
    if search.date_from:
        sql.add(f"{column} >= ?", search.date_from)
    if search.date_to:
        sql.add(f"{column} <= ?", search.date_to)
    return sql


async def _date_span(reader, search: PermitSearch) -> tuple[date, date] | None:
    """Both ends of a word search's date range, a missing end taken from the data itself,
    so that the range can always be matched by month inside the full-text index."""
    if reader.dialect != "sqlite" or not search.query.words or not (
            search.date_from or search.date_to):
        return None
    column = "issued_on" if search.date_field is DateField.ISSUED else "applied_on"
    # Two statements: SQLite answers a lone min() or max() from the index end, but scans
    # the whole index for both in one SELECT (300 ms over 1M permits).
    first = (await reader.fetch(f"SELECT min({column}) FROM permit"))[0][0]
    last = (await reader.fetch(f"SELECT max({column}) FROM permit"))[0][0]
    if first is None:
        return None
    return search.date_from or as_date(first), search.date_to or as_date(last)


async def address_parcels(reader, search: PermitSearch):
    """An address that names no known parcel is searched as words instead."""
    found = parcel_condition(search.query)
    if found is None or search.query.kind is not QueryKind.ADDRESS:
        return found
    rows = await reader.fetch(found[0] + " LIMIT 1", found[1])
    return found if rows else None


# PostgreSQL word searches look at the newest permits first. Its planner guesses how many
# permits two words share as if they were independent; for words that travel together
# ("disconnect utilities") it guessed 484 of 22,046 and read them all through the GIN index
# (114 ms), and for rare pairs a walk down the id index reads the whole table. Reading the
# newest RECENT permits in id order is bounded (3 ms when nothing matches) and usually fills
# the page; only the rest of the table is left to the planner.
RECENT = 5_000


def segments_of(sql: QueryParts) -> list[QueryParts]:
    """The query as parts to read in order: newest permits first, then the rest."""
    if not sql.recent_first:
        return [sql]
    newest = f"(SELECT * FROM permit ORDER BY id DESC LIMIT {RECENT})"
    recent = QueryParts(f"{newest} AS permit", sql.where, sql.params, sql.order)
    older = QueryParts(sql.source, [*sql.where, f"permit.id < (SELECT min(id) FROM {newest} AS n)"],
                   sql.params, sql.order)
    return [recent, older]


# The older permits, after the newest RECENT held too few matches: walking the id index down
# is quick when the words are common in older permits ("roof": 4 ms, where sorting its
# matches takes 290) and reads the whole table when they are rare ("rafae": 440 ms, where
# the full-text index answers in 3). Neither planner estimate tells which, so the walk gets
# this long (common words' walks took under 5 ms), then the full-text index answers instead.
OLDER_WALK_S = 0.015


async def _older(reader, sql: str, order: str, params: list) -> list:
    try:
        return await reader.fetch(sql.format(order=order), params, budget_s=OLDER_WALK_S)
    except QueryTooSlow:
        # "+ 0": not the id index's order, so the planner matches by the full-text index
        # and sorts what it found.
        return await reader.fetch(sql.format(order=order.replace("permit.id", "permit.id + 0")),
                                  params)


async def read_rows(reader, segments: list[QueryParts], offset: int, limit: int,
                columns: str = COLUMNS) -> list:
    rows: list = []
    for i, part in enumerate(segments):
        last = i == len(segments) - 1
        # Earlier parts are bounded (RECENT rows), so they are read from their start.
        params = [*part.params, limit - len(rows) + (0 if last else offset),
                  offset if last else 0]
        sql = f"SELECT {columns} FROM {part.clause} ORDER BY {{order}} LIMIT ? OFFSET ?"
        if last and i:
            got = await _older(reader, sql, part.order, params)
        else:
            got = await reader.fetch(sql.format(order=part.order), params)
        rows += got if last else got[offset:]
        offset = 0 if last else max(0, offset - len(got))
        if len(rows) >= limit:
            break
    return rows


async def _count(reader, segments: list[QueryParts], cap: int) -> tuple[int, bool]:
    """(count, exact), capped at ``cap``. A split query counts only its newest permits:
    counting the rest would meet the planner's misjudgement again, so the count is a floor."""
    first = segments[0]
    counted = await reader.fetch(
        # The same order as the page steers PostgreSQL to the same plan: walking the index
        # in order until the cap, not decoding every match of common words.
        f"SELECT count(*) FROM (SELECT 1 FROM {first.clause} ORDER BY {first.order} LIMIT ?)"
        " AS capped",
        [*first.params, cap])
    total = counted[0][0]
    return total, total < cap and len(segments) == 1


async def whole_number(reader, query: ParsedQuery) -> ParsedQuery:
    """A number prefix that names an existing permit (ELE2026-356 → ELE2026-00356) as that
    permit's number; any other query as it is."""
    if query.kind is not QueryKind.PERMIT_NUMBER_PREFIX or not query.exact:
        return query
    found = await reader.fetch("SELECT 1 FROM permit WHERE number = ?", [query.exact])
    return replace(query, kind=QueryKind.PERMIT_NUMBER, text=query.exact) if found else query


async def search_permits(reader, search: PermitSearch) -> PermitPage:
    if search.query.kind is QueryKind.WORDS and not search.query.words:
        return PermitPage((), 0, False, search.page, False)
    search = replace(search, query=await whole_number(reader, search.query))
    span = await _date_span(reader, search)
    if span and span[0] > span[1]:
        return PermitPage((), 0, False, search.page, False)
    parcels = await address_parcels(reader, search)
    segments = segments_of(build_sql(reader.dialect, search, parcels, span))
    rows = await read_rows(reader, segments, search.offset, PAGE_SIZE + 1)
    has_next = len(rows) > PAGE_SIZE and search.page < MAX_PAGE
    if not has_next and (rows or search.page == 1):
        total, exact = search.offset + len(rows), True  # the last page: counted exactly
    else:
        total, exact = await _count(reader, segments, COUNT_CAP + 1)
        if rows:
            exact = exact and total <= COUNT_CAP
            total = max(min(total, COUNT_CAP), search.offset + PAGE_SIZE)
    return PermitPage(tuple(permit_row(r) for r in rows[:PAGE_SIZE]), total, not exact, search.page,
                      has_next)


def permit_row(r) -> PermitRow:
    """A PermitRow from a row selected with COLUMNS."""
    return PermitRow(r[0], r[1], r[2], r[3], r[4], as_date(r[5]), as_date(r[6]), r[7],
                     as_money(r[8]))
