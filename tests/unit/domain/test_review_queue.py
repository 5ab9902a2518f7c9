"""The plan review queue reads its filters and page cursor from the query string, refusing in
words a filter that is not one of its choices (issue 16 §1)."""
from datetime import date

from domain.outcomes import Accepted, Rejected
from domain.review_queue import Cursor, queue_lead, read_queue_ask, shown

TODAY = date(2026, 12, 4)


def test_filters_and_a_cursor_are_read_and_the_age_is_a_last_day():
    outcome = read_queue_ask({"type": "BLD", "status": "In Review", "age": "30",
                              "after": "2026-10-01.42"}, TODAY)
    assert isinstance(outcome, Accepted)
    ask = outcome.value
    assert (ask.permit_type, ask.status, ask.applied_before) == ("BLD", "In Review",
                                                                  date(2026, 11, 4))
    assert ask.after == Cursor(date(2026, 10, 1), 42) and ask.before is None and ask.filtered


def test_no_filter_is_the_whole_queue_from_its_first_page():
    ask = read_queue_ask({}, TODAY).value
    assert not ask.filtered and ask.after is None and ask.before is None
    assert ask.form == {"type": "", "status": "", "age": "", "discipline": "", "reviewer": ""}


def test_a_filter_that_is_not_a_choice_is_refused_beside_its_field():
    outcome = read_queue_ask({"type": "XYZ", "status": "Issued", "age": "7"}, TODAY)
    assert isinstance(outcome, Rejected)
    assert outcome.errors == {"type": "Choose a permit type from the list.",
                              "status": "Choose a status from the list.",
                              "age": "Choose how long it has waited from the list."}


def test_an_open_review_by_discipline_and_by_reviewer_or_no_one_yet():
    ask = read_queue_ask({"discipline": "fire", "reviewer": "7"}, TODAY, [7, 9]).value
    assert (ask.discipline, ask.reviewer, ask.filtered) == ("fire", 7, True)
    assert read_queue_ask({"reviewer": "none"}, TODAY).value.reviewer == "none"
    assert read_queue_ask({"discipline": "zoning", "reviewer": "8"}, TODAY, [7]).errors == {
        "discipline": "Choose a discipline from the list.",
        "reviewer": "Choose a reviewer from the list."}
    assert "reviewer" in read_queue_ask({"reviewer": "７"}, TODAY, [7]).errors


def test_a_cursor_that_is_not_one_starts_at_the_first_page():
    for text in ("", "2026-13-01.4", "2026-10-01.", "2026-10-01.0", "x.5", "2026-10-01.١٢",
                 "2026-10-01.99999999999999999999"):
        assert Cursor.read(text) is None, text
    assert str(Cursor(date(2026, 1, 2), 7)) == "2026-01-02.7"
    assert Cursor.read("2026-01-02.7") == Cursor(date(2026, 1, 2), 7)


def test_the_lead_and_the_pager_say_how_many_and_which():
    assert queue_lead(0, filtered=False) == "No application needs plan review."
    assert queue_lead(0, filtered=True) == (
        "No application waiting for plan review matches these filters.")
    assert queue_lead(1, filtered=False) == "1 application needs plan review, oldest first."
    assert queue_lead(1410, filtered=True) == (
        "1,410 applications need plan review, oldest first.")
    assert shown(51, 75, 141) == "Applications 51–75 of 141"
