"""A failed inspection that needs a reinspection assesses the schedule's reinspection fee on its
permit (issue 17 §4): once, shown on the Fees tab, e-mailed to the contacts, and paid before
the next inspection can be requested on the web, on the phone line or at the counter."""
from __future__ import annotations

import asyncio
from datetime import date, datetime, timezone
from decimal import Decimal

from db.engines import fetch_rows
from db.inspections.reinspection_fees import assess_reinspection_fee
from db.rules import rule_book
from domain.accounts import Role
from domain.inspection_results import ResultEntry
from domain.phone_line import keypad_of
from domain.rule_edits import FEES
from tests.unit.test_support import conflicts_page_with
from tests.unit.web.contractor.submitted import CARD, checkout
from tests.unit.web.contractor.test_applications import post
from tests.unit.web.inspection_journeys import (
    LA, THURSDAY, WEDNESDAY, form, on_inspection_day, ready_permit
)
from tests.unit.web.inspector.test_inspector import result_form, signed_in_as
from tests.unit.web.journeys import csrf, verified_contractor
from tests.unit.web.phone_line.dialing import (  # noqa: F401 (line: a fixture)
    Call, contractor_with_pin, line
)
from tests.unit.web.staff.test_rules import FIRST, new_version, rules, supervisor  # noqa: F401
from tests.unit.web.test_html_validity import nu_errors

NOT_READY_FEE = "Reinspection fee: 145 Re-roof Underlayment, Not ready on 2 December 2026"
OWED = ("A reinspection fee of $47.00 is due on this permit. Pay it on the web before "
        "requesting an inspection.")
THURSDAY_MORNING = datetime(2026, 12, 3, 9, 30, tzinfo=LA).astimezone(timezone.utc)


def booked(portal, contractor, day: date = WEDNESDAY, number: str | None = None
           ) -> tuple[str, int]:
    """A re-roof permit of Acme's (a new one unless ``number``) with its 145 inspection
    booked by ``contractor`` for ``day``."""
    number = number or ready_permit(portal)
    location = contractor.post(f"/permits/{number}/inspections/request",
                               data=form(contractor, day=day.isoformat()),
                               follow_redirects=False).headers["location"]
    return number, int(location.split("/")[2].split("?")[0])


def record(inspector, inspection_id: int, result: str, reinspection: bool = True):
    entry = {**result_form(inspector, inspection_id), "result": result,
             "public_notes": "Ladder not set, roof not reachable"}
    if reinspection:
        entry["reinspection"] = "yes"
    response = inspector.post(f"/inspector/inspections/{inspection_id}/result", data=entry,
                              follow_redirects=False)
    assert response.status_code == 303, response.text
    return entry


def fees_of(portal, number: str) -> list[tuple]:
    return [(code, description, Decimal(str(amount)), paid, inspection_id)
            for code, description, amount, paid, inspection_id in fetch_rows(
                portal.url, "SELECT f.code, f.description, f.amount, f.paid, f.inspection_id "
                "FROM fee_item f JOIN permit p ON p.id = f.permit WHERE p.number = "
                f"'{number}' AND f.code = 'REINSP' ORDER BY f.id")]


