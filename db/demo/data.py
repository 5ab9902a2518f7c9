"""Deterministic West Hollywood-style demo data: rows for every table, generated without I/O.

``generate(permits, seed)`` yields batches of plain tuples in the column order of ``COLUMNS``:
dates as ISO text, timestamps as UTC text the way Piccolo stores them, money as decimal text.
The same seed and reference date always give the same rows. Permits come in applied-date
order, so ids grow with the applied date ("newest first" is "id descending").
"""
from __future__ import annotations

import heapq
import math
import random
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator

from db.demo.people import (
    INSPECTORS, PERMIT_TECHS, PLAN_CHECKERS, SYSTEM, contractor_pools, expediters, owner_of,
    private_note
)
from db.demo.projects import TEMPLATES, plan_project
from db.demo.streets import COMMERCIAL, MULTI, SFD, UNIT, build_lots
from db.demo.timeline import (
    APPLICANT, COUNTER, INSPECTOR, PLAN_CHECK, SYSTEM_ACTOR, Clock, simulate
)
from db.demo.work import (
    PUBLIC_NOTES, WORK, describe, fee_lines, round_valuation, subtype_table, weighted_table
)
from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.inspection_types import CANCELLED, SEQUENCES
from domain.subtypes import SUBTYPES

COLUMNS: dict[str, tuple[str, ...]] = {
    "parcel": ("id", "apn", "house_number", "street_name", "street_suffix", "street_key", "unit",
               "city", "state", "zip_code", "latitude", "longitude", "zoning", "district"),
    "project": ("id", "name", "description", "parcel", "created_on"),
    "permit": ("id", "number", "permit_type", "subtype", "description", "valuation", "status",
               "parcel", "project", "site_address", "permit_class", "work_class", "applied_on",
               "issued_on", "expires_on", "finaled_on", "status_changed_at",
               "contractor_license", "contractor_name"),
    "permit_contact": ("id", "permit", "role", "name", "company", "license_number", "phone",
                       "email"),
    "permit_status_change": ("id", "permit", "from_status", "to_status", "changed_at",
                             "changed_by", "comment"),
    "fee_item": ("id", "permit", "code", "description", "amount", "paid"),
    "inspection": ("id", "permit", "type_code", "type_name", "requested_on", "scheduled_for",
                   "status", "result", "inspector", "public_notes", "private_notes",
                   "reinspection", "inspected_at", "units", "district"),
}
# Columns whose text stands for another type, for engines that want native values.
DATE_COLUMNS = frozenset({"created_on", "applied_on", "issued_on", "expires_on", "finaled_on",
                          "requested_on", "scheduled_for"})
TIMESTAMP_COLUMNS = frozenset({"status_changed_at", "changed_at", "inspected_at"})
MONEY_COLUMNS = frozenset({"valuation", "amount"})

YEARS = 10
PROJECT_START_CHANCE = 0.0165  # about 7% of permits end up in a project
OWNER_BUILDER_CHANCE = 0.06  # of single-family permits outside projects
PRIVATE_NOTE_CHANCE = 0.35


@dataclass
class Batch:
    permits: int = 0
    rows: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in COLUMNS})


