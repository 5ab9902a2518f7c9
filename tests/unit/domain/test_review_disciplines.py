"""Plan review by discipline: who reviews, when it is due, and what a round adds up to."""
from __future__ import annotations

from datetime import date, timedelta

from domain import review_disciplines as rd
from domain.scheduling import BusinessCalendar


def review(discipline, decision="", comment="", reviewer=None, number=1):
    return rd.Assignment(number, discipline, reviewer, "", 1, date(2027, 1, 7), decision,
                         comment)


def test_the_work_decides_the_disciplines():
    assert rd.disciplines_for("Residential Remodel") == ("building", "planning")
    assert "fire" in rd.disciplines_for("Commercial Tenant Improvement")
    assert rd.disciplines_for("Something new") == ("building",)
    assert rd.check_discipline("fire", ["building"]).value == "fire"
    assert "already reviews" in rd.check_discipline("building", ["building"]).errors[
        "discipline"]
    assert rd.check_discipline("<b>", []).errors == {"discipline": rd.CHOOSE_DISCIPLINE}


def test_a_round_ends_when_every_discipline_has_decided():
    assert rd.round_outcome([]) is None
    assert rd.round_outcome([review("building", "corrections"), review("planning")]) is None
    assert rd.round_outcome([review("building", "approved"),
                             review("planning", "approved")]) == rd.APPROVED
    decided = [review("building", "corrections", "A2: egress", reviewer=7),
               review("planning", "approved", "Setbacks fine"),
               review("fire", "corrections", "Sprinklers")]
    assert rd.round_outcome(decided) == rd.CORRECTIONS
    assert rd.combined_comments(decided, rd.CORRECTIONS) == (
        "Building:\nA2: egress\n\nFire:\nSprinklers")
    assert rd.next_round(decided) == [("building", 7), ("fire", None)]


def test_workload_groups_by_business_days():
    calendar = BusinessCalendar(frozenset({date(2026, 12, 25)}))
    today = date(2026, 12, 23)  # a Wednesday; Christmas closed
    assert rd.workload_group(today - timedelta(days=1), today, calendar) == "overdue"
    assert rd.workload_group(today, today, calendar) == "soon"
    assert rd.workload_group(date(2026, 12, 28), today, calendar) == "soon"
    assert rd.workload_group(date(2026, 12, 29), today, calendar) == "later"