def test_a_not_ready_result_needing_a_reinspection_assesses_the_fee_once(clock):
    contractor, email = verified_contractor(clock, "1012345")
    number, inspection_id = booked(clock, contractor)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    entry = record(inspector, inspection_id, "Not ready")
    assert fees_of(clock, number) == [
        ("REINSP", NOT_READY_FEE, Decimal("47.00"), 0, inspection_id)]

    replayed = inspector.post(f"/inspector/inspections/{inspection_id}/result", data=entry,
                              follow_redirects=False)
    assert replayed.headers["idempotent-replayed"] == "true"
    again = {**entry, "idempotency_key": "0f6d1b1e-2b1c-4b8e-9f4e-5d2c0a9e7b11"}
    assert inspector.post(f"/inspector/inspections/{inspection_id}/result", data=again,
                          follow_redirects=False).status_code == 303, "kept for a supervisor"
    permit_id = fetch_rows(clock.url, f"SELECT id FROM permit WHERE number = '{number}'")[0][0]
    asyncio.run(assess_reinspection_fee(
        inspection_id, {"permit": permit_id, "type_code": "145",
                        "type_name": "Re-roof Underlayment"},
        ResultEntry("Not ready", "", "", True), WEDNESDAY, THURSDAY_MORNING))
    assert len(fees_of(clock, number)) == 1, "one fee per inspection, however often recorded"
    assert fetch_rows(clock.url, "SELECT subject, after FROM audit_event WHERE action = "
                                 f"'reinspection fee assessed' AND permit = {permit_id}") == [
        (f"inspection {inspection_id}", f"fee: {NOT_READY_FEE}; amount: 47.00")]

    fees = contractor.get(f"/permits/{number}/fees")
    assert f"<td>{NOT_READY_FEE}</td><td class=\"num\">$47.00</td><td>Due</td>" in fees.text
    [(_, body)] = [m for m in clock.mail_to(email) if "inspection Not ready" in m[0]]
    assert ("A reinspection fee of $47.00 is due before the reinspection can be requested. "
            f"Pay it on the web: https://portal.test/cart?permit={number}") in body


