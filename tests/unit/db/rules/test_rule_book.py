"""The rule book on both engines: saving, replacing and withdrawing versions with their audit
events, the version in force on a day, and other processes' edits picked up."""
from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from db.audit.trail import STAFF, Actor, acting_as
from db.database import connected
from db.engines import bind_tables
from db.rules import rule_book
from db.rules.fee_schedules import fee_schedules
from db.rules.inspection_catalogs import FIRST_CATALOG
from db.rules.scheduling_policies import business_calendar, policy_for
from db.tables import AuditEvent, RuleVersion
from domain.inspection_types import InspectionCatalog, InspectionType, catalog_body
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType
from domain.rule_edits import CHECKLISTS, FEES, INSPECTION_TYPES, KINDS, SCHEDULING

# Days of their own, years ahead of every other test's: the first versions stay in force.
TODAY = date(2031, 6, 2)
LATER = date(2031, 9, 1)
DANA = Actor("dana@city.example", STAFF)


@pytest.fixture
async def book(bound):
    """The rule book of the engine under test; what a test saved is gone afterwards."""
    await rule_book.load(bound)
    yield bound
    await RuleVersion.delete().where(RuleVersion.effective >= TODAY)
    await AuditEvent.delete().where(AuditEvent.subject.like("rules: % 2031-%"))
    await rule_book.load(bound)


def fees_body(issuance: str) -> dict:
    return {**rule_book.latest(FEES).body, "issuance_fee": issuance}


async def events(subject: str) -> list[dict]:
    return await AuditEvent.select(AuditEvent.action, AuditEvent.actor, AuditEvent.channel,
                                   AuditEvent.before, AuditEvent.after).where(
        AuditEvent.subject == subject).order_by(AuditEvent.id)


async def test_every_kind_starts_from_the_files_in_db(book):
    for kind in KINDS:
        [first] = rule_book.versions(kind)
        assert (first.effective, first.saved_by) == (date(2026, 7, 1), "system")
    assert fee_schedules()[0].name == "Fiscal year 2026-27 fee schedule"
    assert rule_book.catalog_on(TODAY) == FIRST_CATALOG


async def test_a_saved_version_is_in_force_from_its_date_and_its_event_is_recorded(book):
    with acting_as(DANA):
        saved = await rule_book.save(book, FEES, fees_body("40.00"), LATER, TODAY)
    assert isinstance(saved, Accepted) and saved.value.saved_by == DANA.name
    assert [s.issuance_fee for s in fee_schedules()][-1] == 40
    assert rule_book.in_force(FEES, date(2031, 8, 31)).effective == date(2026, 7, 1)
    assert rule_book.in_force(FEES, LATER).rules.issuance_fee == 40
    assert await events("rules: fees 2031-09-01") == [{
        "action": "rules saved", "actor": DANA.name, "channel": STAFF,
        "before": "issuance_fee: 35.00", "after": "issuance_fee: 40.00"}]


async def test_saving_again_for_a_date_not_yet_in_force_replaces_that_version(book):
    await rule_book.save(book, FEES, fees_body("40.00"), LATER, TODAY)
    await rule_book.save(book, FEES, fees_body("41.00"), LATER, TODAY)
    assert [v.rules.issuance_fee for v in rule_book.versions(FEES)] == [35, 41]
    assert await RuleVersion.count().where(RuleVersion.kind == FEES) == 2
    replaced = (await events("rules: fees 2031-09-01"))[-1]
    assert replaced["after"].startswith("replaces the version not yet in force; ")


