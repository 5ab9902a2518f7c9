"""The reinspection fee (issue 17 §4): which recorded results a fee schedule charges, a
version without the rule charging nothing, the editor's fields, and what payers are told."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from domain.booking_refusals import reinspection_fees_due
from domain.fee_edits import fee_fields, read_fee_form
from domain.fee_schedule import parse_schedule
from domain.inspection_requests import permit_refusals
from domain.inspection_types import APPROVED, CANCELLED, CORRECTIONS, NO_ACCESS, NOT_READY, PARTIAL
from domain.notifications import InspectionFacts, NoticeContext, inspection_notice
from domain.reinspection_fees import (
    FAILURES, FailedInspection, ReinspectionFee, ReinspectionRule, parse_reinspection,
    read_reinspection, reinspection_fee, reinspection_fields, rule_words
)

ROOT = Path(__file__).resolve().parents[3]
FIRST = json.loads((ROOT / "db/rules/fee_schedules/2026-07-01.json").read_text())
TUESDAY = date(2026, 12, 1)
RULE = parse_schedule(FIRST).reinspection  # the first version's: the UBC §108.8 shape


def failed(result: str, earlier: int = 0, reinspection: bool = True) -> FailedInspection:
    return FailedInspection("115", "Framing", result, reinspection, TUESDAY, earlier)


def test_the_first_schedule_charges_47_dollars_for_not_ready_and_no_access_at_once():
    assert RULE == ReinspectionRule(Decimal("47.00"), frozenset({CORRECTIONS, NOT_READY,
                                                                 NO_ACCESS}),
                                    frozenset({CORRECTIONS}))
    for result in (NOT_READY, NO_ACCESS):
        assert reinspection_fee(RULE, failed(result)) == ReinspectionFee(
            "REINSP", f"Reinspection fee: 115 Framing, {result} on 1 December 2026",
            Decimal("47.00"))


def test_corrections_are_charged_from_the_second_failure_of_the_same_inspection():
    assert reinspection_fee(RULE, failed(CORRECTIONS)) is None, "the first time is free"
    assert reinspection_fee(RULE, failed(CORRECTIONS, earlier=1)) == ReinspectionFee(
        "REINSP", "Reinspection fee: 115 Framing, Corrections required on 1 December 2026",
        Decimal("47.00"))


def test_a_result_the_schedule_does_not_charge_or_that_passed_assesses_nothing():
    for result in (APPROVED, PARTIAL, CANCELLED):
        assert reinspection_fee(RULE, failed(result, earlier=3)) is None


def test_no_fee_when_the_inspector_did_not_ask_for_a_reinspection():
    for result in (NOT_READY, NO_ACCESS, CORRECTIONS):
        assert reinspection_fee(RULE, failed(result, earlier=2, reinspection=False)) is None


def test_a_version_saved_before_the_rule_existed_charges_nothing():
    older = {key: value for key, value in FIRST.items() if key != "reinspection"}
    assert parse_schedule(older).reinspection is None
    assert parse_schedule({**FIRST, "reinspection": None}).reinspection is None
    assert reinspection_fee(None, failed(NOT_READY, earlier=5)) is None


def test_every_result_can_be_charged_from_the_first_failure_when_the_city_says_so():
    every = ReinspectionRule(Decimal("95.50"), frozenset(FAILURES))
    for result in FAILURES:
        assert reinspection_fee(every, failed(result)).amount == Decimal("95.50")
    assert reinspection_fee(ReinspectionRule(Decimal("0.00"), frozenset(FAILURES)),
                            failed(NOT_READY)) is None, "a zero amount is no fee"


@pytest.mark.parametrize("rule, problem", [
    ({"amount": "forty", "results": []}, "reinspection amount"),
    ({"amount": "-1", "results": []}, "reinspection amount"),
    ({"amount": "47.001", "results": []}, "reinspection amount"),
    ({"amount": "47", "results": ["Approved"]}, "never need a reinspection"),
    ({"amount": "47", "results": [NOT_READY], "first_free": [NO_ACCESS]}, "not charged"),
    ({"results": [NOT_READY]}, "amount"),
    (["47"], "not an object"),
])
def test_a_rule_that_cannot_be_read_names_what_is_wrong(rule, problem):
    with pytest.raises(ValueError, match=problem):
        parse_schedule({**FIRST, "reinspection": rule})


def test_the_schedule_page_says_the_rule_in_words():
    assert rule_words(RULE) == (
        "$47.00 when the inspector asks for a reinspection after Not ready or No access; after "
        "Corrections required, from the second failure of the same inspection.")
    every = ReinspectionRule(Decimal("95.50"), frozenset({PARTIAL, NOT_READY, NO_ACCESS}))
    assert rule_words(every) == ("$95.50 when the inspector asks for a reinspection after "
                                 "Partial, Not ready or No access.")
    assert rule_words(None) == "None"


def test_the_editor_fills_in_the_rule_and_reads_it_back_unchanged():
    fields = reinspection_fields(FIRST["reinspection"])
    assert fields == {"reinspection-amount": "47.00", "reinspection-partial": "none",
                      "reinspection-corrections-required": "second",
                      "reinspection-not-ready": "every", "reinspection-no-access": "every"}
    errors: dict[str, str] = {}
    assert parse_reinspection({"reinspection": read_reinspection(fields, errors)}) == RULE
    assert errors == {}
    assert reinspection_fields(None)["reinspection-amount"] == "", "an older version: no fee"


def read_fees(**changes):
    return read_fee_form({**fee_fields(FIRST), "effective": "2027-07-01", **changes}, FIRST,
                         TUESDAY, {date(2026, 7, 1)})


def test_a_supervisor_sets_the_amount_and_the_results_charged():
    saved = read_fees(**{"reinspection-amount": "$95", "reinspection-partial": "every",
                         "reinspection-corrections-required": "every",
                         "reinspection-no-access": "none"})
    assert saved.value["reinspection"] == {
        "amount": "95.00", "results": [PARTIAL, CORRECTIONS, NOT_READY], "first_free": []}
    rule = parse_schedule(saved.value).reinspection
    assert reinspection_fee(rule, failed(PARTIAL)).amount == Decimal("95.00")
    assert reinspection_fee(rule, failed(NO_ACCESS)) is None


def test_charging_no_result_and_leaving_the_amount_empty_saves_a_version_without_the_fee():
    saved = read_fees(**{"reinspection-amount": "", **{f"reinspection-{slug}": "none" for slug in (
        "partial", "corrections-required", "not-ready", "no-access")}})
    assert saved.value["reinspection"] is None
    assert parse_schedule(saved.value).reinspection is None


def test_a_bad_amount_or_choice_is_refused_beside_its_field():
    refused = read_fees(**{"reinspection-amount": "47.999", "reinspection-no-access": "maybe"})
    assert refused.errors == {
        "reinspection-no-access": "Choose whether a No access result is charged.",
        "reinspection-amount": "Enter the reinspection fee in dollars, from 0.01 to "
                               "10,000.00, like 47.00, or charge no result."}
    assert read_fees(**{"reinspection-amount": "0"}).errors == {
        "reinspection-amount": "Enter the reinspection fee in dollars, from 0.01 to "
                               "10,000.00, like 47.00, or charge no result."}


def test_a_permit_owing_a_reinspection_fee_is_told_so_and_where_to_pay():
    owed = permit_refusals("Issued", None, Decimal("47.00"), TUESDAY, (), (Decimal("47.00"),))
    assert owed == ["A reinspection fee of $47.00 is due on this permit. Pay it on the web "
                    "before requesting an inspection."]
    assert reinspection_fees_due(Decimal("94.00"), [Decimal("47.00")] * 2) == (
        "Reinspection fees of $94.00 are due on this permit. Pay them on the web before "
        "requesting an inspection.")
    assert reinspection_fees_due(Decimal("197.00"), [Decimal("47.00")]) == (
        "$197.00 in fees is due, a reinspection fee of $47.00 among them. Pay it on the web "
        "before requesting an inspection.")
    assert permit_refusals("Issued", None, Decimal("150.00"), TUESDAY, (), (Decimal("0.00"),)
                           ) == ["$150.00 in fees is due. Pay it before requesting an "
                                 "inspection."], "a waived reinspection fee is not named"


def test_the_results_e_mail_tells_the_contacts_the_fee_is_due_and_followers_nothing():
    facts = InspectionFacts("BLD2026-00042", "123 Kings Rd", "115", "Framing", TUESDAY,
                            "1234567", NOT_READY, "Gate locked",
                            reinspection_fee=Decimal("47.00"))
    contacts, followers = (inspection_notice(
        "resulted", facts, NoticeContext("West Hollywood", "https://portal.test"), public)[1]
        for public in (False, True))
    assert ("A reinspection fee of $47.00 is due before the reinspection can be requested. "
            "Pay it on the web: https://portal.test/cart?permit=BLD2026-00042") in contacts
    assert "reinspection fee" not in followers
