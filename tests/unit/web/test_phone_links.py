"""Every phone number a page shows is a link a phone dials (issue 14 §10, second reading): the
portal is read on phones, and a number in plain text must be copied by hand."""
from __future__ import annotations

from html.parser import HTMLParser

from tests.unit.test_support import accounts_page_with
from tests.unit.web.inspector.test_inspector import booked_inspection
from tests.unit.web.journeys import (
    confirm_email, csrf, new_email, register_contractor, staff_client
)
from web.phone_text import PHONE, link_phones


class UnlinkedPhones(HTMLParser):
    """The phone numbers in a page's text that are not inside a tel: link (scripts, styles and
    attribute values are not text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tel_depth = self.skip_depth = 0
        self.anchors: list[bool] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            tel = (dict(attrs).get("href") or "").startswith("tel:")
            self.anchors.append(tel)
            self.tel_depth += tel
        elif tag in ("script", "style", "title"):
            self.skip_depth += 1

    def handle_endtag(self, tag):
        if tag == "a" and self.anchors:
            self.tel_depth -= self.anchors.pop()
        elif tag in ("script", "style", "title"):
            self.skip_depth -= 1

    def handle_data(self, data):
        if not self.tel_depth and not self.skip_depth:
            self.found += [m[0] for m in PHONE.finditer(data)]


def unlinked_phones(html: str) -> list[str]:
    parser = UnlinkedPhones()
    parser.feed(html)
    return parser.found


def test_a_number_in_a_sentence_becomes_a_link_and_the_rest_stays_text():
    assert str(link_phones("Call (323) 848-6475 or 323.555.0100 <now>, not 555-0100.")) == (
        'Call <a href="tel:+13238486475">(323) 848-6475</a> or '
        '<a href="tel:+13235550100">323.555.0100</a> &lt;now&gt;, not 555-0100.')
    assert unlinked_phones(str(link_phones("ring 323-848-6475"))) == []
    assert unlinked_phones("<p>ring 323-848-6475</p>") == ["323-848-6475"], "the check checks"


def test_the_main_pages_show_no_phone_number_that_cannot_be_tapped(clock):
    portal = clock
    visitor = portal.client()
    number, _, contractor = booked_inspection(portal)
    email = new_email("waiting")
    register_contractor(portal.client(), "1023456", email, phone="(323) 555-0188")
    confirm_email(portal, portal.client(), email)
    pages = {
        "home": visitor.get("/"),
        "permit": visitor.get("/permits/BLD2026-00042"),
        "card": visitor.get("/permits/BLD2026-00042/card"),
        "search": visitor.get("/permits?q=roof"),
        "missing": visitor.get("/no/such/page"),
        "link sent": visitor.post("/account/forgot-password", data={
            "email": "nobody@example.com", "csrf_token": csrf(visitor)}),
        "dashboard": contractor.get("/dashboard"),
        "profile": contractor.get("/account"),
        "inspections tab": contractor.get(f"/permits/{number}/inspections"),
        "staff accounts": accounts_page_with(staff_client(portal), email),
    }
    assert '<a href="tel:+13235550188">323-555-0188</a>' in pages["staff accounts"].text
    assert '<a href="tel:+13235550100">3235550100</a>' in pages["staff accounts"].text, \
        "the license's business phone, as the state registry writes it"
    assert 'href="tel:+13235550177"' in pages["inspections tab"].text, "the site contact"
    unlinked = {name: unlinked_phones(page.text) for name, page in pages.items()}
    assert {name: found for name, found in unlinked.items() if found} == {}
