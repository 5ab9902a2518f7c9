"""The versions of the editable rules (scheduling policy and holidays, inspection types, fee
schedule, inspection checklists), kept in the rule_version table and held in process memory
for every request.

Until ``load`` runs the book holds the first versions (the JSON files in db/ and the default
inspection catalog), so commands and pure tests that never open the database still have rules.
A process that saves reloads at once; every other server process notices the change within
``REFRESH_SECONDS`` (``follow``), so no request waits on the database for its rules.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from db.audit.trail import current_actor, record
from db.database import Database
from db.reader import as_date, as_datetime
from db.tables import RuleVersion
from domain.audit_actions import RULES_SAVED, RULES_WITHDRAWN
from domain.catalog_edits import catalog_problems, undone_by_upcoming
from domain.checklists import parse_checklists
from domain.effective_dates import in_force as version_in_force
from domain.fee_schedule import parse_schedule
from domain.inspection_types import (
    InspectionCatalog, InspectionType, every_type as merged, parse_catalog
)
from domain.outcomes import Accepted, Rejected
from domain.rule_edits import (
    CHECKLISTS, FEES, FIRST_VERSION, IN_A_SENTENCE, INSPECTION_TYPES, KINDS, SCHEDULING, changes,
    effective_problem, saved_changes, version_subject, who_saved, withdraw_problem
)
from domain.scheduling import parse_policy

log = logging.getLogger("permitline.rules")
REFRESH_SECONDS = 30
HERE = Path(__file__).parent
FIRST_VERSIONS = {SCHEDULING: "scheduling_policies", FEES: "fee_schedules",
                  INSPECTION_TYPES: "inspection_catalogs", CHECKLISTS: "inspection_checklists"}
PARSERS: dict[str, Callable[[Any], Any]] = {
    SCHEDULING: parse_policy, FEES: parse_schedule, INSPECTION_TYPES: parse_catalog,
    CHECKLISTS: parse_checklists}


@dataclass(frozen=True)
class Version:
    """One version of a rule set: its parsed ``rules`` and the JSON ``body`` they came from."""
    kind: str
    effective: date
    rules: Any  # SchedulingPolicy | FeeSchedule | InspectionCatalog | ChecklistBook
    body: Mapping[str, Any]
    saved_by: str = "system"
    saved_at: datetime | None = None


@dataclass(frozen=True)
class _Book:
    versions: Mapping[str, tuple[Version, ...]]  # per kind, oldest first
    rules: Mapping[str, tuple[Any, ...]]
    types: Mapping[str, InspectionType]  # every type ever defined, by code
    signature: tuple | None = None  # the table's (count, latest save) when read


def seed_bodies(kind: str) -> list[dict[str, Any]]:
    """The first versions: the JSON files in db/rules/scheduling_policies, fee_schedules,
    inspection_catalogs and inspection_checklists."""
    directory = HERE / FIRST_VERSIONS[kind]
    return [json.loads(path.read_text()) for path in sorted(directory.glob("*.json"))]


def _version(kind: str, body: Mapping[str, Any], saved_by: str = "system",
             saved_at: datetime | None = None) -> Version:
    try:
        rules = PARSERS[kind](body)
    except ValueError as error:
        raise ValueError(f"{IN_A_SENTENCE[kind]} of {body.get('effective')}: {error}") from error
    return Version(kind, rules.effective, rules, body, saved_by, saved_at)


def _book_of(versions: Iterable[Version], signature: tuple | None = None) -> _Book:
    by_kind: dict[str, list[Version]] = {kind: [] for kind in KINDS}
    for version in versions:
        by_kind[version.kind].append(version)
    for kind, found in by_kind.items():
        if not found:  # never after load() seeded the table; a guard, not a fallback path
            found.extend(_version(kind, body) for body in seed_bodies(kind))
        found.sort(key=lambda v: v.effective)
    sorted_versions = {kind: tuple(found) for kind, found in by_kind.items()}
    return _Book(sorted_versions,
                 {kind: tuple(v.rules for v in found) for kind, found in sorted_versions.items()},
                 merged(v.rules for v in sorted_versions[INSPECTION_TYPES]), signature)


_book = _book_of(())


def versions(kind: str) -> tuple[Version, ...]:
    """Every version of ``kind``, oldest first."""
    return _book.versions[kind]


def rules(kind: str) -> tuple[Any, ...]:
    """The parsed rules of every version of ``kind``, oldest first."""
    return _book.rules[kind]


def in_force(kind: str, day: date) -> Version:
    return version_in_force(versions(kind), day, IN_A_SENTENCE[kind])


def latest(kind: str) -> Version:
    """The version with the latest effective date: new versions start from it."""
    return versions(kind)[-1]


def catalog_on(day: date) -> InspectionCatalog:
    """The inspection types in force on ``day`` (the city's date)."""
    return in_force(INSPECTION_TYPES, day).rules


def every_type(day: date | None = None) -> Mapping[str, InspectionType]:
    """Every inspection type defined by ``day`` (the city's date), by code, the definition in
    force then winning: for inspections of types no longer offered, without a version not yet
    in force changing how today's results and open data read. Without ``day``, every version's
    (the editor's view)."""
    if day is None:
        return _book.types
    return merged(v.rules for v in versions(INSPECTION_TYPES) if v.effective <= day)


async def _signature() -> tuple:
    [row] = await RuleVersion.raw(
        "SELECT count(*) AS versions, max(saved_at) AS latest FROM rule_version")
    return row["versions"], str(row["latest"])


async def _read(after_change: bool = True) -> None:
    """Read every version. A periodic check (``after_change`` False) that another read
    overtook keeps that one: it may have started before a save committed."""
    global _book
    started = _book
    signature = await _signature()  # first: a save in between makes the next check reload
    rows = await RuleVersion.select(
        RuleVersion.kind, RuleVersion.body, RuleVersion.saved_by, RuleVersion.saved_at,
    ).where(RuleVersion.kind.is_in(list(KINDS)))
    book = _book_of((_version(r["kind"], json.loads(r["body"]), r["saved_by"],
                              as_datetime(r["saved_at"])) for r in rows), signature)
    if after_change or _book is started:
        _book = book


async def _seed(database: Database, kinds: list[str]) -> None:
    """The first versions of kinds with none; another process seeding at the same moment
    makes the unique index skip the rows it already inserted."""
    async with database.transaction():
        for kind in kinds:
            for body in seed_bodies(kind):
                inserted = await RuleVersion.raw(
                    "INSERT INTO rule_version (kind, effective, body, saved_by, saved_at)"
                    " VALUES ({}, {}, {}, {}, {}) ON CONFLICT (kind, effective) DO NOTHING"
                    " RETURNING id", kind, date.fromisoformat(body["effective"]),
                    json.dumps(body), "system", datetime.now(timezone.utc))
                if inserted:
                    await record(RULES_SAVED, subject=version_subject(kind, body["effective"]),
                                 after=FIRST_VERSION)


async def load(database: Database) -> None:
    """Seed the kinds that have no version yet, then read every version."""
    present = {r["kind"] for r in await RuleVersion.select(RuleVersion.kind).distinct()}
    missing = [kind for kind in KINDS if kind not in present]
    if missing:
        await _seed(database, missing)
    await _read()


async def refresh_if_changed() -> bool:
    """Read the versions again if any was saved or withdrawn since (by any process)."""
    if await _signature() == _book.signature:
        return False
    await _read(after_change=False)
    return True


async def follow(database: Database, every_seconds: float = REFRESH_SECONDS) -> None:
    """The server's loop that picks up other processes' edits to ``database`` (tests run
    several apps in one process, the tables bound to one at a time: the others wait)."""
    while True:
        await asyncio.sleep(every_seconds)
        try:
            if database.bound:
                await refresh_if_changed()
        except Exception:  # the loop must outlive a database hiccup; the old rules stay
            log.exception("rule book refresh")


async def _rows(kind: str) -> dict[date, dict]:
    rows = await RuleVersion.select(
        RuleVersion.effective, RuleVersion.body, RuleVersion.saved_by, RuleVersion.saved_at,
    ).where(RuleVersion.kind == kind)
    return {as_date(r["effective"]): r for r in rows}


def _catalog_problems(stored: Mapping[date, Mapping], effective: date,
                      catalog: InspectionCatalog) -> dict[str, str]:
    """A catalog keeps every type defined before it; and each upcoming version after it must
    keep this one's types, or a type added now would vanish when that version starts."""
    catalogs = {d: parse_catalog(json.loads(row["body"])) for d, row in stored.items()
                if d != effective}
    before = [catalogs[d] for d in sorted(catalogs) if d < effective]
    if problems := catalog_problems(merged(before), catalog):
        return problems
    chain = [*before, catalog]
    for day in sorted(d for d in catalogs if d > effective):
        if problems := catalog_problems(merged(chain), catalogs[day]):
            return {"types": undone_by_upcoming(day, problems["types"])}
        chain.append(catalogs[day])
    return {}


async def save(database: Database, kind: str, body: Mapping[str, Any], effective: date, today: date,
               saved_by: str = "") -> Accepted[Version] | Rejected:
    """A new version of ``kind`` taking effect on ``effective``, or the replacement of the one
    not yet in force there; checked again here against what is stored, in one transaction
    with its audit event. ``saved_by``: the name its page shows (the audit log has the
    account's address)."""
    body = {**body, "effective": effective.isoformat()}
    try:
        version = _version(kind, body, saved_by or current_actor().name)
    except ValueError as error:
        return Rejected({"effective": str(error)})  # the forms' checks let nothing through
    async with database.transaction():
        stored = await _rows(kind)
        if problem := effective_problem(effective, today, stored, kind):
            return Rejected({"effective": problem})
        if kind == INSPECTION_TYPES and (problems := _catalog_problems(
                stored, effective, version.rules)):
            return Rejected(problems)
        earlier = [d for d in stored if d <= effective]
        before = json.loads(stored[max(earlier)]["body"]) if earlier else None
        saved = await RuleVersion.raw(
            "INSERT INTO rule_version (kind, effective, body, saved_by, saved_at)"
            " VALUES ({}, {}, {}, {}, {}) ON CONFLICT (kind, effective) DO UPDATE SET"
            " body = excluded.body, saved_by = excluded.saved_by, saved_at = excluded.saved_at"
            " WHERE rule_version.effective > {} RETURNING id",
            kind, effective, json.dumps(body), version.saved_by[:120],
            datetime.now(timezone.utc), today)
        if not saved:  # saved for today by someone else a moment ago: now in force
            return Rejected({"effective": effective_problem(effective, today, {effective},
                                                            kind)})
        was, now = changes(before, body)
        await record(RULES_SAVED, subject=version_subject(kind, effective), before=was,
                     after=saved_changes(now, effective in stored))
    await _read()
    return Accepted(in_force(kind, effective))


async def withdraw(database: Database, kind: str, effective: date, today: date,
                   at: datetime | None = None) -> Accepted[date] | Rejected | None:
    """Delete a version not yet in force; None when there is no such version."""
    if problem := withdraw_problem(effective, today):
        return Rejected({"effective": problem})
    async with database.transaction():
        row = (await _rows(kind)).get(effective)
        if row is None:
            return None
        await RuleVersion.delete().where((RuleVersion.kind == kind)
                                         & (RuleVersion.effective == effective))
        await record(RULES_WITHDRAWN, subject=version_subject(kind, effective),
                     before=who_saved(row["saved_by"]), after="", at=at)
    await _read()
    return Accepted(effective)
