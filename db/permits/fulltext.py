"""Turning parsed search words into each engine's full-text match, and parcel matches."""
from __future__ import annotations

from datetime import date

from domain.search_query import ParsedQuery, QueryKind

# The FTS5 columns searched for typed words; permit_type and status are indexed too, but
# only as filters, so that typing "issued" or "ele" does not match every permit's status.
PERMIT_TEXT_COLUMNS = "{number site_address contractor_name contractor_license subtype description}"


def match_expression(dialect: str, words: tuple[str, ...]) -> str:
    """FTS5 or tsquery syntax; words are letters and digits only (domain.search_query).

    The last word is matched as a prefix so results follow the user as they type.
    """
    if dialect == "sqlite":
        return " ".join(_terms(words, '"{}"', "*"))
    return " & ".join(_terms(words, "{}", ":*"))


def _terms(words: tuple[str, ...], each: str, prefix: str) -> list[str]:
    """Each word written as ``each``, the last (of two letters or more) a ``prefix`` match."""
    terms = [each.format(w) for w in words]
    if len(words[-1]) >= 2:
        terms[-1] += prefix
    return terms


# Words shorter than this drive no index read on PostgreSQL: "ca:*" or "i" match hundreds of
# thousands of permits' words, and the GIN index read them all (16-28 ms) even beside a rare
# word ("Reza I", "Paloma Ca": a person's name typed in the staff search).
DRIVING_LETTERS = 3


def driving_expression(words: tuple[str, ...]) -> str | None:
    """PostgreSQL: the query's terms whose words are long enough to read the GIN index by
    (the last still a prefix), when some are too short to (the whole query then checks each
    permit found); None otherwise."""
    driving = [term for word, term in zip(words, _terms(words, "{}", ":*"))
               if len(word) >= DRIVING_LETTERS]
    if not driving or len(driving) == len(words):
        return None
    return " & ".join(driving)


# A date range of up to this many months is also matched by month inside the index; a wider
# one matches so many permits that walking the newest matches fills a page quickly.
MAX_INDEXED_MONTHS = 36


def months(first: date, last: date) -> list[str] | None:
    """The months a date range touches, as "YYYYMM", or None past MAX_INDEXED_MONTHS."""
    start, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    if end - start >= MAX_INDEXED_MONTHS:
        return None
    return [f"{m // 12:04d}{m % 12 + 1:02d}" for m in range(start, end + 1)]


def permit_match(words: tuple[str, ...], permit_type: str | None, status: str | None,
                 month_column: str | None = None, month_list: list[str] | None = None,
                 statuses: tuple[str, ...] = ()) -> str:
    """One FTS5 expression for words plus the type, status and month filters.

    Filtering inside the full-text index intersects posting lists; filtering the joined rows
    instead would walk every match of a common word when the filters exclude them all
    ("roof" applied in January 2016 took over 0.5 s that way).
    """
    parts = [f"{PERMIT_TEXT_COLUMNS} : ({match_expression('sqlite', words)})"]
    if permit_type:
        parts.append(f'permit_type : "{permit_type.lower()}"')
    if status:
        parts.append(f'status : "{status.lower()}"')
    if statuses:
        parts.append("status : (" + " OR ".join(f'"{s.lower()}"' for s in statuses) + ")")
    if month_column and month_list:
        prefix = month_column[0]
        parts.append(f"{month_column} : (" + " OR ".join(f'"{prefix}{m}"' for m in month_list)
                     + ")")
    return " AND ".join(parts)


def fts_condition(dialect: str, table: str, waiting: bool = False) -> str:
    """A WHERE clause fragment restricting ``table``'s ids to a full-text match (one ?);
    ``waiting``: among the permits waiting for plan review, whose own index on PostgreSQL is
    on the words as this expression writes them (so no other index can answer it)."""
    if dialect == "sqlite":
        return f"{table}.id IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)"
    if waiting:
        return f"({table}.search || ''::tsvector) @@ to_tsquery('simple', ?)"
    return f"{table}.search @@ to_tsquery('simple', ?)"


def parcel_condition(query: ParsedQuery) -> tuple[str, list] | None:
    """The parcels a query names by APN, by address or by house number, as SQL and params."""
    if query.kind is QueryKind.APN:
        return "SELECT id FROM parcel WHERE apn = ?", [query.text]
    if query.kind is QueryKind.ADDRESS and query.address:
        address = query.address
        sql = "SELECT id FROM parcel WHERE street_key = ? AND house_number = ?"
        params: list = [address.street_key, address.house_number]
        if address.unit:
            sql += " AND unit = ?"
            params.append(address.unit)
        return sql, params
    if query.kind is QueryKind.DIGITS:
        return "SELECT id FROM parcel WHERE house_number = ?", [int(query.text)]
    return None
