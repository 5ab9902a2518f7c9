"""Inspection checklists (issue 17 §2): the first version on file, a version's rules, the result
a checklist gives, the inspector's marks and override, the corrections library's search, and
the supervisor's lines "CODE | text"."""
from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.checklist_edits import (
    CHECKLIST_TEXT_LIMIT, LIBRARY_TEXT_LIMIT, checklist_fields, lines_of, read_checklist_form,
    read_lines
)
from domain.checklist_entries import (
    checked_of, checklist_in_audit, checklist_json, corrections_of, form_context
)
from domain.checklists import (
    CODE_LIMIT, FAILED, GENERIC, MAX_ITEMS, NOT_APPLICABLE, PASSED, TEXT_LIMIT, CheckedItem, Item,
    book_of, checklists_body, corrections, derived_result, library_groups, parse_checklists, search,
    with_ids
)
from domain.inspection_results import check_result, entry_of
from domain.inspection_types import APPROVED, CORRECTIONS, NOT_READY
from domain.notifications import InspectionFacts, NoticeContext, inspection_notice
from domain.outcomes import Accepted, Rejected

FIRST = Path(__file__).resolve().parents[3] / "db" / "rules" / "inspection_checklists" / \
    "2026-07-01.json"
BOOK = parse_checklists(json.loads(FIRST.read_text()))
FINAL = BOOK.of("199")  # CRC R314 smoke alarms first
TODAY = date(2026, 12, 1)


def marks(*states: str, **words: str) -> dict[str, str]:
    """The Building Final's form with its first items marked ``states``; ``words`` by index."""
    form = {f"item-{item.id}": state for item, state in zip(FINAL, states) if state}
    form.update({f"item-{FINAL[int(i[1:])].id}-words": w for i, w in words.items()})
    return form


def test_every_type_of_the_first_catalog_has_its_own_checklist_of_real_code_sections():
    for kind in FIRST_CATALOG.types:
        items = BOOK.checklists.get(kind.code)
        assert items and 3 <= len(items) <= 8, kind.code
        assert all(len(i.code) <= CODE_LIMIT and len(i.text) <= TEXT_LIMIT for i in items)
        assert all(book_of(i.code) != "Other references" for i in items), kind.code
    assert BOOK.of("150") == BOOK.checklists[GENERIC], "a type without its own: the generic"
    assert [i.code for i in FINAL[:2]] == ["CRC R314", "CRC R315"]
    assert 40 <= len(BOOK.library) <= 80
    assert parse_checklists(checklists_body(BOOK)) == BOOK


def test_a_version_with_a_bad_item_is_refused_with_what_is_wrong():
    body = checklists_body(BOOK)
    twice = {**body, "checklists": {"145": [{"id": "a", "code": "CRC R314", "text": "x"}] * 2}}
    with pytest.raises(ValueError, match="used twice"):
        parse_checklists(twice)
    long_code = {**body, "library": [{"id": "a", "code": "C" * 41, "text": "x"}]}
    with pytest.raises(ValueError, match="40 characters"):
        parse_checklists(long_code)
    long_text = {**body, "library": [{"id": "a", "code": "CRC R314", "text": "x" * 201}]}
    with pytest.raises(ValueError, match="200 characters"):
        parse_checklists(long_text)
    for bad_id in ("A B", "x-words", ""):
        with pytest.raises(ValueError, match="not an item id"):
            parse_checklists({**body, "library": [{"id": bad_id, "code": "C", "text": "x"}]})
    with pytest.raises(ValueError, match="not an inspection type code"):
        parse_checklists({**body, "checklists": {"14": []}})


def test_ids_come_from_the_code_sections_and_stay_unique():
    items = with_ids([("CRC R314", "a"), ("CRC R314", "b"), ("CRC R314 2", "c"),
                      ("CEC 210.8(A)", "d"), ("Smoke words", "e")])
    assert [i.id for i in items] == ["crc-r314", "crc-r314-2", "crc-r314-2-2", "cec-210-8-a",
                                     "smoke-words-item"]


def test_the_checklist_gives_the_result_or_leaves_it_to_the_inspector():
    assert derived_result([PASSED, FAILED, None]) == CORRECTIONS
    assert derived_result([PASSED, NOT_APPLICABLE, PASSED]) == APPROVED
    assert derived_result([NOT_APPLICABLE, NOT_APPLICABLE]) is None, "nothing passed"
    assert derived_result([PASSED, None]) is None, "an item not marked"
    assert derived_result([None, None]) is None and derived_result([]) is None


