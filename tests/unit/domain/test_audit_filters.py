"""Reading the audit log's filters (issue 16 §5)."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from db.audit import trail
from domain.audit_filters import CHANNELS, inspection_of, read_audit_ask
from domain.outcomes import Accepted, Rejected

CITY = ZoneInfo("America/Los_Angeles")


def test_the_channels_offered_are_the_ones_the_trail_records():
    assert set(CHANNELS) == {trail.WEB, trail.STAFF, trail.COUNTER, trail.PHONE, trail.OFFLINE,
                             trail.SYSTEM}


def test_days_are_the_citys_from_midnight_to_midnight_across_a_clock_change():
    asked = read_audit_ask({"from": "2026-11-01", "to": "2026-11-01"}, CITY)
    assert isinstance(asked, Accepted)
    # 1 November 2026 is 25 hours long in Los Angeles (PDT to PST).
    assert asked.value.starts == datetime(2026, 11, 1, 7, tzinfo=timezone.utc)
    assert asked.value.ends == datetime(2026, 11, 2, 8, tzinfo=timezone.utc)


def test_about_is_a_permit_however_written_else_a_subject_as_the_log_names_it():
    for typed in ("BLD-2026-00042", "bld202600042", "BLD 2026 42"):
        asked = read_audit_ask({"about": typed}, CITY).value
        assert (asked.permit_number, asked.subject) == ("BLD2026-00042", None)
    asked = read_audit_ask({"about": "  account   17 "}, CITY).value
    assert (asked.permit_number, asked.subject) == (None, "account 17")
    assert read_audit_ask({"about": "BLD2026"}, CITY).value.subject == "BLD2026"  # a prefix


def test_who_is_an_e_mail_in_any_case_or_a_name_as_written():
    assert read_audit_ask({"who": " Ana@Example.COM "}, CITY).value.who == "ana@example.com"
    assert read_audit_ask({"who": "system"}, CITY).value.who == "system"


def test_each_unreadable_filter_is_refused_with_all_the_others():
    refused = read_audit_ask({"channel": "fax", "from": "x", "to": "2026-01-01",
                              "kind": "all"}, CITY)
    assert isinstance(refused, Rejected) and set(refused.errors) == {"channel", "from", "kind"}


def test_an_inspection_subject_names_its_inspection():
    assert inspection_of("inspection 12") == 12
    assert inspection_of("inspection 12 of x") is None
    assert inspection_of("inspection ١٢") is None
    assert inspection_of("account 12") is None
