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
                 after: int | None, limit: int) -> QueryParts | None:
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
        if statuses and dialect == "postgres":
            # Checked on each application's own contacts: no name index may drive it (the
            # planner guessed one name in a range of 4,900 and scanned the range for each of
            # 6,000 applications: 1.3 s).
            condition, params = "substr(lower(name), 1, ?) = ?", [len(start), start]
    else:
        return None
    if after:
        condition, params = f"{condition} AND permit < ?", [*params, after]
    sql = QueryParts()
    if statuses and dialect == "postgres" and query.name and not (query.email or query.phone):
        # Each of the few thousand applications asks for its own contacts (by the contacts'
        # permit index); "OFFSET 0" keeps the planner from turning that round: it guessed one
        # name in a range of 4,900 and compared every application with each (2.2 s). The
        # (e-mail|phone, permit) indexes answer such a question by both columns.
        sql.add(status_condition(statuses))
        sql.add("EXISTS (SELECT 1 FROM permit_contact WHERE permit_contact.permit = permit.id"
                f" AND {condition} OFFSET 0)", *params)
    elif statuses:  # a person's few permits read once, each looked up
        sql.add(status_condition(statuses))
        sql.add(f"permit.id IN (SELECT permit FROM permit_contact WHERE {condition})", *params)
    elif query.name:
        sql.add(f"permit.id IN (SELECT permit FROM permit_contact WHERE {condition})", *params)
    else:
        # One person's permits walked down the (e-mail|phone, permit) index: a contractor's
        # office is a contact of 45,000 permits, whose ids are not all worth sorting.
        sql.add(f"permit.id IN (SELECT DISTINCT permit FROM permit_contact WHERE {condition}"
                " ORDER BY permit DESC LIMIT ?)", *params, limit)
    return sql


def _among(sql: QueryParts, dialect: str, statuses: tuple[str, ...],
           subtypes: tuple[str, ...], words: bool) -> None:
    """Only permits of ``subtypes`` (bound: the rule book's names) in ``statuses``.

    For words PostgreSQL reads them first, a few thousand of a million on plan review's
    partial index, and matches the words on each ("OFFSET 0" keeps the planner from folding
    them back in): left to itself it intersected every match of a common word (122,000 for
    "plumbing", 50 ms) or walked the ids down (430 ms) to find the few waiting. A number, an
    address or a person names few permits: those are read first, then filtered.
    """
    marks = ", ".join("?" for _ in subtypes)
    if dialect == "postgres" and words:
        sql.source = (f"(SELECT * FROM permit WHERE {status_condition(statuses, 'status')}"
                      f" AND subtype IN ({marks}) OFFSET 0) AS permit")
        sql.params = [*subtypes, *sql.params]  # the source's marks come first
        sql.recent_first = False
    else:
        sql.add(f"permit.subtype IN ({marks})", *subtypes)


async def _read(reader, sql: QueryParts, after: int | None, limit: int,
                statuses: tuple[str, ...], subtypes: tuple[str, ...], words: bool = False
                ) -> list:
    if subtypes:
        _among(sql, reader.dialect, statuses, subtypes, words)
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
    contacts = _contact_sql(reader.dialect, query, statuses, after, limit)
    if query.email or query.phone:
        rows = await _read(reader, contacts, after, limit, statuses, subtypes)
    elif parsed.kind is QueryKind.WORDS and not parsed.words:
        rows = []
    else:
        search = PermitSearch(parsed)
        parcels = await address_parcels(reader, search)
        sql = build_sql(reader.dialect, search, parcels, statuses=statuses)
        rows = await _read(reader, sql, after, limit, statuses, subtypes,
                           words=parsed.kind is QueryKind.WORDS)
        if contacts is not None and parsed.kind is QueryKind.WORDS:
            named = await _read(reader, contacts, after, limit, statuses, subtypes)
            merged = {row[-1]: row for row in [*rows, *named]}
            rows = [merged[i] for i in sorted(merged, reverse=True)][:limit]
    return [FoundPermit(row[-1], permit_row(row)) for row in rows]
