"""Journey: a keyboard user moves through a permit page and switches tabs."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.pages import BrowserTab
from tests.e2e.public_pages import PermitPage

MAX_TABS = 40

FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return {outline, boxShadow: s.boxShadow !== 'none', style: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} / ${s.boxShadow}`};
}"""


def press_tab_until(page, locator) -> list[str]:
    """Presses Tab until ``locator`` has focus; returns what got focus on the way."""
    path: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return path
        path.append(page.evaluate("() => document.activeElement.textContent.trim().slice(0, 40)"))
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached the target; went through "
                         f"{path}")


def test_tab_reaches_the_permit_sections_and_enter_opens_one_with_a_visible_focus(
        tab: BrowserTab):
    page = tab.page
    permit = PermitPage(tab, "BLD2026-00042")
    permit.open()
    tab.check()

    skip = page.get_by_role("link", name="Skip to main content")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    fees = permit.tab_link("Fees")
    press_tab_until(page, fees)
    expect(fees).to_be_focused()
    focus = fees.evaluate(FOCUS_STYLE)
    assert focus["outline"] or focus["boxShadow"], f"no visible focus on the Fees tab: {focus}"

    page.keyboard.press("Enter")
    permit.expect_tab("Fees")
    expect(permit.panel.get_by_role("table")).to_contain_text("Building permit fee")
    expect(permit.tab_link("Fees")).to_be_focused()  # the swap did not drop focus to <body>
    tab.check()
