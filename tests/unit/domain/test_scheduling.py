"""Available inspection dates follow the city's calendar, cut-off, lead, horizon and capacity."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.scheduling import (
    BusinessCalendar, DistrictDays, SchedulingPolicy, available_dates, bookable_dates,
    counting_day, earliest_date, may_still_change, parse_policy, policy_on, units_in_log,
)

LA = ZoneInfo("America/Los_Angeles")
# 2026's US and California public holidays near the dates below, written out by hand.
THANKSGIVING, DAY_AFTER = date(2026, 11, 26), date(2026, 11, 27)
CHRISTMAS, NEW_YEAR = date(2026, 12, 25), date(2027, 1, 1)
CALENDAR = BusinessCalendar(frozenset({THANKSGIVING, DAY_AFTER, CHRISTMAS, NEW_YEAR}))
POLICY = SchedulingPolicy(
    effective=date(2026, 1, 1), timezone="America/Los_Angeles", request_cutoff=time(15, 0),
    lead_business_days=1, horizon_days=14, default_capacity=10,
    district_capacity=(("West", 4),), cancel_cutoff=time(7, 0),
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment on the city's wall clock, as the server's UTC clock reports it."""
    return datetime.combine(day, time(hour, minute), tzinfo=LA).astimezone(timezone.utc)


def test_a_request_before_the_cutoff_is_for_the_next_business_day():
    assert earliest_date(at(date(2026, 12, 1), 14, 59), POLICY, CALENDAR) == date(2026, 12, 2)


def test_a_request_at_or_after_the_cutoff_is_for_the_day_after():
    assert earliest_date(at(date(2026, 12, 1), 15, 0), POLICY, CALENDAR) == date(2026, 12, 3)


def test_friday_afternoon_and_the_weekend_count_from_monday():
    friday = date(2026, 12, 4)
    assert earliest_date(at(friday, 10), POLICY, CALENDAR) == date(2026, 12, 7)
    assert earliest_date(at(friday, 16), POLICY, CALENDAR) == date(2026, 12, 8)
    assert earliest_date(at(date(2026, 12, 5), 9), POLICY, CALENDAR) == date(2026, 12, 8)


def test_thanksgiving_weekend_skips_both_holidays():
    # Wednesday after the cut-off counts on Monday: Thursday and Friday are holidays.
    assert counting_day(at(date(2026, 11, 25), 16), POLICY, CALENDAR) == date(2026, 11, 30)
    assert earliest_date(at(date(2026, 11, 25), 9), POLICY, CALENDAR) == date(2026, 11, 30)
    assert earliest_date(at(DAY_AFTER, 9), POLICY, CALENDAR) == date(2026, 12, 1)


def test_a_two_business_day_lead_skips_holidays_too():
    two_days = SchedulingPolicy(**{**POLICY.__dict__, "lead_business_days": 2})
    assert earliest_date(at(date(2026, 12, 23), 9), two_days, CALENDAR) == date(2026, 12, 28)


def test_the_cutoff_is_local_time_on_the_day_daylight_saving_starts():
    spring = date(2026, 3, 8)  # a Sunday; Monday the 9th is the first business day after
    monday = date(2026, 3, 9)
    assert earliest_date(at(monday, 14, 59), POLICY, CALENDAR) == date(2026, 3, 10)
    assert earliest_date(at(monday, 15, 0), POLICY, CALENDAR) == date(2026, 3, 11)
    # 22:59 UTC is 14:59 PST on the Friday before, and 15:59 PDT on the Monday after.
    assert at(date(2026, 3, 6), 14, 59).hour == 22 and at(monday, 15, 59).hour == 22
    assert counting_day(at(spring, 12), POLICY, CALENDAR) == monday


def test_the_cutoff_is_local_time_on_the_day_daylight_saving_ends():
    fall = date(2026, 11, 1)  # a Sunday; the city's business day falls on a weekday below
    late = BusinessCalendar(frozenset())
    weekday_policy = SchedulingPolicy(**{**POLICY.__dict__, "request_cutoff": time(1, 30)})
    # 01:15 happens twice that night; both are before a 01:30 cut-off of that day.
    first = datetime(2026, 11, 1, 8, 15, tzinfo=timezone.utc)  # 01:15 PDT
    second = datetime(2026, 11, 1, 9, 15, tzinfo=timezone.utc)  # 01:15 PST
    for moment in (first, second):
        assert moment.astimezone(LA).time() == time(1, 15)
    assert counting_day(first, weekday_policy, late) == date(2026, 11, 2)  # Sunday → Monday
    tuesday = date(2026, 11, 3)
    assert earliest_date(at(tuesday, 14, 59), POLICY, late) == date(2026, 11, 4)
    assert counting_day(at(fall, 16), POLICY, late) == date(2026, 11, 2)
    # The same UTC instant, 22:30, is 15:30 PDT on the Friday before (after the cut-off)
    # and 14:30 PST on the Monday after (before it).
    assert counting_day(datetime(2026, 10, 30, 22, 30, tzinfo=timezone.utc), POLICY, late) \
        == date(2026, 11, 2)
    assert counting_day(datetime(2026, 11, 2, 22, 30, tzinfo=timezone.utc), POLICY, late) \
        == date(2026, 11, 2)


