"""A permit's public page data, and what it must never contain."""
import dataclasses
from datetime import date
from decimal import Decimal

from db.permits.pages import load_fees, load_history, load_inspections, load_permit
from tests.factories import PRIVATE_EMAIL, PRIVATE_NOTE, PRIVATE_PHONE


async def test_the_permit_summary_joins_its_parcel_and_project(reader, known):
    permit = await load_permit(reader, "BLD2026-00042")
    assert (permit.site_address, permit.apn, permit.project_id) == (
        "8500 Sunset Blvd", "9999-001-001", known["project"])
    assert permit.valuation == Decimal("25000.00")
    assert permit.issued_on == date(2026, 11, 23)
    assert (permit.contractor_name, permit.contractor_license) == ("Acme Roofing Inc", "1012345")


async def test_an_unknown_permit_is_none(reader):
    assert await load_permit(reader, "BLD2099-99999") is None


async def test_fees_are_decimal_cents_in_order(reader, known):
    fees = await load_fees(reader, known["roof"])
    assert [f.amount for f in fees] == [Decimal("391.25"), Decimal("3.25"), Decimal("1.00")]
    assert [f.paid for f in fees] == [True, True, False]


async def test_inspections_and_history_read_back_with_utc_times(reader, known):
    inspection, = await load_inspections(reader, known["roof"])
    assert (inspection.type_code, inspection.result) == ("110", "Corrections required")
    assert inspection.inspected_at.utcoffset().total_seconds() == 0
    history = await load_history(reader, known["roof"])
    assert [(h.from_status, h.to_status) for h in history] == [("Applied", "Issued"),
                                                               (None, "Applied")]


async def test_public_reads_carry_no_contact_details_or_inspector_notes(reader, known):
    loaded = [await load_permit(reader, "BLD2026-00042"),
              *await load_inspections(reader, known["roof"]),
              *await load_history(reader, known["roof"]),
              *await load_fees(reader, known["roof"])]
    text = repr([dataclasses.asdict(item) for item in loaded])
    for secret in (PRIVATE_PHONE, PRIVATE_EMAIL, PRIVATE_NOTE, "Nail spacing"):
        assert secret not in text

