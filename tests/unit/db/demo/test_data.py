"""Demo data is deterministic, plausible for West Hollywood and consistent with the lifecycle."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest

from db.demo.data import COLUMNS, generate
from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.addresses import format_address, street_key
from domain.fees import building_permit_fee
from domain.outcomes import Accepted
from domain.permits import PermitNumber, Status, transition
from domain.subtypes import SUBTYPES

TYPES = FIRST_CATALOG.by_code

TODAY = date(2026, 11, 27)
# West Hollywood streets as the brief names them (an independent list, not the module's).
WEHO_STREETS = {
    "Sunset Blvd", "Santa Monica Blvd", "Melrose Ave", "Fountain Ave", "Romaine St",
    "Willoughby Ave", "Waring Ave", "La Cienega Blvd", "Robertson Blvd", "San Vicente Blvd",
    "Doheny Dr", "Crescent Heights Blvd", "Fairfax Ave", "Havenhurst Dr", "Harper Ave",
    "Kings Rd", "Orlando Ave", "Sweetzer Ave", "Flores St", "Laurel Ave", "Hayworth Ave",
    "Genesee Ave", "Spaulding Ave", "Ogden Dr", "Gardner St", "Vista St", "Martel Ave",
    "Poinsettia Pl", "Formosa Ave", "Detroit St", "Huntley Dr", "Westmount Dr", "Palm Ave",
    "Hilldale Ave", "Larrabee St", "Holloway Dr", "Norma Pl", "Keith Ave", "Rangely Ave",
    "Dorrington Ave", "Cynthia St", "Ashcroft Ave", "Alta Loma Rd", "Horn Ave",
    "Sherbourne Dr", "Cory Ave", "Hacienda Pl", "Hammond St", "Wetherly Dr",
    "Orange Grove Ave", "Lexington Ave",
}
CLOSED = {"Finaled", "Expired", "Cancelled", "Void"}
OPEN = {"Applied", "In Review", "Approved", "Issued"}


def tables(permits: int, seed: int) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {table: [] for table in COLUMNS}
    for batch in generate(permits, seed=seed, today=TODAY, batch_size=700):
        for table, rows in batch.rows.items():
            found[table] += [dict(zip(COLUMNS[table], row)) for row in rows]
    return found


@pytest.fixture(scope="module")
def demo() -> dict[str, list[dict]]:
    return tables(4000, seed=7)


def by_permit(rows: list[dict]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["permit"]].append(row)
    return grouped


def day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def test_the_same_seed_always_gives_the_same_rows():
    assert tables(300, seed=3) == tables(300, seed=3)


def test_a_different_seed_gives_different_rows():
    first, second = tables(300, seed=3), tables(300, seed=4)
    assert first["permit"] != second["permit"]
    assert first["parcel"] != second["parcel"]


def test_every_permit_is_generated_with_every_table_in_the_requested_number(demo):
    assert len(demo["permit"]) == 4000
    assert [p["id"] for p in demo["permit"]] == list(range(1, 4001))
    for table in COLUMNS:
        ids = [row["id"] for row in demo[table]]
        assert ids == list(range(1, len(ids) + 1)), table


def test_permits_come_in_applied_date_order_so_newest_first_is_id_descending(demo):
    applied = [p["applied_on"] for p in demo["permit"]]
    assert applied == sorted(applied)


def test_applications_spread_over_ten_years_up_to_the_reference_date(demo):
    applied = [day(p["applied_on"]) for p in demo["permit"]]
    assert min(applied) >= TODAY - timedelta(days=3653)
    assert min(applied) <= TODAY - timedelta(days=3600)
    assert max(applied) <= TODAY
    assert len({d.year for d in applied}) == 11


def test_permit_numbers_count_up_per_type_and_year_of_application(demo):
    last: dict[tuple[str, int], int] = {}
    for permit in demo["permit"]:
        number = PermitNumber.parse(permit["number"])
        assert str(number) == permit["number"]
        assert number.permit_type.value == permit["permit_type"]
        assert number.year == day(permit["applied_on"]).year
        key = (permit["permit_type"], number.year)
        assert number.sequence == last.get(key, 0) + 1
        last[key] = number.sequence


def test_the_permit_type_mix_is_mostly_building_then_electrical_plumbing_mechanical(demo):
    share = Counter(p["permit_type"] for p in demo["permit"])
    assert abs(share["BLD"] / 4000 - 0.45) < 0.04
    assert abs(share["ELE"] / 4000 - 0.20) < 0.04
    assert abs(share["PLM"] / 4000 - 0.20) < 0.04
    assert abs(share["MEC"] / 4000 - 0.15) < 0.04


def test_every_status_history_is_a_legal_chain_ending_in_the_current_status(demo):
    history = by_permit(demo["permit_status_change"])
    for permit in demo["permit"]:
        chain = history[permit["id"]]
        assert (chain[0]["from_status"], chain[0]["to_status"]) == (None, "Applied")
        for before, after in zip(chain, chain[1:]):
            assert after["from_status"] == before["to_status"]
            assert isinstance(transition(Status(before["to_status"]),
                                         Status(after["to_status"])), Accepted)
            assert after["changed_at"] > before["changed_at"]
        assert chain[-1]["to_status"] == permit["status"]
        assert chain[-1]["changed_at"] == permit["status_changed_at"]
        assert all(c["changed_at"].endswith("+00:00") for c in chain)


def test_issued_date_is_present_exactly_when_the_permit_was_ever_issued(demo):
    history = by_permit(demo["permit_status_change"])
    for permit in demo["permit"]:
        ever_issued = any(c["to_status"] == "Issued" for c in history[permit["id"]])
        assert (permit["issued_on"] is not None) == ever_issued
        if permit["status"] in {"Issued", "Finaled", "Expired"}:
            assert permit["issued_on"] is not None
        if permit["status"] in {"Applied", "In Review", "Approved"}:
            assert permit["issued_on"] is None and permit["expires_on"] is None


def test_finaled_date_is_present_exactly_when_the_final_inspection_passed(demo):
    inspections = by_permit(demo["inspection"])
    for permit in demo["permit"]:
        assert (permit["finaled_on"] is not None) == (permit["status"] == "Finaled")
        if permit["finaled_on"]:
            last = [i for i in inspections[permit["id"]] if i["result"] == "Approved"][-1]
            assert TYPES[last["type_code"]].final
            assert last["scheduled_for"] == permit["finaled_on"] >= permit["issued_on"]


def test_an_issued_permit_expires_180_days_after_issuance_renewal_or_its_last_approval(demo):
    history, inspections = by_permit(demo["permit_status_change"]), by_permit(demo["inspection"])
    for permit in (p for p in demo["permit"] if p["status"] == "Issued"):
        starts = [day(c["changed_at"]) for c in history[permit["id"]]
                  if c["to_status"] == "Issued"]
        starts += [day(i["scheduled_for"]) for i in inspections[permit["id"]]
                   if i["result"] == "Approved"]
        # Local and UTC dates differ in the evening; allow that one day.
        assert day(permit["expires_on"]) - timedelta(days=180) - max(starts) <= timedelta(1)
        assert day(permit["expires_on"]) >= TODAY


def test_an_expired_permit_lapsed_the_day_after_its_expiry_date(demo):
    for permit in (p for p in demo["permit"] if p["status"] == "Expired"):
        assert day(permit["status_changed_at"]) == day(permit["expires_on"]) + timedelta(1)


def test_inspections_happen_only_while_the_permit_is_issued(demo):
    permits = {p["id"]: p for p in demo["permit"]}
    for inspection in demo["inspection"]:
        permit = permits[inspection["permit"]]
        assert permit["issued_on"] < inspection["scheduled_for"]
        assert inspection["requested_on"] < inspection["scheduled_for"]
        assert TYPES[inspection["type_code"]].permit_type.value == permit["permit_type"]
        if inspection["status"] == "Scheduled":
            assert permit["status"] == "Issued"
            assert inspection["scheduled_for"] >= TODAY.isoformat()
            assert inspection["result"] is None and inspection["inspected_at"] is None
        elif inspection["status"] == "Completed":
            assert day(inspection["inspected_at"]) >= day(inspection["scheduled_for"])
        if permit["finaled_on"]:
            assert inspection["scheduled_for"] <= permit["finaled_on"]
        if permit["status"] in {"Expired", "Cancelled", "Void"}:
            assert day(inspection["scheduled_for"]) <= day(permit["status_changed_at"])


def test_old_permits_are_mostly_closed_and_recent_ones_mostly_open(demo):
    old = [p["status"] for p in demo["permit"]
           if day(p["applied_on"]) < TODAY - timedelta(days=730)]
    recent = [p["status"] for p in demo["permit"]
              if day(p["applied_on"]) > TODAY - timedelta(days=30)]
    assert sum(s in CLOSED for s in old) / len(old) > 0.97
    assert sum(s in OPEN for s in recent) / len(recent) > 0.8
    statuses = Counter(p["status"] for p in demo["permit"])
    assert 0 < statuses["Cancelled"] + statuses["Void"] < 300
    assert statuses["Finaled"] > statuses["Expired"] > 0


def test_streets_and_coordinates_are_west_hollywoods(demo):
    for parcel in demo["parcel"]:
        street = f"{parcel['street_name'].removeprefix('N ')} {parcel['street_suffix']}"
        assert street in WEHO_STREETS
        assert parcel["street_key"] == street_key(parcel["street_name"])
        assert parcel["city"] == "West Hollywood" and parcel["state"] == "CA"
        assert parcel["zip_code"] in {"90046", "90048", "90069"}
        assert 34.080 <= parcel["latitude"] <= 34.100
        assert -118.395 <= parcel["longitude"] <= -118.345
        assert re.fullmatch(r"\d{4}-\d{3}-\d{3}", parcel["apn"])
    assert len({p["apn"] for p in demo["parcel"]}) == len(demo["parcel"])
    assert any(p["unit"] for p in demo["parcel"])
    assert {p["district"] for p in demo["parcel"]} == {"West", "Central", "East"}


def test_a_permits_site_address_is_its_parcels_formatted_address(demo):
    parcels = {p["id"]: p for p in demo["parcel"]}
    for permit in demo["permit"]:
        parcel = parcels[permit["parcel"]]
        street = f"{parcel['street_name']} {parcel['street_suffix']}"
        assert permit["site_address"] == format_address(parcel["house_number"], street,
                                                        parcel["unit"])


def test_contacts_are_fictional_and_the_contractor_is_copied_onto_the_permit(demo):
    contacts = by_permit(demo["permit_contact"])
    for permit in demo["permit"]:
        roles = {c["role"]: c for c in contacts[permit["id"]]}
        assert {"owner", "applicant"} <= set(roles)
        contractor = roles.get("contractor")
        assert permit["contractor_license"] == (contractor and contractor["license_number"])
        assert permit["contractor_name"] == (contractor and contractor["company"])
    for contact in demo["permit_contact"]:
        assert contact["phone"] is None or re.fullmatch(r"\d{3}-555-01\d\d", contact["phone"])
        assert contact["email"] is None or contact["email"].endswith("@example.com")
        if contact["license_number"]:
            assert re.fullmatch(r"\d{6,7}", contact["license_number"])


def test_private_inspector_notes_hold_access_codes_and_public_notes_never_do(demo):
    private = [i["private_notes"] for i in demo["inspection"]
               if i["private_notes"] and i["status"] != "Cancelled"]
    assert len(private) > len(demo["inspection"]) / 5
    assert all(re.search(r"555-01\d\d|code \d{4}", note) for note in private)
    for inspection in demo["inspection"]:
        assert not re.search(r"\d{3}-\d{3}-\d{4}|code", inspection["public_notes"].lower())


def test_a_cancelled_inspection_carries_why_not_an_inspectors_notes(demo):
    cancelled = [i for i in demo["inspection"] if i["status"] == "Cancelled"]
    assert cancelled, "the demo has cancelled inspections"
    for inspection in cancelled:
        assert inspection["inspected_at"] is None and inspection["public_notes"] == ""
        assert inspection["private_notes"].startswith("Cancelled")


def test_fees_follow_the_fee_reference_and_are_paid_once_issued(demo):
    fees, subtypes = by_permit(demo["fee_item"]), {s.name: s for s in SUBTYPES}
    for permit in demo["permit"]:
        lines = {f["code"]: f for f in fees[permit["id"]]}
        subtype = subtypes[permit["subtype"]]
        assert ("PLAN-CHECK" in lines) == subtype.plan_review
        assert "CBSC" in lines
        if permit["permit_type"] == "BLD":
            fee = building_permit_fee(permit["valuation"])
            assert Decimal(lines["BLDG-PERMIT"]["amount"]) == fee.amount
            assert fee.explanation in lines["BLDG-PERMIT"]["description"]
            assert "SMIP" in lines
        if permit["issued_on"]:
            assert all(f["paid"] for f in lines.values())
        else:
            assert not any(f["paid"] for code, f in lines.items() if code != "PLAN-CHECK")


def test_valuations_are_realistic_for_their_subtype(demo):
    ranges = {"Water Heater": (1_500, 4_000), "Re-roof": (8_000, 40_000),
              "New Single-Family Dwelling": (600_000, 3_000_000)}
    for permit in demo["permit"]:
        if permit["subtype"] in ranges:
            low, high = ranges[permit["subtype"]]
            assert low <= permit["valuation"] <= high


def test_some_permits_are_grouped_into_projects_at_one_address(demo):
    in_projects = [p for p in demo["permit"] if p["project"]]
    assert 0.04 < len(in_projects) / len(demo["permit"]) < 0.12
    projects = {p["id"]: p for p in demo["project"]}
    for permit in in_projects:
        project = projects[permit["project"]]
        assert permit["parcel"] == project["parcel"]
        assert permit["applied_on"] >= project["created_on"]
    sizes = Counter(p["project"] for p in in_projects)
    assert max(sizes.values()) >= 3
