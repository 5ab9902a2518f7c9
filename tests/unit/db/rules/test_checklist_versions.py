"""The checklists as a rule set (issue 17 §2): a saved version is in force from its date, and its
audit event names each changed item by its id (a checklist's items share code sections)."""
from __future__ import annotations

from datetime import date

from db.rules import rule_book
from db.rules.inspection_checklists import checklist_of, checklists_on
from domain.checklists import checklists_body
from domain.outcomes import Accepted
from domain.rule_edits import CHECKLISTS
from tests.unit.db.rules import test_rule_book
from tests.unit.db.rules.test_rule_book import LATER, TODAY, events

book = test_rule_book.book  # the fixture: the rule book, what a test saved gone afterwards


async def test_a_changed_item_takes_effect_on_its_date_and_the_audit_says_which(book):
    first = checklists_on(TODAY)
    body = checklists_body(first)
    body["checklists"]["145"][1] = {**body["checklists"]["145"][1],
                                    "text": "Sheathing replaced where soft"}
    saved = await rule_book.save(book, CHECKLISTS, body, LATER, TODAY)
    assert isinstance(saved, Accepted)
    assert checklist_of("145", date(2031, 8, 31)) == first.of("145")
    assert checklist_of("145", LATER)[1].text == "Sheathing replaced where soft"
    assert checklist_of("145", LATER)[0] == first.of("145")[0]
    [event] = await events("rules: checklists 2031-09-01")
    assert event["before"] == ("checklists 145 crc-r908-3-2 text: Damaged or deteriorated "
                               "sheathing replaced before the underlayment")
    assert event["after"] == "checklists 145 crc-r908-3-2 text: Sheathing replaced where soft"


async def test_an_inspection_before_the_first_version_gets_the_first(book):
    assert checklists_on(date(2020, 1, 7)) == checklists_on(date(2026, 7, 1))
    assert checklist_of("145", date(2020, 1, 7))[0].code == "CRC R908.3"
