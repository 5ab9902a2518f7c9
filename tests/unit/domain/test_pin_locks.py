"""Phone line PIN lockouts per calling number and company, and what staff see of them."""
from datetime import datetime, timedelta, timezone

from domain.pin_locks import (
    PER_CALLER, PER_COMPANY, PER_NUMBER, PinLock, calling_number, company_of, current_locks,
    parse_key, pin_keys, subject_of,
)

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)


def test_a_wrong_pin_counts_against_the_number_and_company_the_number_and_the_company():
    keys = pin_keys(company_of("1012345", "BLD2026-00042"), "+1 (323) 555-0188", False)
    assert keys == {"ivr-pin:license:1012345:from:+13235550188": PER_CALLER,
                    "ivr-pin:from:+13235550188": PER_NUMBER,
                    "ivr-pin:license:1012345": PER_COMPANY}
    assert company_of(None, "BLD2026-00042") == "permit:BLD2026-00042"
    assert calling_number("") == "unknown" and calling_number("Anonymous") == "anonymous"
    assert calling_number("+1 (323) 555-0188") == calling_number("+13235550188")
    assert calling_number("sip:" + "9" * 80) == "9" * 20


def test_keys_read_back_as_company_and_number_and_other_keys_are_not_pin_locks():
    assert parse_key("ivr-pin:license:1012345:from:+13235550188") == (
        "license:1012345", "+13235550188", PER_CALLER, False)
    assert parse_key("ivr-pin:from:+13235550188") == (None, "+13235550188", PER_NUMBER, False)
    assert parse_key("ivr-pin:permit:BLD2026-00042") == ("permit:BLD2026-00042", None,
                                                         PER_COMPANY, False)
    assert parse_key("ivr-pin:license:1012345:on-file") == ("license:1012345", None,
                                                            PER_COMPANY, True)
    assert parse_key("account:ana@example.com") is None
    assert parse_key("ivr-pin:something-else") is None
    assert parse_key("ivr-pin:something:on-file") is None


def test_five_wrong_pins_lock_a_number_out_of_a_company_and_fifty_lock_the_company():
    minutes = [NOW - timedelta(minutes=m) for m in range(5)]
    failures = {"ivr-pin:license:1012345:from:+13105550123": minutes,
                "ivr-pin:from:+13105550123": minutes,
                "ivr-pin:license:1012345": minutes,
                "ivr-pin:license:1023456:from:+13235550188": minutes[:4],
                "account:ana@example.com": minutes}
    [lock] = current_locks(failures, NOW)
    assert (lock.license_no, lock.number, lock.failures) == ("1012345", "+13105550123", 5)
    assert lock.until == NOW + PER_CALLER.lock_for, "15 minutes after the fifth"
    day = [NOW - timedelta(minutes=20 * i) for i in range(50)]
    [company] = current_locks({"ivr-pin:permit:BLD2026-00042": day}, NOW)
    assert (company.permit_number, company.number, company.failures) == (
        "BLD2026-00042", None, 50)
    assert current_locks({"ivr-pin:permit:BLD2026-00042": day[:49]}, NOW) == []
    assert current_locks(failures, NOW + timedelta(minutes=15)) == [], "they end by themselves"


def test_the_numbers_on_file_count_against_a_company_ceiling_of_their_own():
    company = company_of("1012345", "BLD2026-00042")
    stranger = pin_keys(company, "+13105550123", on_file=False)
    own = pin_keys(company, "+13235550100", on_file=True)
    assert "ivr-pin:license:1012345" in stranger and "ivr-pin:license:1012345" not in own
    assert own["ivr-pin:license:1012345:on-file"] == PER_COMPANY
    day = [NOW - timedelta(minutes=20 * i) for i in range(50)]
    [shut] = current_locks({"ivr-pin:license:1012345": day}, NOW)
    assert (shut.license_no, shut.callers) == ("1012345", "Numbers not on file")
    [own_lock] = current_locks({"ivr-pin:license:1012345:on-file": day}, NOW)
    assert own_lock.callers == "Numbers on file"


def test_a_company_lock_lasts_its_hour_from_the_fiftieth_and_a_wrong_pin_after_renews_nothing():
    key = "ivr-pin:license:1012345"
    day = [NOW - timedelta(minutes=10 * i) for i in range(50)]  # the 50th at NOW
    [lock] = current_locks({key: day}, NOW + timedelta(minutes=59))
    assert lock.until == NOW + timedelta(hours=1)
    later = NOW + timedelta(hours=1, minutes=1)
    assert current_locks({key: day + [later]}, later) == [], "the 51st locks nothing"
    assert current_locks({key: day + [later] * 49}, later) == [], "nor the 99th"
    [again] = current_locks({key: day + [later] * 50}, later)
    assert again.until == later + timedelta(hours=1), "the 100th: another hour"


def test_a_company_counts_wrong_pins_per_fixed_day():
    key = "ivr-pin:license:1012345"
    midnight = datetime(2026, 12, 2, 0, 0, tzinfo=timezone.utc)
    evening = [midnight - timedelta(minutes=i + 1) for i in range(49)]
    assert current_locks({key: evening + [midnight]}, midnight) == [], (
        "49 yesterday and one today are two days' counts")
    [lock] = current_locks({key: evening + [midnight - timedelta(seconds=1)]}, midnight)
    assert lock.until == midnight + timedelta(minutes=59, seconds=59)


def test_the_audit_log_names_whose_pin_step_a_cleared_lock_closed_and_to_which_callers():
    def lock(company, number, on_file=False):
        return PinLock("key", company, number, 5, NOW, on_file)
    assert subject_of(lock("license:1012345", "+13235550188")) == (
        "phone line PIN: license 1012345, from +13235550188")
    assert subject_of(lock("permit:BLD2026-00042", None, on_file=True)) == (
        "phone line PIN: permit BLD2026-00042, from numbers on file")
    assert subject_of(lock("license:1012345", None)) == (
        "phone line PIN: license 1012345, from numbers not on file")
    assert subject_of(lock(None, None)) == "phone line PIN: every company, from every number"
    assert lock(None, None).callers == "Every number"
    assert lock("license:1012345", None, on_file=True).callers == "Numbers on file"