def test_two_failed_items_are_two_corrections_with_their_code_sections_and_words():
    form = {**marks(FAILED, FAILED, PASSED, *[NOT_APPLICABLE] * 5,
                    i0="Missing in bedroom 2.", i1="  None\tin the hallway  "),
            "item-not-on-the-list": FAILED}
    entry = check_result(form, FINAL)
    assert isinstance(entry, Accepted), "no notes needed: the corrections say what to correct"
    assert entry.value.result == CORRECTIONS and entry.value.override_reason == ""
    assert len(entry.value.checklist) == 8
    assert corrections(entry.value.checklist) == (
        "CRC R314 — Smoke alarms: in each sleeping room, outside each sleeping area and on "
        "every story, interconnected. Missing in bedroom 2.",
        "CRC R315 — Carbon monoxide alarms: outside each sleeping area and on every story. "
        "None in the hallway")
    stored = checklist_json(entry.value.checklist)
    assert corrections_of(stored) == corrections(entry.value.checklist)
    assert checklist_in_audit(entry.value.checklist, "") == {
        "failed items": "2: CRC R314, CRC R315"}
    # A result kept for a supervisor is stored as JSON and rebuilt from it.
    assert entry_of(json.loads(json.dumps(asdict(entry.value)))) == entry.value
    assert entry_of({"result": "Approved", "public_notes": "", "private_notes": "",
                     "reinspection": False}).checklist == (), "kept before checklists"


def test_another_result_than_the_checklists_needs_a_reason():
    failed = marks(FAILED, *[PASSED] * 7)
    refused = check_result({**failed, "result": APPROVED, "override_reason": " \u200b "}, FINAL)
    assert isinstance(refused, Rejected)
    assert refused.errors == {"override_reason": (
        "The checklist gives “Corrections required”. To record “Approved” instead, say why "
        "in Override the derived result.")}
    kept = check_result({**failed, "result": APPROVED,
                         "override_reason": "Alarm fitted while I was on site"}, FINAL)
    assert kept.value.result == APPROVED
    assert kept.value.override_reason == "Alarm fitted while I was on site"
    assert checklist_in_audit(kept.value.checklist, kept.value.override_reason) == {
        "failed items": "1: CRC R314", "override reason": "Alarm fitted while I was on site"}
    same = check_result({**failed, "result": CORRECTIONS, "override_reason": "no need"}, FINAL)
    assert same.value.override_reason == "", "nothing overridden, nothing to explain"
    picked = check_result({"result": NOT_READY, "public_notes": "Not framed yet"}, FINAL)
    assert picked.value.result == NOT_READY and picked.value.checklist == ()
    assert check_result({}, FINAL).errors == {"result": "Choose the result."}
    too_long = check_result({**failed, "result": APPROVED, "override_reason": "x" * 301}, FINAL)
    assert too_long.errors["override_reason"] == "Keep the reason to 300 characters; it has 301."


def test_hostile_marks_and_words_are_refused_beside_their_item():
    first, second = (f"item-{FINAL[i].id}" for i in (0, 1))
    refused = check_result({first: "<script>", f"{second}-words": "typed, not marked",
                            f"{first}-words": "w" * 201, "result": APPROVED}, FINAL)
    assert refused.errors == {
        first: "Choose Passed, Failed or N/A.",
        f"{first}-words": "Keep your words to 200 characters; these have 201.",
        second: "Mark this item Passed, Failed or N/A, or clear your words."}


def test_a_stored_checklist_that_cannot_be_read_has_no_corrections():
    for stored in ("", "not json", "[1, 2]", '{"id": 1}', "null"):
        assert corrections_of(stored) == ()
    assert checked_of([{"id": "a", "code": "C", "text": "t", "state": FAILED, "words": ""}]) == (
        CheckedItem("a", "C", "t", FAILED, ""),)


def test_the_library_is_searched_by_words_and_code_sections_ignoring_case():
    assert [i.code for i in search(BOOK.library, "SMOKE")] == ["CRC R314", "CRC R314.6"]
    assert [i.code for i in search(BOOK.library, "r314.6")] == ["CRC R314.6"]
    assert [i.code for i in search(BOOK.library, "gfci 210.8")] == ["CEC 210.8(A)"]
    assert search(BOOK.library, "smoke gfci") == ()
    assert search(BOOK.library, "  ") == BOOK.library


def test_the_library_is_grouped_by_code_book_and_section():
    groups = dict(library_groups(BOOK.library))
    assert list(groups)[:2] == ["California Residential Code (CRC)",
                                "California Electrical Code (CEC)"]
    residential = [i.code for i in groups["California Residential Code (CRC)"]]
    assert residential.index("CRC R302.5.1") < residential.index("CRC R302.6") < \
        residential.index("CRC R314") < residential.index("CRC R403.1.3")
    assert sum(len(entries) for entries in groups.values()) == len(BOOK.library)


