"""Supervisors edit the inspection checklists and the corrections library with effective dates
(issue 17 §2); the stops of that day and later show the new version, earlier ones keep theirs."""
from __future__ import annotations

from db.engines import fetch_rows
from db.rules import rule_book
from domain.accounts import Role
from domain.checklist_edits import CHECKLIST_TEXT_LIMIT
from domain.rule_edits import CHECKLISTS
from tests.unit.web.inspection_journeys import on_inspection_day
from tests.unit.web.inspector.test_inspector import booked_inspection, result_form, signed_in_as
from tests.unit.web.journeys import csrf, verified_contractor
from tests.unit.web.staff import test_rules
from tests.unit.web.staff.test_rules import FIRST, new_version, supervisor

rules = test_rules.rules  # the fixture: Tuesday 1 December 2026, versions saved withdrawn after

PAGE = "/staff/rules/checklists"


def stop_items(client, inspection_id: int) -> list[str]:
    context = client.get(f"/inspector/inspections/{inspection_id}").context
    return [item.code for item, _ in context["checklist"]]


def test_a_version_effective_tomorrow_gives_tomorrows_stops_the_new_checklist(rules):
    _, inspection_id, _ = booked_inspection(rules)  # 145, on Wednesday 2 December
    inspector, _ = signed_in_as(rules, Role.INSPECTOR, "Rosa Delgado")
    assert stop_items(inspector, inspection_id)[0] == "CRC R908.3"
    boss = supervisor(rules)
    page = boss.get(PAGE)
    assert page.template.name == "staff/rules_checklists.html"
    assert "CRC R314" in page.text and "Corrections library" in page.text
    assert page.context["values"]["checklist-145"].startswith("CRC R908.3 | Roof replacement")
    saved = new_version(boss, PAGE, effective="2026-12-02",
                        **{"checklist-145": "CRC R905.1.1 | Underlayment lapped 2 in.\r\n"
                                            "CRC R905.2.8.5 | Drip edge at the eaves",
                           "library": "CRC R314 | Install smoke alarms in every bedroom."})
    assert saved.status_code == 303
    assert saved.headers["location"] == f"{PAGE}?saved=2026-12-02"
    shown = boss.get(saved.headers["location"])
    assert "it takes effect on Wednesday 2 December 2026" in shown.text
    assert stop_items(inspector, inspection_id) == ["CRC R905.1.1", "CRC R905.2.8.5"]
    assert rule_book.in_force(CHECKLISTS, FIRST).rules.of("145")[0].code == "CRC R908.3", (
        "the version in force until then does not change")
    stop = inspector.get(f"/inspector/inspections/{inspection_id}")
    assert stop.context["library_size"] == 1
    overview = boss.get("/staff/rules")
    [checklists] = [s for s in overview.context["sets"] if s.kind == CHECKLISTS]
    assert [v.effective.isoformat() for v in checklists.upcoming] == ["2026-12-02"]
    assert 'href="/staff/rules/checklists"' in overview.text
    on_inspection_day(rules)
    recorded = inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        **result_form(inspector, inspection_id), "item-crc-r905-1-1": "failed",
        "item-crc-r905-2-8-5": "passed", "item-crc-r908-3": "failed"}, follow_redirects=False)
    assert recorded.status_code == 303, "checked against the version of its day"
    assert fetch_rows(rules.url, f"SELECT checklist FROM inspection WHERE id = {inspection_id}"
                      )[0][0].count('"id"') == 2, "the first version's item is not read"


def test_bad_lines_are_refused_with_their_line_numbers_and_what_was_typed_is_kept(rules):
    boss = supervisor(rules)
    typed = "CRC R905.1.1 | Underlayment\nno bar on this line\n | no code"
    refused = new_version(boss, PAGE, effective="2026-12-02", **{
        "checklist-145": typed, "library": "CRC R314 | " + "x" * 201})
    assert refused.status_code == 422
    assert refused.context["errors"] == {
        "checklist-145": ("Line 2: write the code section, a bar and the text, like “CRC R314 "
                          "| Smoke alarms in each sleeping room”; line 3: the code section is "
                          "missing."),
        "library": "Line 1: keep the text to 200 characters; it has 201."}
    assert typed in refused.text and 'href="#f-checklist-145"' in refused.text
    assert 'id="f-checklist-145" name="checklist-145"' in refused.text
    assert [v.effective for v in rule_book.versions(CHECKLISTS)] == [FIRST], "nothing saved"
    past = new_version(boss, PAGE, effective="2026-12-01")
    assert past.status_code == 422 and "Choose a date after today" in past.text
    assert "inspection board" not in past.text


def test_a_box_pasted_far_over_its_limit_is_kept_whole_and_its_real_length_said(rules):
    """Second reader: 190,000 characters pasted came back cut to the 10,000 every other form
    reads, with "it has 10,000"."""
    boss = supervisor(rules)
    pasted = "\n".join(f"CRC R{n} | item {n}" for n in range(1, 12_001))
    refused = new_version(boss, PAGE, effective="2026-12-02", **{"checklist-145": pasted})
    assert refused.status_code == 422
    assert refused.context["errors"]["checklist-145"] == (
        f"Keep a checklist to {CHECKLIST_TEXT_LIMIT:,} characters; it has {len(pasted):,}.")
    assert refused.context["values"]["checklist-145"] == pasted


def test_only_a_supervisor_saves_a_version(rules):
    clerk = signed_in_as(rules, Role.STAFF, "Sam Clerk")[0]
    page = clerk.get(PAGE)
    assert page.status_code == 200 and "Save the version" not in page.text
    assert "CRC R314" in page.text
    assert clerk.post(PAGE, data={"csrf_token": csrf(clerk), "effective": "2027-01-01"}
                      ).status_code == 403
    contractor, _ = verified_contractor(rules, "1012345")
    assert contractor.get(PAGE).status_code == 403
    assert contractor.post(PAGE, data={"csrf_token": csrf(contractor)}).status_code == 403
    inspector = signed_in_as(rules, Role.INSPECTOR, "Rosa Delgado")[0]
    assert inspector.post(PAGE, data={"csrf_token": csrf(inspector)}).status_code == 403
    assert [v.effective for v in rule_book.versions(CHECKLISTS)] == [FIRST]
