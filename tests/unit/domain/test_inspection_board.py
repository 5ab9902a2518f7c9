"""The inspection board's filters and a day's handover, as asked (issue 16 §3)."""
from __future__ import annotations

from domain.inspection_board import (
    CHOOSE_FROM, CHOOSE_TO, NOBODY, NOT_A_DISTRICT, NOT_AN_INSPECTOR, SAME_INSPECTOR, BoardAsk,
    check_handover, handed_over, read_board_ask
)
from domain.outcomes import Accepted, Rejected


def test_filters_on_the_lists_are_taken_and_others_dropped_with_a_message():
    assert read_board_ask({}, [7], ["D1"]) == (BoardAsk(), {})
    assert read_board_ask({"inspector": "7", "district": "D1"}, [7], ["D1"]) == (
        BoardAsk(7, "D1"), {})
    assert read_board_ask({"inspector": "none"}, [7], ["D1"]) == (BoardAsk(NOBODY), {})
    assert read_board_ask({"inspector": "8", "district": "D9"}, [7], ["D1"]) == (
        BoardAsk(), {"inspector": NOT_AN_INSPECTOR, "district": NOT_A_DISTRICT})
    for hostile in ("-1", "1e3", "0x7", "99999999999999999999"):
        assert read_board_ask({"inspector": hostile}, [7], [])[0] == BoardAsk()


def test_a_handover_names_an_inspector_and_another_to_take_the_day():
    assert check_handover({"from": "7", "to": "8"}) == Accepted((7, 8))
    assert check_handover({"from": "x", "to": ""}) == Rejected(
        {"from": CHOOSE_FROM, "to": CHOOSE_TO})
    assert check_handover({"from": "7", "to": "7"}) == Rejected({"to": SAME_INSPECTOR})


def test_the_message_after_a_handover():
    assert handed_over("Ana", "Ben", 5, 0) == ("Ben now has 5 inspections scheduled on this "
                                               "day; Ana has 0 still scheduled.")
    assert handed_over("Ana", "Ben", 1, 2).startswith("Ben now has 1 inspection scheduled")