async def test_a_version_in_force_never_changes_and_none_starts_in_the_past(book):
    tomorrow = TODAY + timedelta(days=1)
    for day in (TODAY, date(2031, 6, 1)):
        refused = await rule_book.save(book, FEES, fees_body("45.00"), day, TODAY)
        assert "Choose a date after today" in refused.errors["effective"]
    assert isinstance(await rule_book.save(book, FEES, fees_body("40.00"), tomorrow, TODAY),
                      Accepted)
    # The next day it is in force: the record of what applied.
    again = await rule_book.save(book, FEES, fees_body("45.00"), tomorrow, tomorrow)
    assert isinstance(again, Rejected) and "already in force" in again.errors["effective"]
    assert rule_book.in_force(FEES, tomorrow).rules.issuance_fee == 40
    refused = await rule_book.withdraw(book, FEES, tomorrow, tomorrow)
    assert isinstance(refused, Rejected) and "already in force" in refused.message


async def test_a_version_not_yet_in_force_is_withdrawn_with_its_event(book):
    await rule_book.save(book, SCHEDULING, {**rule_book.latest(SCHEDULING).body,
                                      "closures": ["2031-09-04"]}, LATER, TODAY)
    with acting_as(DANA):
        assert await rule_book.withdraw(book, SCHEDULING, LATER, TODAY) == Accepted(LATER)
    assert [v.effective for v in rule_book.versions(SCHEDULING)] == [date(2026, 7, 1)]
    assert await rule_book.withdraw(book, SCHEDULING, LATER, TODAY) is None
    withdrawn = (await events("rules: scheduling 2031-09-01"))[-1]
    assert (withdrawn["action"], withdrawn["actor"]) == ("rules withdrawn", DANA.name)


async def test_a_closure_in_a_new_policy_closes_that_day_from_its_effective_date(book):
    await rule_book.save(book, SCHEDULING, {**rule_book.latest(SCHEDULING).body,
                                      "closures": ["2031-09-04"]}, LATER, TODAY)
    before, after = policy_for(date(2031, 8, 31)), policy_for(LATER)
    assert business_calendar(before, 2031).is_business_day(date(2031, 9, 4))
    assert not business_calendar(after, 2031).is_business_day(date(2031, 9, 4))
    assert not business_calendar(after, 2031).is_business_day(date(2031, 12, 25)), "a holiday"


async def test_inspection_types_are_never_deleted_and_keep_their_permit_type(book):
    body = catalog_body(InspectionCatalog(LATER, FIRST_CATALOG.types[1:]))
    refused = await rule_book.save(book, INSPECTION_TYPES, body, LATER, TODAY)
    assert "100 is missing" in refused.errors["types"]
    moved = catalog_body(InspectionCatalog(LATER, tuple(
        replace(t, permit_type=PermitType.ELECTRICAL) if t.code == "100" else t
        for t in FIRST_CATALOG.types)))
    assert "stays Building" in (await rule_book.save(book, INSPECTION_TYPES, moved, LATER,
                                                      TODAY)).errors["types"]
    unknown_blds = catalog_body(FIRST_CATALOG)
    unknown_blds["types"][0]["blds"] = "Setbacks"
    refused = await rule_book.save(book, INSPECTION_TYPES, unknown_blds, LATER, TODAY)
    assert "Choose the BLDS inspection type" in refused.errors["effective"]


async def test_a_type_no_longer_offered_is_still_known_by_its_code(book):
    catalog = InspectionCatalog(LATER, tuple(replace(t, offered=False) if t.code == "145"
                                             else t for t in FIRST_CATALOG.types))
    await rule_book.save(book, INSPECTION_TYPES, catalog_body(catalog), LATER, TODAY)
    assert rule_book.catalog_on(LATER).find(PermitType.BUILDING, "145") is None
    assert rule_book.catalog_on(TODAY).find(PermitType.BUILDING, "145") is not None
    assert not rule_book.every_type(LATER)["145"].offered
    assert rule_book.every_type(LATER)["145"].blds == "Roof Deck"
    assert rule_book.every_type(TODAY)["145"].offered, "a version not yet in force changes nothing"


