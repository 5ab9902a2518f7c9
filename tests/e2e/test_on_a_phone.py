"""What a contractor trips over on a phone (issue 14 §10), at 360 px in Chromium: permit numbers
that break mid-number, tabs that wrap, and the search box after Back."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.pages import PermitPage, SearchPage, url_with_query, wait_for_htmx_idle


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
    tab.page.go_back()
    tab.page.wait_for_url(url_with_query(search.path, q="8500"))
    expect(search.results_heading).to_have_text(first)
    expect(search.box).to_have_value("8500")
    tab.check()
