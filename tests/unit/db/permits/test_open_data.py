"""The BLDS datasets read from the tables in batches: every record once, fees summed per
permit, only finished inspections, nothing private."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from db.permits import open_data
from db.rules import rule_book
from db.rules.inspection_catalogs import FIRST_CATALOG
from db.tables import AuditEvent, Inspection, RuleVersion
from domain.blds import INSPECTIONS, PERMITS, STATUS_CHANGES, Publisher
from domain.inspection_types import InspectionCatalog, catalog_body
from domain.rule_edits import INSPECTION_TYPES
from tests.factories import (
    KNOWN_TODAY, PRIVATE_EMAIL, PRIVATE_NOTE, PRIVATE_PHONE, seed_scheduled_inspection
)

CITY = Publisher("City of West Hollywood", "https://permits.weho.example")
LA = ZoneInfo("America/Los_Angeles")


async def everything(dataset: str, batch: int, today: date = KNOWN_TODAY) -> list[dict]:
    return [record async for records in open_data.batches(dataset, CITY, LA, today, batch)
            for record in records]


async def test_permits_stream_in_batches_with_their_fees_summed_and_parcel_address(bound, known):
    whole = await everything(PERMITS, batch=1000)
    paged = await everything(PERMITS, batch=2)
    assert paged == whole, "batches of two give the same records, each once"
    by_number = {r["PermitNum"]: r for r in whole}
    assert len(by_number) == len(whole)
    roof = by_number["BLD2026-00042"]
    assert (roof["Fee"], roof["FeeExact"]) == (396, "395.50"), (
        "391.25 + 3.25 + 1.00, in whole dollars as BLDS's INTEGER, and exactly")
    assert (roof["OriginalAddress1"], roof["OriginalZip"], roof["PIN"]) == (
        "8500 Sunset Blvd", "90069", "9999-001-001")
    assert roof["StatusCurrentMapped"] == "Permit Issued"
    assert roof["ProjectName"] == "Sunset Strip storefront renovation"
    assert roof["StatusDate"] == "2026-11-23"
    charger = by_number["ELE2025-00007"]
    assert charger["OriginalAddress2"] == "Unit 3" and charger["CompletedDate"] == "2025-04-01"
    assert by_number["MEC2026-00003"]["Fee"] is None and by_number["MEC2026-00003"]["IssuedDate"] == ""


async def test_inspections_are_the_finished_ones_and_status_changes_each_status_held(
                                                                                  bound, known):
    scheduled = await seed_scheduled_inspection(known["roof"], date(2030, 1, 15))
    try:
        inspections = [r for r in await everything(INSPECTIONS, batch=1)
                       if r["PermitNum"] == "BLD2026-00042"]
    finally:  # the session's known permits are shared with other tests
        await Inspection.delete().where(Inspection.id == scheduled)
    [sheathing] = [r for r in inspections if r["InspType"] == "110 Roof Sheathing"]
    assert sheathing["ResultMapped"] == "Rejected"
    assert sheathing["InspectedDate"] == "2026-11-25"
    assert sheathing["InspectionNotes"] == "Nail spacing at ridge exceeds 6 in."
    assert "Scheduled" not in {r["Result"] for r in inspections}
    assert "2030-01-15" not in {r["ScheduledDate"] for r in inspections}, "no result yet"
    changes = [r for r in await everything(STATUS_CHANGES, batch=1)
               if r["PermitNum"] == "BLD2026-00042"]
    assert [(r["StatusPrevious"], r["StatusPreviousDate"], r["StatusPreviousMapped"])
            for r in changes] == [("Applied", "2026-10-02", "Application Accepted"),
                                  ("Issued", "2026-11-23", "Permit Issued")]
    text = str(inspections) + str(await everything(PERMITS, batch=1000))
    for private in (PRIVATE_PHONE, PRIVATE_EMAIL, PRIVATE_NOTE):
        assert private not in text


# Days of their own, years ahead of every other test's (as tests/unit/db/rules/test_rule_book.py).
SAVED_ON, IN_FORCE = date(2032, 6, 1), date(2032, 9, 1)


@pytest.fixture
async def footings_renamed(bound, known):
    """A version of the inspection types in force from IN_FORCE that maps code 110 (the
    known roof's rejected inspection) to "Foundation"; gone after the test."""
    await rule_book.load(bound)
    catalog = InspectionCatalog(IN_FORCE, tuple(
        replace(t, blds="Foundation") if t.code == "110" else t for t in FIRST_CATALOG.types))
    await rule_book.save(bound, INSPECTION_TYPES, catalog_body(catalog), IN_FORCE, SAVED_ON)
    yield
    await RuleVersion.delete().where(RuleVersion.effective >= SAVED_ON)
    await AuditEvent.delete().where(AuditEvent.subject.like("rules: % 2032-%"))
    await rule_book.load(bound)


async def test_inspection_types_are_mapped_by_the_version_in_force_on_the_callers_day(
        footings_renamed):
    async def mapped(today: date) -> str:
        return next(r["InspTypeMapped"] for r in await everything(INSPECTIONS, 1000, today)
                    if r["InspType"] == "110 Roof Sheathing")

    assert await mapped(KNOWN_TODAY) == "Footings & Forms"
    assert await mapped(IN_FORCE) == "Foundation", "the day given, not the machine's"


async def test_the_inspections_file_is_named_anew_when_another_mapping_comes_into_force(
        footings_renamed):
    def name(dataset: str, today: date) -> str:
        return open_data.edition(dataset, "csv", CITY, "America/Los_Angeles", today)

    assert name(INSPECTIONS, IN_FORCE - timedelta(days=1)) == name(INSPECTIONS, KNOWN_TODAY)
    assert name(INSPECTIONS, IN_FORCE) != name(INSPECTIONS, KNOWN_TODAY), (
        "a copy kept the day before maps 110 to Footings & Forms: not served on the day "
        "it is Foundation")
    assert name(PERMITS, IN_FORCE) == name(PERMITS, KNOWN_TODAY), "permits map no inspection"
