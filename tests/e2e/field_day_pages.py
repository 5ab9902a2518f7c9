"""What a day in the field needs besides the phone (tests/e2e/field_phones.py): the camera's
photos of tests/data/photos, a stop's checklist and photo field as the inspector fills them, the
permits' contractor and an anonymous visitor, and the photos the server's database holds."""
from __future__ import annotations

import asyncio
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Locator, expect

from tests.e2e.account_pages import new_email
from tests.e2e.conftest import _tab
from tests.e2e.field_phones import PASSWORD
from tests.e2e.inspector_pages import InspectorPage, city_today, rows

CAMERA = Path(__file__).resolve().parents[1] / "data" / "photos"
SMOKE_ALARM, FRAMING_NAILS, PANEL_LABEL = (CAMERA / name for name in (
    "smoke-alarm.jpg", "framing-nails.jpg", "panel-label.jpg"))
PHOTOS = "**/inspector/inspections/*/photos"  # where the phone sends each photo


@pytest.fixture
def visitor(browser, field, request):
    """Someone who is not signed in, on the field server."""
    yield from _tab(browser, field, request)


def pending(page: InspectorPage) -> Locator:
    """The photos of this stop waiting on the phone, under its photo field."""
    return page.page.locator("#photo-pending > li")


def take_photos(page: InspectorPage, files: list[Path], caption: str = "") -> None:
    """Chooses ``files`` in the photo field of the stop's result form, as the camera or the
    gallery gives them, with a caption."""
    field = page.page.locator("form[data-outbox]")
    field.get_by_label("Photos (optional)").set_input_files(files)
    if caption:
        field.get_by_label("Caption (optional)").fill(caption)


def mark_checklist(page: InspectorPage, failed: dict[str, str]) -> None:
    """Every item of the stop's checklist Passed, except those whose text is a key of
    ``failed``: Failed, with the words for the contractor."""
    items = page.page.locator("#checklist fieldset.check-item")
    expect(items.first).to_be_visible()
    for item in items.all():
        text = item.locator("legend").inner_text()
        words = next((w for failing, w in failed.items() if failing in text), None)
        item.get_by_role("radio", name=re.compile("^Failed" if words else "^Passed")).check()
        if words:
            item.get_by_label(re.compile(r"^Your words")).fill(words)


def device_photos(page: InspectorPage) -> Locator:
    """The photos waiting on the phone, in the device panel (opened)."""
    summary = page.device.get_by_text("Photos on this device")
    if page.page.locator("#device-photo-details[open]").count() == 0:
        summary.click()
    return page.device.locator("#device-photos > li")


def photos_of(field, route: list[dict]) -> list[tuple]:
    """(inspection, key, caption, width, height, file name) of each stored photo of the route."""
    ids = ",".join(str(stop["id"]) for stop in route)
    return rows(field.database_url, "SELECT inspection, key, caption, width, height, file_name "
                f"FROM inspection_photo WHERE inspection IN ({ids}) ORDER BY id")


def checklist_of(field, stop: dict) -> str:
    return rows(field.database_url, "SELECT checklist FROM inspection WHERE id = ?",
                stop["id"])[0][0]


def contractor_of(field, route: list[dict]) -> str:
    """A verified contractor account whose license built the route's permits (so it is their
    contact): its e-mail address; the password is the field journeys' own."""
    from db.accounts import accounts, passwords
    from db.accounts.license_import import import_licenses
    from db.database import connected
    from db.demo.licenses import license_row
    from domain.accounts import Role
    from tests.factories import KNOWN_NOW
    from tests.unit.db.accounts.test_license_import import csv_lines

    license_no = str(5_000_000 + uuid.uuid4().int % 999_999)
    import_licenses(field.database_url, csv_lines([
        license_row(license_no, "Ridgeline Roofing", today=city_today(), classes="C39|B")]))
    email = new_email("ridgeline")

    async def create() -> None:
        async with connected(field.database_url) as database:
            await accounts.create_account(
                database, email=email, password_hash=await passwords.hash_password(PASSWORD),
                name="Sam Ridgeline", phone="3235550177", role=Role.CONTRACTOR,
                license_no=license_no, business_name="Ridgeline Roofing",
                email_verified_at=KNOWN_NOW, now=KNOWN_NOW)

    # Playwright's sync API keeps an event loop running in this thread: create in another.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, create()).result()
    marks = ",".join("?" * len(route))
    rows(field.database_url, "UPDATE permit SET contractor_license = ?, contractor_name = ? "
         f"WHERE number IN ({marks})", license_no, "Ridgeline Roofing",
         *(stop["permit"] for stop in route))
    return email
