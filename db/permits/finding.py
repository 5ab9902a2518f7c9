"""The staff search's permits and applications, in keyset pages (issue 16 §1)."""
from __future__ import annotations

import string
from dataclasses import dataclass

from db.permits.search import (
    COLUMNS, PermitRow, QueryParts, address_parcels, build_sql, permit_row, read_rows, segments_of,
    status_condition, whole_number
)
from domain.search_query import PermitSearch, QueryKind
from domain.staff_search import StaffQuery

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@dataclass(frozen=True)
class FoundPermit:
    id: int
    permit: PermitRow


def _past(start: str) -> str:
    """The first text after every text that starts with ``start``, in code point order (SQLite's
    BINARY, PostgreSQL's "C"): "paloma ca" → "paloma cb". A bound the planners' statistics can
    place; U+10FFFF appended instead was estimated at one name, and PostgreSQL then compared
    each of 6,000 applications with 3,000 names (620 ms)."""
    return start[:-1] + chr(ord(start[-1]) + 1)


def _keyset(sql: QueryParts, after: int) -> None:
    """Only rows after the permit with id ``after`` in the query's own order."""
    if sql.order.startswith("permit_fts.rowid"):
        sql.add("permit_fts.rowid < ?", after)  # FTS5 walks rowids (= permit ids) itself
    elif "permit.number" in sql.order:
        column = sql.order.removesuffix(" DESC")
        sql.add(f"{column} < (SELECT number FROM permit WHERE id = ?)", after)
    else:
        sql.add("permit.id < ?", after)


def _contact_sql(dialect: str, query: StaffQuery, statuses: tuple[str, ...],
                 after: int | None, limit: int, subtypes: tuple[str, ...] = ()
                 ) -> QueryParts | None:
    """Permits one of whose contacts has the e-mail, phone or name typed, newest first."""
    if query.email or query.phone:
        column, value = ("email", query.email) if query.email else ("phone", query.phone)
        condition, params = f"{column} = ?", [value]
    elif query.name:
        # SQLite's lower() folds A-Z only, PostgreSQL's every script's capitals (as Python's):
        # the typed start is folded as the engine folds the names it is compared with.
        if dialect == "sqlite":
            name, start = "lower(name)", query.name.translate(_ASCII_LOWER)
        else:
            name, start = 'lower(name) COLLATE "C"', query.name.lower()
        condition, params = f"{name} >= ? AND {name} < ?", [start, _past(start)]
    else:
        return None
    if after:
        condition, params = f"{condition} AND permit < ?", [*params, after]
    sql = QueryParts()
    if statuses:
        sql.add(status_condition(statuses))
    named = dialect == "postgres" and query.name and not (query.email or query.phone)
    if statuses and dialect == "postgres":
        # Plan review's applications of a person: their ids walked on the waiting permits'
        # partial index against the person's permits, then the page's rows read by id
        # (2-8 ms). Asked for the rows' columns at once, the planner walked a million ids
        # down the primary key to meet an office's 37,000 contacts (260 ms; a 503 under
        # load). A name's contacts are a hashed subplan ("IS TRUE" keeps the planner from
        # making it a join: it guessed one contact for 4,900 and looked up every one's permit,
        # 16 ms, or compared each application with each, 2.2 s), capped so that its hash
        # stays in memory: a range of more than 50,000 contacts is no person's name (the
        # first name and the start of a last), and past the cap any 50,000 of it are read
        # (sorted for the newest, "Reza I": 7 -> 18 ms, two letters: 23 -> 475 ms).
        person = (f"(permit.id IN (SELECT permit FROM permit_contact WHERE {condition} "
                  "LIMIT 50000)) IS TRUE" if named else
                  f"permit.id IN (SELECT permit FROM permit_contact WHERE {condition})")
        kinds = f"permit.subtype IN ({', '.join('?' for _ in subtypes)}) AND " if subtypes \
            else ""
        sql.add(f"permit.id IN (SELECT id FROM permit WHERE {status_condition(statuses)} AND "
                f"{kinds}{person} ORDER BY permit.id DESC LIMIT ?)", *subtypes, *params, limit)
    elif named:
        # The name's contacts read once into an array (an InitPlan), then the permits walked
        # down their primary key for those ids, newest first, to the page's end: under 2 ms
        # (joined, the planner looked up every contact's permit first: 13-16 ms).
        sql.add(f"permit.id = ANY(ARRAY(SELECT permit FROM permit_contact WHERE {condition}))",
                *params)
    elif statuses or query.name:  # a person's few permits read once, each looked up
        sql.add(f"permit.id IN (SELECT permit FROM permit_contact WHERE {condition})", *params)
    else:
        # One person's permits walked down the (e-mail|phone, permit) index: a contractor's
        # office is a contact of 45,000 permits, whose ids are not all worth sorting.
        sql.add(f"permit.id IN (SELECT DISTINCT permit FROM permit_contact WHERE {condition}"
                " ORDER BY permit DESC LIMIT ?)", *params, limit)
    return sql


def _among(sql: QueryParts, subtypes: tuple[str, ...]) -> None:
    """Only permits of ``subtypes`` (bound: the rule book's names); build_sql and
    _contact_sql hold the statuses (plan review's: a number, an address or a person names
    few permits, read first then filtered; words are matched in the waiting permits' own
    index)."""
    sql.add(f"permit.subtype IN ({', '.join('?' for _ in subtypes)})", *subtypes)


async def _read(reader, sql: QueryParts, after: int | None, limit: int,
                subtypes: tuple[str, ...]) -> list:
    if subtypes:
        _among(sql, subtypes)
    if after:
        _keyset(sql, after)  # before the split into segments, which share its parameters
    return await read_rows(reader, segments_of(sql), 0, limit, columns=f"{COLUMNS}, permit.id")


async def find_permits(reader, query: StaffQuery, *, after: int | None, limit: int,
                       statuses: tuple[str, ...] = (), subtypes: tuple[str, ...] = ()
                       ) -> list[FoundPermit]:
    """Up to ``limit`` permits (in ``statuses`` and of ``subtypes`` when given: plan review's
    applications) after the one with id ``after``; the public search's matches and the
    permits whose contacts are the person typed.

    An e-mail address or phone number is looked up among the permits' contacts alone; words
    are matched both in the public search's index and as the start of a contact's name, the
    two read newest first and merged (both are in id order).
    """
    if query.empty:
        return []
    parsed = await whole_number(reader, query.permits)
    contacts = _contact_sql(reader.dialect, query, statuses, after, limit, subtypes)
    if query.email or query.phone:
        rows = await _read(reader, contacts, after, limit, subtypes)
    elif parsed.kind is QueryKind.WORDS and not parsed.words:
        rows = []
    else:
        search = PermitSearch(parsed)
        parcels = await address_parcels(reader, search)
        sql = build_sql(reader.dialect, search, parcels, statuses=statuses)
        rows = await _read(reader, sql, after, limit, subtypes)
        if contacts is not None and parsed.kind is QueryKind.WORDS:
            named = await _read(reader, contacts, after, limit, subtypes)
            merged = {row[-1]: row for row in [*rows, *named]}
            rows = [merged[i] for i in sorted(merged, reverse=True)][:limit]
    return [FoundPermit(row[-1], permit_row(row)) for row in rows]
