"""An inspector's own order of a day's stops (issue 17 §3): only the day's own stops, stops added
later after the ordered ones, one place up or down, and whatever a phone sends read safely."""
from types import SimpleNamespace

from hypothesis import given, strategies as st

from domain.route_order import (
    DOWN, MOST_STOPS, UP, arranged, in_order, kept_to, moved, sent_ids, stored_ids
)

DAY = [11, 12, 13, 14]  # the day's stops in driving order


def test_the_saved_order_comes_first_and_stops_added_later_follow_in_driving_order():
    assert in_order([13, 11], DAY) == [13, 11, 12, 14]
    assert in_order([], DAY) == DAY, "never ordered: the driving order"
    assert in_order([14, 13, 12, 11], DAY) == [14, 13, 12, 11]


def test_stops_no_longer_on_the_day_and_other_inspectors_ids_are_ignored():
    # 99: another inspector's stop; 12 appears twice; 11 was reassigned away since.
    assert in_order([99, 12, 13, 12], [12, 13, 14]) == [12, 13, 14]
    assert kept_to([99, 14, 7, 11], DAY) == [14, 11]


def test_a_stop_moves_one_place_and_stays_put_at_either_end():
    assert moved(DAY, 13, UP) == [11, 13, 12, 14]
    assert moved(DAY, 13, DOWN) == [11, 12, 14, 13]
    assert moved(DAY, 11, UP) == DAY, "already first"
    assert moved(DAY, 14, DOWN) == DAY, "already last"
    assert moved(DAY, 99, UP) == DAY, "not on the route"
    assert moved(DAY, None, UP) == DAY
    assert moved(DAY, 12, "sideways") == DAY


def test_the_route_is_shown_in_the_inspectors_order():
    stops = [SimpleNamespace(id=i) for i in DAY]
    assert [s.id for s in arranged(stops, [14, 12])] == [14, 12, 11, 13]


def test_what_a_phone_sends_is_read_as_ids_and_nothing_else():
    assert sent_ids("14, 12,11") == [14, 12, 11]
    assert sent_ids("14,abc,-3,0,1.5,１２,12,14,<b>") == [14, 12], "not ids, or repeated"
    assert sent_ids("") == [] and sent_ids(",,,") == []
    assert sent_ids("9" * 5000) == [], "a number too large for an id"
    assert sent_ids("1,000") == [1], "each piece alone: never read as one thousand"


def test_a_huge_list_is_cut_to_the_most_a_day_can_hold():
    assert sent_ids(",".join(str(i) for i in range(1, 100_001))) == list(range(1, MOST_STOPS + 1))


def test_an_unreadable_stored_order_is_no_order():
    assert stored_ids("[14, 12]") == [14, 12]
    assert stored_ids("") == [] and stored_ids("{}") == [] and stored_ids("nonsense") == []
    assert stored_ids('[14, "12", true, null, -1, 1.5, 14]') == [14]


@given(st.lists(st.integers(min_value=-5, max_value=40)), st.lists(
    st.integers(min_value=1, max_value=40), unique=True))
def test_the_merged_order_holds_each_of_the_days_stops_exactly_once(saved, day_ids):
    merged = in_order(saved, day_ids)
    assert sorted(merged) == sorted(day_ids)


@given(st.text(max_size=400))
def test_any_text_sent_reads_as_a_list_of_ids_without_error(text):
    ids = sent_ids(text)
    assert len(ids) == len(set(ids)) <= MOST_STOPS and all(i >= 1 for i in ids)


def test_an_order_nested_a_thousand_deep_is_no_order():
    assert stored_ids("[" * 1000 + "]" * 1000) == []
