"""Supervisors change the scheduling policy, inspection types and fees with effective dates;
bookings, request forms and estimates follow the version in force on each day."""
from __future__ import annotations

import asyncio
from datetime import date, datetime, timezone

import pytest

from db.rules import rule_book
from db.tables import RuleVersion
from domain.accounts import Role
from tests.unit.web.inspection_journeys import LA, form, ready_permit
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import csrf, verified_contractor

DAY_BEFORE = date(2026, 11, 30)  # the clock fixture's Tuesday 1 December 2026, less a day
FIRST = date(2026, 7, 1)  # the first versions' date (the files in db/)
WEDNESDAY_MORNING = datetime(2026, 12, 2, 9, 0, tzinfo=LA).astimezone(timezone.utc)


def at(portal, moment: datetime) -> None:
    portal.app.state.clock = lambda: moment  # the clock fixture puts the real one back


@pytest.fixture
def rules(clock):
    """The portal at Tuesday 1 December 2026; every version a test saved (all after the first
    ones) is withdrawn afterwards, which also reloads the rule book."""
    yield clock

    async def withdraw_saved():
        rows = await RuleVersion.select(RuleVersion.kind, RuleVersion.effective).where(
            RuleVersion.effective > FIRST)
        for row in rows:
            await rule_book.withdraw(clock.app.state.database, row["kind"], row["effective"],
                                     DAY_BEFORE)
        await rule_book.load(clock.app.state.database)

    clock.client()  # binds the portal's database
    asyncio.run(withdraw_saved())


def supervisor(portal):
    return signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)[0]


def new_version(client, path: str, **changes):
    """The page's "New version" form as it comes, with ``changes``, posted."""
    values = client.get(path).context["values"]
    return client.post(path, data={**values, "csrf_token": csrf(client), **changes},
                       follow_redirects=False)


def offered_days(contractor, number: str) -> set[date]:
    page = contractor.get(f"/permits/{number}/inspections/request")
    return {o.day for o in page.context["dates"]}


def test_a_closure_in_a_version_for_tomorrow_stops_bookings_of_that_day_at_once(rules):
    contractor, _ = verified_contractor(rules, "1012345")
    number = ready_permit(rules)
    boss = supervisor(rules)
    page = boss.get("/staff/rules/scheduling")
    assert page.template.name == "staff/rules_scheduling.html"
    christmas = [h for h in page.context["holidays"] if h.day == date(2026, 12, 25)]
    assert christmas and not christmas[0].open and "Christmas Day" in page.text
    assert date(2026, 12, 24) in page.context["closures"]

    closures = page.context["values"]["closures"] + "\n2026-12-04"
    saved = new_version(boss, "/staff/rules/scheduling", effective="2026-12-02",
                        closures=closures)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/staff/rules/scheduling?saved=2026-12-02"

    # The version in force on Friday the 4th closes it: requests made today, before the
    # version takes effect, no longer see it, nor do those made once it is in force.
    days = offered_days(contractor, number)
    assert date(2026, 12, 4) not in days and {date(2026, 12, 3), date(2026, 12, 7)} <= days
    at(rules, WEDNESDAY_MORNING)
    assert date(2026, 12, 4) not in offered_days(contractor, number)
    refused = contractor.post(f"/permits/{number}/inspections/request",
                              data=form(contractor, day="2026-12-04"))
    assert refused.status_code == 422 and "is not available" in refused.text
    shown = boss.get("/staff/rules/scheduling")
    assert date(2026, 12, 4) in shown.context["closures"]
    assert "Saved by" in shown.text and "This is the version in force today" in shown.text


def test_a_days_capacity_is_the_one_of_the_version_in_force_on_that_day(rules):
    contractor, _ = verified_contractor(rules, "1012345")
    first = ready_permit(rules)
    district = rules.client().get(f"/permits/{first}").context["permit"].district
    second = ready_permit(rules, district)
    boss = supervisor(rules)
    thursday = date(2026, 12, 3)
    assert new_version(boss, "/staff/rules/scheduling", effective=thursday.isoformat(),
                       default_capacity="1").status_code == 303
    assert contractor.post(f"/permits/{first}/inspections/request", data=form(
        contractor, day=thursday.isoformat()), follow_redirects=False).status_code == 303
    days = offered_days(contractor, second)
    assert thursday not in days, "one unit on Thursday by its own version, already taken"
    assert date(2026, 12, 2) in days, "Wednesday keeps the units of the version in force then"