def test_dates_run_through_the_horizon_on_business_days_only():
    days = bookable_dates(at(date(2026, 12, 14), 9), POLICY, CALENDAR)
    assert days[0] == date(2026, 12, 15)
    assert days[-1] == date(2026, 12, 28)  # 14 days after the 14th
    assert CHRISTMAS not in days
    assert all(d.weekday() < 5 for d in days)


def test_a_full_day_is_not_offered_and_the_next_dates_are():
    now = at(date(2026, 12, 1), 9)
    booked = DistrictDays(booked={date(2026, 12, 2): 4, date(2026, 12, 3): 3})
    options = available_dates(now, POLICY, CALENDAR, "West", 1, booked)
    assert [o.day for o in options[:2]] == [date(2026, 12, 3), date(2026, 12, 4)]
    assert options[0].remaining == 1


def test_a_final_needing_two_units_skips_a_day_with_one_left():
    now = at(date(2026, 12, 1), 9)
    booked = DistrictDays(booked={date(2026, 12, 2): 3})
    assert available_dates(now, POLICY, CALENDAR, "West", 2, booked)[0].day == date(2026, 12, 3)
    assert available_dates(now, POLICY, CALENDAR, "West", 1, booked)[0].day == date(2026, 12, 2)


def test_staff_can_block_a_day_or_give_it_more_capacity():
    now = at(date(2026, 12, 1), 9)
    days = DistrictDays(booked={date(2026, 12, 3): 4},
                        capacity={date(2026, 12, 2): 0, date(2026, 12, 3): 6})
    options = available_dates(now, POLICY, CALENDAR, "West", 1, days)
    assert options[0] == type(options[0])(date(2026, 12, 3), 2)


def test_districts_without_their_own_capacity_use_the_default():
    now = at(date(2026, 12, 1), 9)
    assert available_dates(now, POLICY, CALENDAR, "East", 1, DistrictDays())[0].remaining == 10


def test_rescheduling_does_not_offer_the_date_already_held():
    now = at(date(2026, 12, 1), 9)
    options = available_dates(now, POLICY, CALENDAR, "East", 1, DistrictDays(),
                              exclude=date(2026, 12, 2))
    assert date(2026, 12, 2) not in [o.day for o in options]


def test_an_inspection_can_change_until_the_cutoff_on_its_day():
    day = date(2026, 12, 2)
    assert may_still_change(day, at(day, 6, 59), POLICY)
    assert not may_still_change(day, at(day, 7, 0), POLICY)
    assert may_still_change(day, at(date(2026, 12, 1), 23), POLICY)
    assert not may_still_change(None, at(day, 1), POLICY)


def test_the_cancel_cutoff_is_local_on_a_daylight_saving_day():
    day = date(2026, 3, 8)
    assert may_still_change(day, datetime(2026, 3, 8, 13, 59, tzinfo=timezone.utc), POLICY)
    assert not may_still_change(day, datetime(2026, 3, 8, 14, 0, tzinfo=timezone.utc), POLICY)


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31),
                    timezones=st.just(timezone.utc)))
def test_every_offered_date_is_a_future_business_day_within_the_horizon(now):
    local_today = now.astimezone(LA).date()
    days = bookable_dates(now, POLICY, CALENDAR)
    assert days, "a 14-day horizon always holds a business day"
    for day in days:
        assert CALENDAR.is_business_day(day)
        assert local_today < day <= local_today + timedelta(days=14)


def test_a_policy_reads_from_its_json_form_and_the_latest_in_force_applies():
    data = {"effective": "2026-07-01", "timezone": "America/Los_Angeles",
            "request_cutoff": "15:00", "lead_business_days": 1, "horizon_days": 14,
            "default_capacity": 12, "district_capacity": {"West": 10},
            "cancel_cutoff": "07:00", "closures": ["2026-12-24"],
            "open_on_holidays": ["Susan B. Anthony Day"]}
    newer = parse_policy(data)
    assert newer.capacity_of("West") == 10 and newer.capacity_of("East") == 12
    assert newer.closures == frozenset({date(2026, 12, 24)})
    assert policy_on((POLICY, newer), date(2026, 6, 30)) is POLICY
    assert policy_on((POLICY, newer), date(2026, 7, 1)) is newer
    with pytest.raises(LookupError):
        policy_on((newer,), date(2026, 1, 1))


def test_a_policy_with_an_unknown_timezone_or_negative_capacity_is_refused():
    base = {"effective": "2026-07-01", "timezone": "America/Los_Angeles",
            "request_cutoff": "15:00", "lead_business_days": 1, "horizon_days": 14,
            "default_capacity": 12, "cancel_cutoff": "07:00"}
    with pytest.raises(ZoneInfoNotFoundError):
        parse_policy({**base, "timezone": "Mars/Olympus"})
    with pytest.raises(ValueError):
        parse_policy({**base, "default_capacity": -1})


def test_the_audit_log_says_a_day_s_units_as_a_number_blocked_or_the_policy_s():
    assert [units_in_log(u) for u in (12, 0, None)] == ["12", "blocked", "the policy's"]
