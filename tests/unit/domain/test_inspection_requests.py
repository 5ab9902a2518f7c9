"""Only eligible permits get inspections, only eligible types are offered, forms are checked."""
from datetime import date
from decimal import Decimal

import pytest

from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.inspection_requests import (
    PastInspection, check_day, check_request, permit_refusals, type_choices
)
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType

TODAY = date(2026, 12, 1)
DATES = (date(2026, 12, 2), date(2026, 12, 3))


def test_an_issued_paid_unexpired_permit_may_be_inspected():
    assert permit_refusals("Issued", date(2027, 5, 1), Decimal("0"), TODAY) == []


def test_each_reason_a_permit_may_not_be_inspected_is_named():
    reasons = permit_refusals("Issued", date(2026, 11, 30), Decimal("125.50"), TODAY,
                              ["License 2000001 is not in good standing."])
    assert reasons == [
        "The permit expired on Monday 30 November 2026. Ask the city to renew it.",
        "$125.50 in fees is due. Pay it before requesting an inspection.",
        "License 2000001 is not in good standing.",
    ]
    assert permit_refusals("Finaled", None, Decimal("0"), TODAY) == [
        "The permit is Finaled: only issued permits can be inspected."]
    assert permit_refusals("In Review", None, Decimal("0"), TODAY) == [
        "The permit is In Review: only issued permits can be inspected."]
    assert permit_refusals("Void", None, Decimal("1234.5"), TODAY) == [
        "The permit is Void: only issued permits can be inspected.",
        "$1,234.50 in fees is due. Pay it before requesting an inspection."]


CATALOG = FIRST_CATALOG


def remodel_choices():
    return type_choices(CATALOG, PermitType.BUILDING, "Residential Remodel", ())


def choices(subtype, history=()):
    return {c.type.code: c for c in type_choices(CATALOG, PermitType.BUILDING, subtype, history)}


def test_the_usual_sequence_comes_first_and_other_types_follow():
    listed = list(choices("Residential Remodel"))
    assert listed[:4] == ["115", "160", "170", "199"]
    assert "110" in listed[4:]
    assert not any(c.type.permit_type != PermitType.BUILDING
                   for c in remodel_choices())


def test_a_final_waits_for_every_other_usual_inspection():
    first = choices("Residential Remodel")
    assert first["115"].offered
    assert first["199"].reason == ("Needs 115 Framing, 160 Insulation, 170 Drywall approved "
                                   "first.")
    history = [PastInspection(c, "Completed", "Approved", date(2026, 11, 1))
               for c in ("115", "160", "170")]
    assert choices("Residential Remodel", history)["199"].offered


def test_prerequisites_apply_only_when_the_subtype_calls_for_them():
    assert choices("Residential Remodel")["160"].reason == "Needs 115 Framing approved first."
    assert choices("Residential Addition")["115"].reason == (
        "Needs 110 Footings/Foundation, 114 Floor Sheathing approved first.")
    # Outside the sequence 110/112/114 are not required before framing.
    assert choices("Residential Remodel")["115"].offered


def test_a_failed_inspection_can_be_requested_again_but_not_a_passed_or_scheduled_one():
    history = [PastInspection("115", "Completed", "Corrections required", date(2026, 11, 2)),
               PastInspection("160", "Scheduled", None, date(2026, 12, 4))]
    listed = choices("Residential Remodel", history)
    assert listed["115"].offered
    assert listed["160"].reason == "Already scheduled for Friday 4 December."
    approved = [PastInspection("115", "Completed", "Approved", date(2026, 11, 3))]
    assert choices("Residential Remodel", approved)["115"].reason == "Already approved."


FORM = {"type": "115", "day": "2026-12-03", "contact_name": "  Ana   Ruiz ",
        "contact_phone": "(323) 555 0142", "notes": "Gate code 4412"}


def test_a_complete_request_is_cleaned():
    outcome = check_request(FORM, remodel_choices(),
                            DATES)
    assert isinstance(outcome, Accepted)
    assert outcome.value.contact_name == "Ana Ruiz"
    assert outcome.value.contact_phone == "323-555-0142"
    assert outcome.value.day == date(2026, 12, 3)


@pytest.mark.parametrize("typed, found", [
    ("Visit evil.com", "a web address"), ("Ana evil dot us", "a web address"),
    ("Ana call 323\u2013555\u20130199", "a phone number"), ("ana@evil.co", "an e-mail address")])
def test_the_site_contact_s_name_carries_no_contact_for_the_inspector(typed, found):
    outcome = check_request({**FORM, "contact_name": typed}, remodel_choices(), DATES)
    assert isinstance(outcome, Rejected)
    assert outcome.errors == {"contact_name": f"Enter the contact's name without {found} in it."}


def test_the_site_contact_s_name_is_kept_without_direction_controls():
    outcome = check_request({**FORM, "contact_name": "Ana \u202eziuR\u202c"}, remodel_choices(),
                            DATES)
    assert outcome.value.contact_name == "Ana ziuR"


def test_every_bad_field_gets_its_own_message():
    outcome = check_request({"type": "199", "day": "2026-12-25", "contact_name": "",
                             "contact_phone": "555", "notes": "x" * 1001},
                            remodel_choices(), DATES)
    assert isinstance(outcome, Rejected)
    assert set(outcome.errors) == {"type", "day", "contact_name", "contact_phone", "notes"}
    assert outcome.errors["type"].startswith("199 Building Final cannot be requested now")
    assert outcome.errors["day"].startswith("Friday 25 December is not available")


def test_a_type_of_another_trade_or_a_garbled_date_is_refused():
    outcome = check_request({**FORM, "type": "220", "day": "12/03/2026"},
                            remodel_choices(), DATES)
    assert outcome.errors["type"] == "220 is not an inspection of this permit."
    assert outcome.errors["day"] == "Choose one of the available dates."


def test_rescheduling_checks_only_the_date():
    assert check_day("2026-12-02", DATES) == Accepted(date(2026, 12, 2))
    assert isinstance(check_day("", DATES), Rejected)