def test_a_new_fee_schedule_changes_estimates_from_its_effective_date_only(rules):
    boss = supervisor(rules)
    saved = new_version(boss, "/staff/rules/fees", effective="2026-12-02",
                        name="Mid-year 2026-27 fee schedule", issuance_fee="40.00",
                        **{"item-ELE-EV-price": "80"})
    assert saved.status_code == 303
    estimate = {"type": "ELE", "subtype": "EV Charger", "valuation": "3500", "ELE-EV": "1"}
    visitor = rules.client()
    before = visitor.get("/fees/estimate", params=estimate).context["assessment"]
    assert before.schedule == "Fiscal year 2026-27 fee schedule"
    assert [line.amount for line in before.lines[:2]] == [35, 75]
    at(rules, WEDNESDAY_MORNING)
    after = visitor.get("/fees/estimate", params=estimate).context["assessment"]
    assert after.schedule == "Mid-year 2026-27 fee schedule"
    assert [str(line.amount) for line in after.lines[:2]] == ["40.00", "80.00"]
    shown = boss.get("/staff/rules/fees")
    assert shown.context["schedule"].name == "Mid-year 2026-27 fee schedule"
    assert "$40.00" in shown.text


def test_the_fee_page_says_when_a_version_may_start_and_who_saved_it(rules):
    boss = supervisor(rules)
    form = boss.get("/staff/rules/fees").text
    assert "Tomorrow or later, like 2026-12-02." in form, "the portal's day is 1 December"
    assert "Today or later" not in form
    assert "per outlet" in form and " a outlet" not in form and "(a " not in form
    saved = new_version(boss, "/staff/rules/fees", effective="2026-12-09",
                        name="Holiday fee schedule", issuance_fee="41.00")
    assert saved.status_code == 303
    page = boss.get(saved.headers["location"])
    assert ("The new version was saved by Dana Whitcombe: it takes effect on Wednesday 9 December "
            "2026") in page.text
    assert boss.get("/staff/rules/fees?saved=2027-01-05").context["saved"] is None, (
        "the address bar alone says nothing")


def test_a_new_type_is_offered_and_one_no_longer_offered_disappears_but_keeps_its_name(rules):
    contractor, _ = verified_contractor(rules, "1012345")
    number = ready_permit(rules)
    booked = contractor.post(f"/permits/{number}/inspections/request", data=form(contractor),
                             follow_redirects=False)
    assert booked.status_code == 303  # 145 Re-roof Underlayment, on Wednesday
    boss = supervisor(rules)
    values = boss.get("/staff/rules/inspection-types").context["values"]
    assert values["offered-145"] == "yes" and values["name-145"] == "Re-roof Underlayment"
    changes = {k: v for k, v in values.items() if k != "offered-145"}
    saved = boss.post("/staff/rules/inspection-types", follow_redirects=False, data={
        **changes, "csrf_token": csrf(boss), "effective": "2026-12-02",
        "permit_type-new": "BLD", "code-new": "150", "name-new": "Moisture Barrier",
        "blds-new": "Progress Check", "units-new": "1"})
    assert saved.status_code == 303, saved.context["errors"]

    def codes():
        page = contractor.get(f"/permits/{number}/inspections/request")
        return {c.type.code: c.type.name for c in page.context["choices"]}

    assert "145" in codes() and "150" not in codes()
    at(rules, WEDNESDAY_MORNING)
    now_offered = codes()
    assert now_offered.get("150") == "Moisture Barrier" and "145" not in now_offered
    history = contractor.get(f"/permits/{number}/inspections")
    assert "Re-roof Underlayment" in history.text
    table = boss.get("/staff/rules/inspection-types")
    assert "No longer offered" in table.text and "Moisture Barrier" in table.text


def test_a_clerk_reads_the_rules_but_cannot_change_them(rules):
    clerk = signed_in_as(rules, Role.STAFF, "Sam Clerk")[0]
    for path in ("/staff/rules", "/staff/rules/scheduling", "/staff/rules/inspection-types",
                 "/staff/rules/fees"):
        page = clerk.get(path)
        assert page.status_code == 200 and "Save the version" not in page.text
        assert "Withdraw" not in page.text
    assert "Dates up to 14 days ahead" in clerk.get("/staff/rules/scheduling").text
    token = csrf(clerk)
    for path in ("/staff/rules/scheduling", "/staff/rules/inspection-types",
                 "/staff/rules/fees", "/staff/rules/fees/2027-01-01/withdraw"):
        assert clerk.post(path, data={"csrf_token": token, "effective": "2027-01-01"}
                          ).status_code == 403


def test_visitors_and_contractors_never_reach_the_rules(rules):
    contractor, _ = verified_contractor(rules, "1012345")
    anonymous = rules.client()
    for path in ("/staff/rules", "/staff/rules/scheduling", "/staff/rules/inspection-types",
                 "/staff/rules/fees"):
        assert anonymous.get(path, follow_redirects=False).headers["location"].startswith(
            "/sign-in")
        assert contractor.get(path).status_code == 403
    assert contractor.post("/staff/rules/fees", data={"csrf_token": csrf(contractor)}
                           ).status_code == 403