async def test_a_final_unticked_in_an_upcoming_version_still_finals_permits_until_then(book):
    catalog = InspectionCatalog(LATER, tuple(
        replace(t, final=False, blds="Progress Check") if t.code == "199" else t
        for t in FIRST_CATALOG.types))
    await rule_book.save(book, INSPECTION_TYPES, catalog_body(catalog), LATER, TODAY)
    assert rule_book.every_type(TODAY)["199"].final
    assert rule_book.every_type(TODAY)["199"].blds == "Building Final"
    assert not rule_book.every_type(LATER)["199"].final


async def test_another_process_edit_is_picked_up_by_the_refresh(book):
    assert await rule_book.refresh_if_changed() is False
    # Another server process saves: a row the book has not read.
    await RuleVersion.insert(RuleVersion(
        kind=FEES, effective=LATER, body=json.dumps({**fees_body("42.00"),
                                                     "effective": LATER.isoformat()}),
        saved_by="elsewhere@city.example", saved_at=datetime.now(timezone.utc)))
    assert rule_book.versions(FEES)[-1].effective == date(2026, 7, 1)
    assert await rule_book.refresh_if_changed() is True
    assert rule_book.in_force(FEES, LATER).rules.issuance_fee == 42
    assert rule_book.versions(FEES)[-1].saved_by == "elsewhere@city.example"


async def test_the_server_loop_picks_up_an_edit_of_another_process(book):
    loop = asyncio.create_task(rule_book.follow(book, every_seconds=0.01))
    try:
        await RuleVersion.insert(RuleVersion(
            kind=FEES, effective=LATER, body=json.dumps({**fees_body("43.00"),
                                                         "effective": LATER.isoformat()}),
            saved_by="elsewhere@city.example", saved_at=datetime.now(timezone.utc)))
        for _ in range(500):  # polls until the loop's next check has run, at most 5 s
            if rule_book.versions(FEES)[-1].effective == LATER:
                break
            await asyncio.sleep(0.01)
        assert rule_book.in_force(FEES, LATER).rules.issuance_fee == 43
    finally:
        loop.cancel()


async def test_an_empty_database_gets_the_first_versions_once(empty_sqlite_url, bound):
    async with connected(empty_sqlite_url) as database:
        try:
            await rule_book.load(database)
            await rule_book.load(database)
            rows = await RuleVersion.select(RuleVersion.kind, RuleVersion.effective)
            assert sorted((r["kind"], str(r["effective"])) for r in rows) == [
                (CHECKLISTS, "2026-07-01"), (FEES, "2026-07-01"), (INSPECTION_TYPES, "2026-07-01"),
                (SCHEDULING, "2026-07-01")]
            assert await AuditEvent.count().where(AuditEvent.action == "rules saved") == 4
        finally:
            bind_tables(bound.engine)
            await rule_book.load(bound)


async def test_a_type_added_before_an_upcoming_version_must_be_kept_by_it(book):
    upcoming = date(2031, 12, 1)
    await rule_book.save(book, INSPECTION_TYPES, catalog_body(FIRST_CATALOG), upcoming, TODAY)
    new_type = InspectionType(PermitType.BUILDING, "151", "Lath", "Progress Check")
    earlier = InspectionCatalog(LATER, (*FIRST_CATALOG.types, new_type))
    refused = await rule_book.save(book, INSPECTION_TYPES, catalog_body(earlier), LATER, TODAY)
    assert refused.errors["types"].startswith(
        "The upcoming version of Monday 1 December 2031 would undo this one: Inspection types "
        "are never deleted: 151 is missing.")
    assert rule_book.catalog_on(LATER).find(PermitType.BUILDING, "151") is None
    later = InspectionCatalog(upcoming, (*FIRST_CATALOG.types, new_type))
    await rule_book.save(book, INSPECTION_TYPES, catalog_body(later), upcoming, TODAY)
    assert isinstance(await rule_book.save(book, INSPECTION_TYPES, catalog_body(earlier), LATER,
                                           TODAY), Accepted)
