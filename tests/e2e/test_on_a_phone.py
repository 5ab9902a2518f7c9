"""What a contractor trips over on a phone (issue 14 §10), at 360 px in Chromium: paying then
reloading and going Back, permit numbers that break mid-number, tabs that wrap, and the search
box after Back."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from db.engines import fetch_rows
from tests.e2e.application_pages import Wizard, submitted_water_heater
from tests.e2e.pages import url_with_query, wait_for_htmx_idle
from tests.e2e.public_pages import PermitPage, SearchPage

ON_ONE_LINE = """(el, text) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node, all = "";
  const nodes = [];
  while ((node = walker.nextNode())) { nodes.push([node, all.length]); all += node.data; }
  const at = all.indexOf(text);
  if (at < 0) return false;
  const range = document.createRange();
  for (const [n, start] of nodes) {
    if (start <= at && at < start + n.data.length) range.setStart(n, at - start);
    const end = at + text.length;
    if (start < end && end <= start + n.data.length) range.setEnd(n, end - start);
  }
  const tops = new Set(Array.from(range.getClientRects()).map(b => Math.round(b.bottom)));
  return tops.size === 1;
}"""


def one_line(locator, text: str) -> bool:
    """``text``, as laid out inside ``locator``, sits on a single line."""
    return locator.evaluate(ON_ONE_LINE, text)


def test_paying_then_reloading_and_going_back_never_meets_a_405_or_pays_twice(tab, mailbox,
                                                                             server):
    _, number = submitted_water_heater(tab, mailbox, server)
    wizard, page = Wizard(tab), tab.page
    page.get_by_role("link", name="Pay $83.60 now").click()
    wizard.expect_step("Fees to pay")
    wizard.press("Continue to payment")
    wizard.expect_step("Pay $83.60")
    pay_address = page.url
    assert re.search(r"/checkout\?permit=", pay_address), pay_address
    assert page.reload().status == 200, "pull-to-refresh on the pay page"
    wizard.expect_step("Pay $83.60")
    wizard.fill("Card number", "4242")
    wizard.press("Pay $83.60")
    expect(wizard.error_summary).to_be_visible()
    assert page.url == pay_address, "a mistyped card leaves the pay page's own address"
    assert page.reload().status == 200
    wizard.expect_step("Pay $83.60")
    wizard.fill("Card number", "4242 4242 4242 4242")
    wizard.fill("Expiry date (MM/YY)", "12/35")
    wizard.fill("Security code", "123")
    wizard.press("Pay $83.60")
    wizard.expect_step("Payment received")
    receipt = page.url
    reference = page.locator(".reference")
    assert one_line(reference, reference.inner_text()), "the receipt number on one line"
    assert one_line(page.get_by_role("table"), number), "the permit number in the receipt"
    assert page.reload().status == 200
    wizard.expect_step("Payment received")
    page.go_back()
    page.wait_for_url(pay_address)
    wizard.expect_step("Fees to pay")
    expect(page.get_by_role("status")).to_contain_text(
        f"These fees are already paid: nothing is due now on {number}.")
    expect(page.get_by_role("status").get_by_role("link", name="See receipt")).to_have_attribute(
        "href", urlsplit(receipt).path)
    expect(page.get_by_role("button", name="Pay $83.60")).to_have_count(0)
    page.go_forward()
    page.wait_for_url(receipt)
    wizard.expect_step("Payment received")
    assert fetch_rows(server.database_url, "SELECT count(DISTINCT l.payment) FROM payment_line l"
                      " JOIN fee_item f ON f.id = l.fee_item JOIN permit p ON p.id = f.permit"
                      f" WHERE p.number = '{number}'") == [(1,)], "paid once"


def test_permit_numbers_never_break_and_the_tabs_stay_on_one_row_at_360_px(tab, server):
    permit = PermitPage(tab, "BLD2026-00042")
    permit.open()
    assert tab.page.viewport_size["width"] == 360
    tops = {round(box["y"]) for box in (permit.tab_link(name).bounding_box()
                                        for name in ("Info", "Fees", "Inspections", "History"))}
    assert len(tops) == 1, f"the tabs wrapped onto {len(tops)} rows"
    assert one_line(tab.page.get_by_role("heading", level=1), "BLD2026-00042")
    tab.check()
    tab.page.goto(f"{server.base_url}/permits/BLD2026-00042/card")
    heading = tab.page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Permit BLD2026-00042")
    assert one_line(heading, "BLD2026-00042"), "the card heading breaks mid-number"
    expect(tab.page.get_by_role("button", name="Print this card")).to_be_visible()
    tab.check()


def test_back_after_live_searches_shows_the_text_that_found_the_results(tab):
    search = SearchPage(tab)
    search.open()
    search.box.fill("8500")
    tab.page.wait_for_url(url_with_query(search.path, q="8500"))
    wait_for_htmx_idle(tab.page)
    first = search.results_heading.inner_text()
    search.box.fill("8500 sunset")
    tab.page.wait_for_url(url_with_query(search.path, q="8500 sunset"))
    wait_for_htmx_idle(tab.page)
    second = search.results_heading.inner_text()
    tab.page.go_back()
    tab.page.wait_for_url(url_with_query(search.path, q="8500"))
    expect(search.results_heading).to_have_text(first)
    expect(search.box).to_have_value("8500")
    tab.check()
    tab.page.go_forward()
    tab.page.wait_for_url(url_with_query(search.path, q="8500 sunset"))
    expect(search.results_heading).to_have_text(second)
    expect(search.box).to_have_value("8500 sunset")
    tab.page.go_back()
    tab.page.wait_for_url(url_with_query(search.path, q="8500"))
    expect(search.box).to_have_value("8500")
    tab.page.go_forward()
    tab.page.wait_for_url(url_with_query(search.path, q="8500 sunset"))
    expect(search.box).to_have_value("8500 sunset")


STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("main *, header *, footer *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || el.closest(".visually-hidden")) continue;
    // Past the screen's edge, or text running out of its own box (a word too long to wrap).
    if (box.right > width + 0.5 || box.left < -0.5
        || el.clientWidth && el.scrollWidth > el.clientWidth + 1) {
      out.push(el.tagName + "." + el.className + ": " + (el.textContent || "").trim().slice(0, 40));
    }
  }
  if (document.documentElement.scrollWidth > width) out.push("the page scrolls sideways");
  return out;
}"""


