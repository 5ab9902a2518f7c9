"""Anyone estimates permit fees on a phone: as they type, by a shared link, and on paper."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.pages import wait_for_htmx_idle


def test_fees_update_as_you_type_and_the_link_reproduces_the_estimate(tab):
    page = tab.page
    page.goto("/")
    page.get_by_role("link", name="Estimate permit fees").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Estimate permit fees")
    tab.check()
    page.get_by_role("link", name="Re-roof").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Estimate fees: Re-roof")
    tab.check()
    tab.mark_document()
    page.get_by_label("Valuation").press_sequentially("18500", delay=40)
    estimate = page.get_by_role("region", name="Estimated fees")
    expect(estimate).to_contain_text("Enter the stories of the building")
    page.get_by_label("Stories of the building").fill("2")
    expect(estimate.get_by_role("row", name=re.compile("^Total"))).to_contain_text("$335.24")
    expect(estimate.get_by_role("row", name=re.compile("^Building permit fee"))).to_contain_text(
        "$69.25 + 17 × $14.00 per $1,000 over $2,000")
    assert tab.still_same_document(), "the estimate was swapped in, not a new page"
    expect(page).to_have_url(re.compile(r"valuation=18500.*stories=2"))
    wait_for_htmx_idle(page)
    tab.check()
    shared = page.url
    page.get_by_label("Valuation").fill("abc")
    expect(page.locator("#f-valuation-error")).to_contain_text(
        "Valuation: enter the number in digits")
    expect(estimate).to_contain_text("Correct the entry marked above")
    wait_for_htmx_idle(page)
    tab.check()
    page.goto(shared)
    expect(page.get_by_label("Valuation")).to_have_value("18500")
    expect(page.get_by_role("region", name="Estimated fees")).to_contain_text("$335.24")
    page.get_by_role("link", name="Printable estimate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fee estimate: Re-roof")
    expect(page.get_by_role("row", name=re.compile("^Total"))).to_contain_text("$335.24")
    tab.check()


def test_an_itemized_trade_is_estimated_from_its_items(tab):
    page = tab.page
    page.goto("/fees/estimate")
    page.get_by_role("link", name="EV Charger").click()
    page.get_by_label(re.compile("^EV charger")).fill("1")
    page.get_by_label(re.compile("^New circuit")).fill("2")
    estimate = page.get_by_role("region", name="Estimated fees")
    expect(estimate.get_by_role("row", name=re.compile("^Total"))).to_contain_text("$134.36")
    wait_for_htmx_idle(page)
    tab.check()


def test_without_javascript_the_update_button_gives_the_estimate(tab_without_js):
    page = tab_without_js.page
    page.goto("/fees/estimate?type=PLM&subtype=Water%20Heater")
    page.get_by_label(re.compile("^Water heater")).fill("1")
    page.get_by_role("button", name="Update estimate").click()
    expect(page.get_by_role("row", name=re.compile("^Total"))).to_contain_text("$83.60")
    tab_without_js.check()
