"""Reading License Master rows and judging whether a license may pull permits."""
from datetime import date

import pytest

from db.demo.licenses import license_row
from domain.licenses import (
    CSLB_HEADER, header_problem, inspection_license_errors, normalize_classifications,
    normalize_license_no, parse_date, parse_license_row, read_license_line, standing
)
from domain.outcomes import Accepted, Rejected

TODAY = date(2026, 11, 27)


def parsed(**changes):
    row = license_row("1012345", "Acme Roofing Inc", today=TODAY, classes="C39|B")
    row.update(changes)
    outcome = parse_license_row(row)
    assert isinstance(outcome, Accepted), outcome
    return outcome.value


def test_classification_tokens_are_normalized_with_hyphens_and_kept_in_order():
    assert normalize_classifications("B|C10|C-36|asb| HAZ |C10") == ("B", "C-10", "C-36",
                                                                      "ASB", "HAZ")
    assert normalize_classifications("") == ()
    assert normalize_classifications("B2|C-61|D12") == ("B-2", "C-61", "D-12")


def test_license_numbers_are_digits_without_leading_zeros():
    assert normalize_license_no(" 0012345 ") == "12345"
    assert normalize_license_no("12A45") is None
    assert normalize_license_no("") is None
    assert normalize_license_no("0") is None


def test_dates_are_month_day_year_or_empty():
    assert parse_date("03/07/2027") == date(2027, 3, 7)
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("2027-03-07")
    with pytest.raises(ValueError):
        parse_date("13/45/2027")


def test_a_row_is_read_into_a_license_with_its_classes():
    license = parsed()
    assert license.license_no == "1012345"
    assert license.business_name == "ACME ROOFING INC"
    assert license.classifications == ("C-39", "B")
    assert license.classes == "C-39|B"
    assert license.primary_status == "CLEAR"


def test_a_bad_row_names_each_broken_column():
    row = license_row("1012345", "Acme", today=TODAY)
    row.update(LicenseNo="ABC", ExpirationDate="31/31/2026", BusinessName="",
               FullBusinessName="")
    outcome = parse_license_row(row)
    assert isinstance(outcome, Rejected)
    assert set(outcome.errors) == {"LicenseNo", "ExpirationDate", "BusinessName"}


def csv_line(values) -> str:
    return ",".join(f'"{value}"' for value in values)


def test_only_the_license_master_header_opens_a_file():
    assert header_problem(csv_line(CSLB_HEADER)) is None
    assert header_problem(csv_line(CSLB_HEADER[:-1])) == (
        "The first line is not the CSLB License Master header (52 columns, starting LicenseNo, "
        "LastUpdate).")


def test_a_line_is_read_or_refused_in_one_sentence_naming_what_is_wrong():
    row = license_row("1012345", "Acme Roofing Inc", today=TODAY)
    read = read_license_line(csv_line(row[column] for column in CSLB_HEADER))
    assert isinstance(read, Accepted) and read.value.license_no == "1012345"
    assert read_license_line('"a","b').message.startswith("unreadable quoting (")
    assert read_license_line('"1","2"').message == "2 fields instead of 52"
    row.update(LicenseNo="ABC", BusinessName="", FullBusinessName="")
    assert read_license_line(csv_line(row[column] for column in CSLB_HEADER)).message == (
        "LicenseNo: 'ABC' is not a license number; BusinessName: the business name is empty")


def test_a_clear_unexpired_insured_license_is_in_good_standing():
    assert isinstance(standing(parsed(), TODAY), Accepted)


def test_an_exempt_license_needs_no_policy():
    assert isinstance(standing(parsed(WorkersCompCoverageType="Exempt", WCPolicyNumber="",
                                      WCInsuranceCompany=""), TODAY), Accepted)


def test_a_suspended_license_is_refused_saying_in_plain_words_what_the_suspension_means():
    outcome = standing(parsed(PrimaryStatus="Work Comp Susp"), TODAY)
    assert isinstance(outcome, Rejected)
    assert outcome.errors["status"] == (
        "License 1012345 may not be used for permits now: the state has no current workers' "
        "compensation insurance or exemption on file for it. The Contractors State License "
        "Board (CSLB, 800-321-2752) can say what it needs.")


def test_an_expired_license_is_refused_with_the_date_it_expired():
    outcome = standing(parsed(ExpirationDate="10/31/2026"), TODAY)
    assert outcome.errors == {"expired": "License 1012345 expired on October 31, 2026."}
    assert isinstance(standing(parsed(ExpirationDate="11/27/2026"), TODAY), Accepted)


def test_missing_or_lapsed_workers_compensation_is_refused():
    none = standing(parsed(WorkersCompCoverageType="", WCPolicyNumber=""), TODAY)
    lapsed = standing(parsed(WCExpirationDate="11/26/2026"), TODAY)
    for outcome in (none, lapsed):
        assert "workers' compensation" in outcome.errors["workers_comp"]


def test_every_reason_is_reported_at_once():
    outcome = standing(parsed(PrimaryStatus="Contr Bond Susp", ExpirationDate="01/01/2020",
                              WorkersCompCoverageType=""), TODAY)
    assert set(outcome.errors) == {"status", "expired", "workers_comp"}


def test_an_owner_builder_needs_no_license_for_inspections():
    assert inspection_license_errors(None, None, TODAY) == []
    assert inspection_license_errors("", None, TODAY) == []


def test_a_license_missing_from_the_state_registry_gets_no_inspections():
    assert inspection_license_errors("1012345", None, TODAY) == [
        "License 1012345 is not in the state registry."]


def test_a_license_in_good_standing_gets_inspections():
    assert inspection_license_errors("1012345", parsed(), TODAY) == []


def test_each_failed_rule_of_standing_is_a_reason_against_inspections():
    errors = inspection_license_errors("1012345", parsed(ExpirationDate="10/31/2026"), TODAY)
    assert errors == ["License 1012345 expired on October 31, 2026."]