def test_the_next_inspection_is_refused_everywhere_until_the_fee_is_paid(line, tmp_path):
    contractor, pin = contractor_with_pin(line)
    number, inspection_id = booked(line, contractor)
    inspector, _ = signed_in_as(line, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(line)
    record(inspector, inspection_id, "No access")

    asked = contractor.get(f"/permits/{number}/inspections/request")
    assert asked.context["refusals"] == [OWED]
    assert f'href="/cart?permit={number}">Pay $47.00' in asked.text
    refused = contractor.post(f"/permits/{number}/inspections/request",
                              data=form(contractor, day=THURSDAY.isoformat()))
    assert refused.status_code == 422 and OWED in refused.text
    call = Call(line)
    call.press()
    call.press("1")
    call.press(keypad_of(number))
    assert OWED in call.press(pin).said
    staff, _ = signed_in_as(line, Role.STAFF, "Dana Whitcombe")
    counter = f"/staff/permits/{number}/inspections/book"
    assert staff.get(counter).context["refusals"] == [OWED]
    assert OWED in staff.post(counter, data=form(staff, day=THURSDAY.isoformat())).text
    assert nu_errors({"request-refused": asked.text}, tmp_path) == []

    key, items = checkout(contractor, number)
    assert len(items) == 1, "the reinspection fee is the one line to pay"
    assert post(contractor, "/checkout/pay", idempotency_key=key, fee_item=items,
                **CARD).status_code == 303
    assert fees_of(line, number)[0][3] == 1, "paid"
    requested = contractor.post(f"/permits/{number}/inspections/request",
                                data=form(contractor, day=THURSDAY.isoformat()),
                                follow_redirects=False)
    assert requested.status_code == 303, "paid: the reinspection can be requested"


def test_an_approval_or_a_failure_without_reinspection_assesses_nothing(clock):
    contractor, _ = verified_contractor(clock, "1012345")
    approved, first = booked(clock, contractor)
    unticked, second = booked(clock, contractor)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    record(inspector, first, "Approved", reinspection=False)
    record(inspector, second, "Not ready", reinspection=False)
    assert fees_of(clock, approved) == [] and fees_of(clock, unticked) == []


def test_corrections_are_charged_from_the_second_failure_of_the_same_inspection(clock):
    contractor, _ = verified_contractor(clock, "1012345")
    number, first = booked(clock, contractor)
    inspector, _ = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(clock)
    record(inspector, first, "Corrections required")
    assert fees_of(clock, number) == [], "the first rejection for corrections is free"
    _, second = booked(clock, contractor, THURSDAY, number)
    clock.app.state.clock = lambda: THURSDAY_MORNING
    record(inspector, second, "Corrections required")
    assert fees_of(clock, number) == [(
        "REINSP", "Reinspection fee: 145 Re-roof Underlayment, Corrections required on "
        "3 December 2026", Decimal("47.00"), 0, second)]


def test_a_kept_result_a_supervisor_records_assesses_the_fee(clock):
    contractor, _ = verified_contractor(clock, "1012345")
    number, inspection_id = booked(clock, contractor)
    inspector, inspector_id = signed_in_as(clock, Role.INSPECTOR, "Rosa Delgado")
    _, other_id = signed_in_as(clock, Role.INSPECTOR, "Kofi Mensah-Park")
    boss, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    assign = f"/staff/inspections/{inspection_id}/assign"
    boss.post(assign, data={"csrf_token": csrf(boss), "inspector": str(inspector_id)})
    on_inspection_day(clock)
    shown = result_form(inspector, inspection_id)  # Rosa's route, before she goes offline
    boss.post(assign, data={"csrf_token": csrf(boss), "inspector": str(other_id)})
    inspector.post(f"/inspector/inspections/{inspection_id}/result", data={
        **shown, "result": "Not ready", "reinspection": "yes", "public_notes": "Gate locked"})
    assert fees_of(clock, number) == [], "kept, not recorded"
    _, [waiting] = conflicts_page_with(boss, inspection_id)
    assert boss.post(f"/staff/conflicts/{waiting.id}/resolve", data={
        "csrf_token": csrf(boss), "decision": "record", "note": "Rosa did go"},
        follow_redirects=False).status_code == 303
    assert [fee[4] for fee in fees_of(clock, number)] == [inspection_id]


def test_a_version_saved_before_the_rule_existed_charges_nothing_from_its_day(rules):
    older = {key: value for key, value in rule_book.latest(FEES).body.items()
             if key not in ("reinspection", "note")}
    saved = asyncio.run(rule_book.save(rules.app.state.database, FEES,
                                       {**older, "name": "Without reinspection fees"},
                                       WEDNESDAY, date(2026, 12, 1)))
    assert saved.value.rules.reinspection is None
    contractor, _ = verified_contractor(rules, "1012345")
    number, inspection_id = booked(rules, contractor)
    inspector, _ = signed_in_as(rules, Role.INSPECTOR, "Rosa Delgado")
    on_inspection_day(rules)
    record(inspector, inspection_id, "Not ready")
    assert fees_of(rules, number) == []


def test_a_supervisor_sets_the_fee_and_its_results_and_a_bad_amount_is_kept_and_refused(rules):
    boss = supervisor(rules)
    page = boss.get("/staff/rules/fees")
    assert ("$47.00 when the inspector asks for a reinspection after Not ready or No access;"
            in page.text)
    assert page.context["values"]["reinspection-not-ready"] == "every"
    refused = new_version(boss, "/staff/rules/fees", effective="2026-12-02",
                          **{"reinspection-amount": "47.999", "reinspection-partial": "sometimes"})
    assert refused.status_code == 422
    assert set(refused.context["errors"]) == {"reinspection-amount", "reinspection-partial"}
    assert 'value="47.999"' in refused.text and 'href="#f-reinspection-amount"' in refused.text
    assert rule_book.versions(FEES)[-1].effective == FIRST, "nothing was saved"
    saved = new_version(boss, "/staff/rules/fees", effective="2026-12-02",
                        **{"reinspection-amount": "60", "reinspection-partial": "every",
                           "reinspection-corrections-required": "none"})
    assert saved.status_code == 303
    rule = rule_book.versions(FEES)[-1].rules.reinspection
    assert rule.amount == Decimal("60.00")
    assert rule.results == {"Partial", "Not ready", "No access"} and rule.first_free == set()
    shown = boss.get("/staff/rules/fees?saved=2026-12-02").context["values"]
    assert shown["reinspection-amount"] == "60.00" and shown["reinspection-partial"] == "every"
