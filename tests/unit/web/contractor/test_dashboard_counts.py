"""The dashboard's counts say what is listed: "Showing 1 of 2" read on a section that listed
both a draft and a permit (issue 14 §10, second reading)."""
from __future__ import annotations

import uuid

from db.accounts.license_import import import_licenses
from db.demo.licenses import license_row
from tests.factories import KNOWN_TODAY
from tests.unit.db.accounts.test_license_import import csv_lines
from tests.unit.web.contractor.submitted import submitted_application
from tests.unit.web.contractor.test_applications import post, start
from tests.unit.web.journeys import verified_contractor


def test_a_section_listing_a_draft_and_a_permit_does_not_say_it_shows_fewer(portal):
    license_no = str(6_000_000 + uuid.uuid4().int % 1_000_000)
    import_licenses(portal.url, csv_lines([license_row(license_no, "FRESH BUILDERS INC",
                                                       today=KNOWN_TODAY)]))
    client, _ = verified_contractor(portal, license_no)
    submitted_application(client)
    draft = start(client, "e-plumbing")
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    dashboard = client.get("/dashboard")
    assert dashboard.context["counts"]["applications"] == 2
    assert "Applications in Progress <span class=\"count\">(2)</span>" in dashboard.text
    assert "Showing 1 of 2" not in dashboard.text and "Showing" not in dashboard.text


def test_a_long_list_of_inspections_says_it_shows_the_first_ones(portal):
    import asyncio
    import sqlite3
    from datetime import date, timedelta

    from db.engines import sqlite_path
    from tests.factories import seed_scheduled_inspection

    client, _ = verified_contractor(portal, "1012345")

    async def seed() -> list[int]:
        return [await seed_scheduled_inspection(portal.ids["roof"],
                                                date(2031, 1, 1) + timedelta(days=n))
                for n in range(51)]

    made = asyncio.run(seed())
    try:
        dashboard = client.get("/dashboard")
        count = dashboard.context["counts"]["inspections"]
        listed = len(dashboard.context["rows"]["inspections"])
        assert count > listed
        assert f"Showing the first {listed} of {count}, soonest first." in dashboard.text
    finally:
        with sqlite3.connect(sqlite_path(portal.url)) as database:
            database.execute(f"DELETE FROM inspection WHERE id IN ({','.join(map(str, made))})")
