"""Every page carries the site's icon (issue 14 §10, second reading: the permit card and the
printable estimate, pages of their own, showed the browser's blank icon)."""
from __future__ import annotations

from pathlib import Path

from tests.unit.web.contractor.submitted import CARD, checkout, submitted_application
from tests.unit.web.contractor.test_applications import post
from tests.unit.web.journeys import verified_contractor

TEMPLATES = Path(__file__).parents[3] / "web" / "templates"
ICON = '<link rel="icon" href="/static/icons/permitline.svg?v='


def test_every_template_that_is_a_whole_page_links_the_icon():
    pages = [path for path in TEMPLATES.rglob("*.html")
             if "<!doctype html>" in path.read_text().lower()]
    assert len(pages) >= 3
    for path in pages:
        text = path.read_text()
        assert "chrome.head" in text or 'rel="icon"' in text, path.name


def test_card_print_cart_pay_receipt_and_error_pages_show_the_icon(portal):
    visitor = portal.client()
    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    key, items = checkout(client, number)
    pages = {
        "card": visitor.get("/permits/BLD2026-00042/card"),
        "estimate print": visitor.get("/fees/estimate/print", params={
            "type": "MEC", "subtype": "HVAC Change-out", "MEC-AC": "1"}),
        "cart": client.get("/cart"),
        "pay": client.get("/checkout", params={"permit": number}),
        "missing": visitor.get("/no/such/page"),
        "refused form": visitor.post("/account/forgot-password", data={"email": "x@example.com"}),
    }
    paid = post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    pages["receipt"] = client.get(paid.headers["location"])
    assert [pages[name].status_code for name in ("card", "estimate print", "pay")] == [200] * 3
    assert '<body class="print">' in pages["estimate print"].text, "the page of its own"
    for name, page in pages.items():
        assert ICON in page.text, name
