"""A supervisor reads the rules, corrects a mistyped new version of each, saves it for a later
date and withdraws it again: every page readable on a phone, with and without JavaScript."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.account_pages import FormPage, new_email, sign_in_as

FAR = "2030-01-07"  # far after every other journey's dates: nothing they book changes


def open_rules(tab, email: str) -> FormPage:
    page = sign_in_as(tab, email, "desk-lamp-quiet-42")
    tab.page.get_by_role("banner").get_by_role("link", name="Rules").click()
    expect(page.heading).to_have_text("Rules")
    tab.check()
    return page


def open_rule_page(tab, rules: FormPage, name: str) -> None:
    """Back to the list of rules, then to the page of the rule set ``name``."""
    tab.page.get_by_role("link", name="All rules").click()
    tab.page.get_by_role("link", name=name).click()
    expect(rules.heading).to_have_text(name)


def save_the_version(tab, rules: FormPage) -> None:
    """Save the New version form and see the portal say so."""
    rules.press("Save the version")
    expect(tab.page.get_by_role("status")).to_contain_text("The new version was saved")
    tab.check()


def test_a_supervisor_saves_and_withdraws_a_version_of_each_rule(tab, server):
    email = new_email("rules")
    server.create_staff(email, "desk-lamp-quiet-42")
    rules = open_rules(tab, email)

    tab.page.get_by_role("link", name="Scheduling policy and holidays").click()
    expect(rules.heading).to_have_text("Scheduling policy and holidays")
    expect(tab.page.get_by_role("table", name=re.compile("^Public holidays"))).to_contain_text(
        "Christmas Day")
    tab.check()
    rules.fill("Takes effect on", FAR)
    rules.page.get_by_label("City closure dates").fill("2030-01-08\n8 Jan 2030")
    rules.press("Save the version")
    expect(rules.error_summary).to_contain_text("Line 2: “8 Jan 2030” is not a date")
    tab.check()
    rules.page.get_by_label("City closure dates").fill("2030-01-08")
    save_the_version(tab, rules)

    open_rule_page(tab, rules, "Inspection types")
    rules.fill("Takes effect on", FAR)
    rules.page.get_by_label("Code", exact=True).fill("150")
    rules.press("Save the version")
    expect(rules.error_summary).to_contain_text("New inspection: choose its permit type")
    tab.check()
    rules.page.get_by_label("Code", exact=True).fill("")
    rules.page.get_by_label("Offered: 100 Setbacks", exact=True).uncheck()
    save_the_version(tab, rules)

    open_rule_page(tab, rules, "Fee schedule")
    rules.fill("Takes effect on", FAR)
    rules.fill("Price of Air conditioner or heat pump", "forty-five")
    rules.press("Save the version")
    expect(rules.field_error("Price of Air conditioner or heat pump")).to_contain_text(
        "enter the price in dollars, like 45.00")
    tab.check()
    rules.fill("Price of Air conditioner or heat pump", "47.50")
    save_the_version(tab, rules)

    tab.page.get_by_role("link", name="All rules").click()
    for title in ("scheduling policy and holidays", "inspection types", "fee schedule"):
        tab.page.get_by_role("link", name=f"Withdraw the {title} version of Monday 7 "
                                          "January 2030").click()
        expect(rules.heading).to_have_text(f"Withdraw the {title} version of Monday 7 January "
                                           "2030?")
        tab.page.get_by_role("button", name="Withdraw the version").click()
        expect(tab.page.get_by_role("status")).to_have_text(
            f"The {title} version of Monday 7 January 2030 was withdrawn.")
    expect(tab.page.get_by_role("link", name=re.compile("^Withdraw"))).to_have_count(0)
    tab.check()


def test_the_rules_read_without_javascript(tab_without_js, server):
    email = new_email("rules-nojs")
    server.create_staff(email, "desk-lamp-quiet-42")
    page = sign_in_as(tab_without_js, email, "desk-lamp-quiet-42")
    # axe runs in a second tab (scripts on, the site's refused): it signs in with the cookies.
    tab_without_js.audit_page.context.add_cookies(tab_without_js.page.context.cookies())
    tab_without_js.page.get_by_role("banner").get_by_role("link", name="Rules").click()
    expect(page.heading).to_have_text("Rules")
    tab_without_js.check()
    for name in ("Scheduling policy and holidays", "Inspection types", "Fee schedule"):
        tab_without_js.page.get_by_role("link", name=name).click()
        expect(FormPage(tab_without_js).heading).to_have_text(name)
        tab_without_js.check()
        tab_without_js.page.get_by_role("link", name="All rules").click()