# What a real page may hold that the known data does not: a long address for the public
# page (PERMITLINE_BASE_URL), an e-mail address, a card number pasted twice, an amount in the
# millions. Each is added to every text box of the page before it is measured.
LONG_WORDS = """() => {
  const words = " https://permits.city-of-west-hollywood.example.gov/permits/BLD2026-00042/card"
    + " contractor.accounts.payable@harbor-builders-incorporated.example.com"
    + " 4242424242424242424242424242 $12,345,678.90";
  for (const el of document.querySelectorAll(
      "main td:not(.num), main th:not(.num), main p, main li, main h1, main h2, main dd")) {
    if (!el.closest(".visually-hidden")) el.append(words);
  }
}"""


def nothing_sticks_out(tab) -> None:
    """No element reaches past a 360 px screen, nor scrolls sideways inside a box: a table,
    a heading, a long number, address or date all fit, wrapping where they must."""
    assert tab.page.viewport_size["width"] == 360
    tab.check()
    assert tab.page.evaluate(STICKING_OUT) == [], tab.page.url
    tab.page.evaluate(LONG_WORDS)
    assert tab.page.evaluate(STICKING_OUT) == [], f"{tab.page.url} with long words"


def test_cart_pay_page_receipt_and_permit_card_fit_a_360_px_screen(tab, mailbox, server):
    _, number = submitted_water_heater(tab, mailbox, server)
    wizard, page = Wizard(tab), tab.page
    page.get_by_role("link", name="Pay $83.60 now").click()
    wizard.expect_step("Fees to pay")
    nothing_sticks_out(tab)
    page.reload()
    wizard.press("Continue to payment")
    wizard.expect_step("Pay $83.60")
    nothing_sticks_out(tab)
    page.reload()
    wizard.fill("Card number", "4242 4242 4242 4242 4242 4242 4242")
    wizard.press("Pay $83.60")
    expect(wizard.error_summary).to_be_visible()
    nothing_sticks_out(tab)
    page.reload()
    wizard.fill("Card number", "4242 4242 4242 4242")
    wizard.fill("Expiry date (MM/YY)", "12/35")
    wizard.fill("Security code", "123")
    wizard.press("Pay $83.60")
    wizard.expect_step("Payment received")
    nothing_sticks_out(tab)
    page.reload()
    page.get_by_role("link", name=f"Permit card for {number}").click()
    nothing_sticks_out(tab)


def test_a_license_refusal_with_its_long_date_fits_a_360_px_screen(tab):
    from tests.e2e.account_pages import RegisterContractorPage

    register = RegisterContractorPage(tab)
    register.goto("/register/contractor")
    register.look_up("2000003")  # Lapsed Plumbing: expired on 31 January 2025
    expect(register.field_error(RegisterContractorPage.LICENSE)).to_contain_text("expired on")
    nothing_sticks_out(tab)
