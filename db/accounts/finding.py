"""The staff search's accounts by e-mail, phone, license, name or company (issue 16 §1)."""
from __future__ import annotations

from dataclasses import dataclass

from db.reader import newest_first
from domain.search_query import QueryKind
from domain.staff_search import StaffQuery


@dataclass(frozen=True)
class FoundAccount:
    id: int
    name: str
    email: str
    phone: str
    role: str
    business_name: str
    license_no: str | None
    verification: str


def _conditions(dialect: str, query: StaffQuery) -> tuple[list[str], list] | None:
    if query.email:
        return ["account.email = ?"], [query.email]
    if query.phone:
        return ["account.phone = ?"], [query.phone]
    if query.permits.kind is QueryKind.DIGITS:
        return ["account.license_no = ?"], [query.text]
    if query.permits.kind is QueryKind.WORDS and query.permits.words:
        # A few thousand accounts at most (one per contractor office, owner-builder and
        # staff member): every word anywhere in the name, company or e-mail is enough. SQLite's
        # lower() folds A-Z only: its reader folds with Python's casefold (db/reader.py).
        fold = "fold" if dialect == "sqlite" else "lower"
        haystack = (f"{fold}(coalesce(account.first_name, '') || ' ' || account.business_name"
                    " || ' ' || account.email)")
        words = [w.casefold() if dialect == "sqlite" else w for w in query.permits.words]
        return ([f"{haystack} LIKE ?" for _ in words],
                [f"%{word}%" for word in words])  # words: letters and digits only
    return None


async def find_accounts(reader, query: StaffQuery, *, after: int | None,
                        limit: int) -> list[FoundAccount]:
    found = _conditions(reader.dialect, query)
    if found is None:
        return []
    rows = await newest_first(
        reader, "SELECT account.id, account.first_name, account.email, account.phone,"
        " account.role, account.business_name, account.license_no, account.verification"
        " FROM account", *found, id_column="account.id", after=after, limit=limit)
    return [FoundAccount(r[0], r[1] or "", r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows]