def test_the_stop_shows_its_types_checklist_and_the_result_its_marks_give():
    context = form_context(BOOK, "199", marks(FAILED))
    assert [name for _, name in context["checklist"]][:2] == ["item-crc-r314", "item-crc-r315"]
    assert context["derived"] == CORRECTIONS and context["library_size"] == len(BOOK.library)


def test_the_corrections_go_to_the_contacts_e_mail_but_not_to_followers():
    facts = InspectionFacts("BLD2026-00042", "123 Kings Rd", "199", "Building Final",
                            date(2026, 12, 2), "1234", CORRECTIONS,
                            corrections=("CRC R314 — Smoke alarms. Missing in bedroom 2.",
                                         "CRC R315 — CO alarms."))
    context = NoticeContext("West Hollywood", "https://portal.test")
    _, body = inspection_notice("resulted", facts, context)
    assert ("Corrections:\n- CRC R314 — Smoke alarms. Missing in bedroom 2.\n"
            "- CRC R315 — CO alarms.") in body
    _, public = inspection_notice("resulted", facts, context, public=True)
    assert "CRC R314" not in public


def test_a_supervisors_lines_are_read_with_the_line_of_each_problem():
    fields = checklist_fields(BOOK, [t.code for t in FIRST_CATALOG.types])
    assert fields["checklist-199"].splitlines()[0].startswith("CRC R314 | Smoke alarms")
    form = {**fields, "effective": "2026-12-02",
            "checklist-145": "CRC R905.1.1 | Underlayment lapped\n\nno bar here\n | no code\n"
                             f"{'C' * 41} | long code",
            "library": "CRC R314 | Install smoke alarms\nCRC R315 |"}
    refused = read_checklist_form(form, [t.code for t in FIRST_CATALOG.types], TODAY, ())
    assert refused.errors == {
        "checklist-145": ("Line 3: write the code section, a bar and the text, like “CRC R314 "
                          "| Smoke alarms in each sleeping room”; line 4: the code section is "
                          "missing; line 5: keep the code section to 40 characters; it has "
                          "41."),
        "library": "Line 2: the text is missing."}
    saved = read_checklist_form({**fields, "effective": "2026-12-02", "checklist-145": "",
                                 "checklist-100": "CRC R106.2 | Staked\r\nCRC R106.2 | Pins"},
                                [t.code for t in FIRST_CATALOG.types], TODAY, ())
    book = parse_checklists(saved.value)
    assert book.effective == date(2026, 12, 2) and "145" not in book.checklists
    assert book.of("145") == BOOK.checklists[GENERIC]
    assert [i.id for i in book.checklists["100"]] == ["crc-r106-2", "crc-r106-2-2"]
    assert book.library == BOOK.library and book.checklists["199"] == FINAL


def test_what_nobody_can_see_in_a_pasted_line_is_not_kept():
    """Reread: control and invisible characters pasted into a line reached the stop's form."""
    fields = checklist_fields(BOOK, [t.code for t in FIRST_CATALOG.types])
    saved = read_checklist_form({**fields, "effective": "2026-12-02",
                                 "checklist-100": "CRC\u200b R106.2\x07 | Staked\u202e out\t"},
                                [t.code for t in FIRST_CATALOG.types], TODAY, ())
    [item] = parse_checklists(saved.value).checklists["100"]
    assert (item.code, item.text) == ("CRC R106.2", "Staked out")


def test_a_box_over_its_limit_or_with_too_many_lines_is_refused():
    assert read_lines("x" * (CHECKLIST_TEXT_LIMIT + 1), "a checklist", MAX_ITEMS,
                      CHECKLIST_TEXT_LIMIT)[1] == (
        "Keep a checklist to 3,920 characters; it has 3,921.")
    many = "\n".join(f"CRC R{n} | item" for n in range(MAX_ITEMS + 1))
    assert read_lines(many, "a checklist", MAX_ITEMS, CHECKLIST_TEXT_LIMIT)[1] == (
        "Keep a checklist to 16 lines; it has 17.")
    assert len(lines_of(BOOK.library)) < LIBRARY_TEXT_LIMIT
    past = read_checklist_form({"effective": "2026-12-01"}, [], TODAY, ())
    assert "effective" in past.errors


_LINE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(st.lists(_LINE, max_size=20))
def test_any_typed_lines_are_read_or_refused_and_what_is_read_reads_back_the_same(lines):
    items, problem = read_lines("\n".join(lines), "a checklist", MAX_ITEMS, CHECKLIST_TEXT_LIMIT)
    if problem is None:
        assert read_lines(lines_of(items), "a checklist", MAX_ITEMS,
                          CHECKLIST_TEXT_LIMIT) == (items, None)
        assert all(isinstance(i, Item) and i.code and i.text for i in items)
        again = {i.id for i in items}
        assert len(again) == len(items)
        assert replace(BOOK, checklists={"145": items}).of("145") == items or not items