def parcel_target(permits: int) -> int:
    return max(60, permits // 4)


def generate(permits: int, seed: int = 1, today: date | None = None,
             batch_size: int = 10_000) -> Iterator[Batch]:
    """Yield ``permits`` permits with their parcels, projects, contacts, history, fees and
    inspections, in batches of ``batch_size`` permits; parcels all come in the first batch."""
    yield from _Demo(seed, today or date.today()).batches(permits, batch_size)


class _Demo:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = rng = random.Random(seed)
        self.today = today.toordinal()
        self.first = self.today - 365 * YEARS - YEARS // 4
        self.clock = Clock(date.fromordinal(self.first), date.fromordinal(self.today + 400))
        self.pools = contractor_pools(rng)
        self.expediters = expediters(rng)
        self.sequence: dict[tuple[str, int], int] = {}
        self.ids = {table: 0 for table in COLUMNS}
        self.tables = [subtype_table(i / YEARS) for i in range(YEARS + 1)]
        self.places = [weighted_table(*zip(*WORK[s.name].places)) for s in SUBTYPES]
        self.subtype_index = {s.name: i for i, s in enumerate(SUBTYPES)}
        self.pending: list[tuple] = []  # project members waiting for their applied date

    def _next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def _parcels(self, count: int, batch: Batch) -> None:
        rng = self.rng
        self.lots = build_lots(rng, parcel_target(count))
        by_category: dict[str, list[int]] = {}
        for index, lot in enumerate(self.lots):
            batch.rows["parcel"].append((index + 1, *lot.row))
            by_category.setdefault(lot.category, []).append(index)
        # A tiny sample may lack a category: any parcel then stands in for it.
        everything = list(range(len(self.lots)))
        self.by_category = {c: by_category.get(c) or everything
                            for c in (SFD, MULTI, UNIT, COMMERCIAL)}
        self.owners = [owner_of(rng, lot.address, lot.category == COMMERCIAL, lot.condo_common)
                       for lot in self.lots]

    def _applied_days(self, count: int) -> list[int]:
        # Weekdays carry most applications; online ones trickle in on weekends too.
        days = range(self.first, self.today + 1)
        weights, total = [], 0.0
        for day in days:
            total += 0.15 if self.clock.weekend[day - self.clock.base] else 1.0
            weights.append(total)
        return sorted(self.rng.choices(days, cum_weights=weights, k=count))

    def batches(self, count: int, batch_size: int) -> Iterator[Batch]:
        batch = Batch()
        self._parcels(count, batch)
        for day in self._applied_days(count):
            self._permit(day, batch)
            if batch.permits >= batch_size:
                yield batch
                batch = Batch()
        if batch.permits or batch.rows["parcel"]:
            yield batch

    def _start_project(self, day: int, batch: Batch) -> tuple[int, int, int]:
        rng = self.rng
        template = TEMPLATES[int(rng.random() * len(TEMPLATES))]
        candidates = self.by_category[template.category]
        lot_index = candidates[int(rng.random() * len(candidates))]
        lot = self.lots[lot_index]
        name, description, members = plan_project(rng, template, lot.street, lot.address)
        project_id = self._next_id("project")
        batch.rows["project"].append((project_id, name, description, lot_index + 1,
                                      self.clock.date(day)))
        builder = self._contractor("general")
        for order, (offset, subtype) in enumerate(members[1:]):
            heapq.heappush(self.pending, (day + offset, project_id, order, lot_index,
                                          self.subtype_index[subtype], builder))
        return project_id, lot_index, self.subtype_index[members[0][1]]

    def _contractor(self, trade: str):
        pool = self.pools[trade]
        return pool[int(len(pool) * self.rng.random() ** 2)]  # a few firms get most work

    def _permit(self, day: int, batch: Batch) -> None:
        rng, r, clock = self.rng, self.rng.random, self.clock
        project_id = builder = None
        if self.pending and self.pending[0][0] <= day:
            _, project_id, _, lot_index, sub_index, builder = heapq.heappop(self.pending)
        elif r() < PROJECT_START_CHANCE:
            project_id, lot_index, sub_index = self._start_project(day, batch)
        else:
            share = (day - self.first) * YEARS // (self.today - self.first)
            table = self.tables[share]
            sub_index = table[int(r() * len(table))]
            places = self.places[sub_index]
            candidates = self.by_category[places[int(r() * len(places))]]
            lot_index = candidates[int(r() * len(candidates))]
        subtype = SUBTYPES[sub_index]
        work = WORK[subtype.name]
        lot, owner = self.lots[lot_index], self.owners[lot_index]
        permit_id = self._next_id("permit")
        year = int(clock.date(day)[:4])
        key = (subtype.permit_type.value, year)
        self.sequence[key] = number = self.sequence.get(key, 0) + 1

        low, high = work.valuation
        valuation = round_valuation(low * math.exp(r() * math.log(high / low)))
        if work.item:
            quantity = work.item[4] + int(r() * (work.item[5] - work.item[4] + 1))
        else:
            quantity = 2 + int(r() * 14)
        residential = lot.category != COMMERCIAL

        # Contacts: contractor (unless an owner-builder), owner, applicant.
        contacts = batch.rows["permit_contact"]
        owner_builder = (project_id is None and lot.category == SFD
                         and r() < OWNER_BUILDER_CHANCE)
        contractor = None
        if not owner_builder:
            trade = work.trades[0] if len(work.trades) == 1 or r() < 0.7 else work.trades[1]
            contractor = builder if builder and trade == "general" else self._contractor(trade)
            contacts.append((self._next_id("permit_contact"),
                             *contractor.contact(permit_id, "contractor")))
        contacts.append((self._next_id("permit_contact"), *owner.contact(permit_id, "owner")))
        x = r()
        applicant = (owner if owner_builder or x < 0.2 else
                     contractor if x < 0.75 else
                     self.expediters[int(r() * len(self.expediters))])
        contacts.append((self._next_id("permit_contact"),
                         *applicant.contact(permit_id, "applicant")))

        changes: list = []
        visits: list = []
        life = simulate(r, subtype.plan_review, work.review, work.gap, SEQUENCES[subtype.name],
                        day, self.today, clock, changes, visits)

        inspector = INSPECTORS[lot.district][int(r() * 3)]
        actors = {APPLICANT: applicant.name, PLAN_CHECK: PLAN_CHECKERS[int(r() * 4)],
                  COUNTER: PERMIT_TECHS[int(r() * 3)], INSPECTOR: inspector,
                  SYSTEM_ACTOR: SYSTEM}
        history = batch.rows["permit_status_change"]
        for old, new, on, minute, actor, comment in changes:
            history.append((self._next_id("permit_status_change"), permit_id, old, new,
                            clock.ts(on, minute), actors[actor], comment))
        changed_at = history[-1][4]

        fees = batch.rows["fee_item"]
        issued = life.issued is not None
        for code, text, amount, plan_check in fee_lines(subtype, residential, valuation,
                                                        quantity):
            fees.append((self._next_id("fee_item"), permit_id, code, text, amount,
                         issued or (plan_check and life.reviewed)))

        rows = batch.rows["inspection"]
        types = FIRST_CATALOG.by_code  # demo data is generated from the first version
        for code, requested, scheduled, state, result, minute, needed in visits:
            notes = PUBLIC_NOTES[result] if result else ("",)
            public = notes[int(r() * len(notes))]
            private = private_note(rng) if r() < PRIVATE_NOTE_CHANCE else ""
            if state == CANCELLED:  # never inspected: why is the city's record, not notes
                public, private = "", public
            rows.append((self._next_id("inspection"), permit_id, code, types[code].name,
                         clock.date(requested), clock.date(scheduled), state, result,
                         inspector, public, private, needed,
                         clock.ts(scheduled, minute) if minute else None,
                         types[code].units, lot.district))

        batch.rows["permit"].append((
            permit_id, f"{subtype.permit_type.value}{year}-{number:05d}",
            subtype.permit_type.value, subtype.name, describe(rng, work, quantity), valuation,
            life.status, lot_index + 1, project_id, lot.address,
            "Residential" if residential else "Non-Residential", subtype.work_class,
            clock.date(day), clock.date(life.issued) if issued else None,
            clock.date(life.expires) if life.expires else None,
            clock.date(life.finaled) if life.finaled else None, changed_at,
            contractor.license_number if contractor else None,
            contractor.company if contractor else None,
        ))
        batch.permits += 1