def test_bad_input_is_refused_beside_each_field_and_what_was_typed_is_kept(rules):
    boss = supervisor(rules)
    refused = new_version(boss, "/staff/rules/fees", effective="2026-11-30",
                          issuance_fee="forty", **{"item-MEC-AC-price": "45.999",
                                                   "bracket-3-base": "1.00"})
    assert refused.status_code == 422
    errors = refused.context["errors"]
    assert set(errors) == {"effective", "issuance_fee", "item-MEC-AC-price", "bracket-3-base"}
    assert "Choose a date after today (Tuesday 1 December 2026)" in errors["effective"]
    assert errors["item-MEC-AC-price"] == ("Air conditioner or heat pump: enter the price in "
                                           "dollars, like 45.00.")
    assert 'value="forty"' in refused.text and 'value="45.999"' in refused.text
    assert 'href="#f-item-MEC-AC-price"' in refused.text
    assert 'id="f-item-MEC-AC-price"' in refused.text and 'aria-invalid="true"' in refused.text

    typo = new_version(boss, "/staff/rules/scheduling", effective="2026-12-02",
                       closures="2026-12-24\n24/12/2026", request_cutoff="3pm")
    assert typo.status_code == 422
    assert set(typo.context["errors"]) == {"closures", "request_cutoff"}
    assert "24/12/2026" in typo.text and 'value="3pm"' in typo.text

    clash = new_version(boss, "/staff/rules/inspection-types", effective="2026-12-02",
                        **{"code-new": "110", "name-new": "Again", "permit_type-new": "BLD",
                           "blds-new": "Frame", "blds-115": ""})
    assert clash.status_code == 422
    assert "code 110 is already Footings/Foundation" in clash.context["errors"]["code-new"]
    assert "choose the BLDS inspection type" in clash.context["errors"]["blds-115"]
    assert rule_book.versions("fees")[-1].effective == date(2026, 7, 1), "nothing was saved"


def test_a_supervisor_withdraws_a_version_before_it_takes_effect(rules):
    boss = supervisor(rules)
    assert new_version(boss, "/staff/rules/fees", effective="2027-07-01",
                       name="Fiscal year 2027-28 fee schedule").status_code == 303
    overview = boss.get("/staff/rules")
    [fees] = [s for s in overview.context["sets"] if s.kind == "fees"]
    assert [v.effective for v in fees.upcoming] == [date(2027, 7, 1)]
    assert "Withdraw" in overview.text
    assert 'href="/staff/rules/fees/2027-07-01/withdraw"' in overview.text, "asked first"
    asked = boss.get("/staff/rules/fees/2027-07-01/withdraw")
    assert "<h1>Withdraw the fee schedule version of Thursday 1 July 2027?</h1>" in asked.text
    assert [v.effective for v in rule_book.versions("fees")][-1] == date(2027, 7, 1)
    again = new_version(boss, "/staff/rules/fees", effective="2027-07-01",
                        name="Fiscal year 2027-28 fee schedule, revised")
    assert again.status_code == 303, "an upcoming version is replaced, not duplicated"
    assert [v.rules.name for v in rule_book.versions("fees")][-1].endswith("revised")
    in_force = boss.post("/staff/rules/fees/2026-07-01/withdraw",
                         data={"csrf_token": csrf(boss)})
    assert in_force.status_code == 409 and "already in force" in in_force.text
    gone = boss.post("/staff/rules/fees/2027-07-01/withdraw", data={"csrf_token": csrf(boss)},
                     follow_redirects=True)
    assert "was withdrawn" in gone.text
    assert "was withdrawn" not in boss.get(
        "/staff/rules?withdrawn=scheduling&effective=2028-03-01").text, (
        "the address bar alone says nothing")
    assert [v.effective for v in rule_book.versions("fees")] == [date(2026, 7, 1)]
    twice = boss.post("/staff/rules/fees/2027-07-01/withdraw", data={"csrf_token": csrf(boss)},
                      follow_redirects=True)
    assert twice.status_code == 200 and "was withdrawn" in twice.text, "a second tap"


def test_a_withdrawal_or_a_saved_version_claimed_in_the_address_is_not_shown(rules):
    boss = supervisor(rules)
    for forged in ("withdrawn=fees&effective=2027-09-09", "withdrawn=fees&effective=2026-07-01",
                   "withdrawn=nonsense&effective=2027-07-01"):
        assert boss.get(f"/staff/rules?{forged}").context["withdrawn"] is None, forged
    assert boss.get("/staff/rules/fees?saved=2027-09-09").context["saved"] is None
    assert boss.get("/staff/rules/fees?saved=2026-07-01").context["saved"] is None, (
        "the version in force was not just saved: only an upcoming one can be")
