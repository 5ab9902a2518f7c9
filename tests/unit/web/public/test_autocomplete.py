"""Every `autocomplete` in every template is a valid token list (HTML standard §4.10.18.7.1).

Browsers and password managers ignore an invalid one, so a phone offers nothing to fill in
(issue 14 §9). The Nu HTML Checker (test_html_validity.py) checks the rendered main pages;
this reads every template, including the pages it does not render.
"""
from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[4] / "web" / "templates"
# The standard's autofill field names; the contact ones may follow home/work/mobile/fax/pager.
FIELDS = {
    "name", "honorific-prefix", "given-name", "additional-name", "family-name",
    "honorific-suffix", "nickname", "username", "new-password", "current-password",
    "one-time-code", "organization-title", "organization", "street-address", "address-line1",
    "address-line2", "address-line3", "address-level4", "address-level3", "address-level2",
    "address-level1", "country", "country-name", "postal-code", "cc-name", "cc-given-name",
    "cc-additional-name", "cc-family-name", "cc-number", "cc-exp", "cc-exp-month",
    "cc-exp-year", "cc-csc", "cc-type", "transaction-currency", "transaction-amount",
    "language", "bday", "bday-day", "bday-month", "bday-year", "sex", "url", "photo",
}
CONTACT_FIELDS = {
    "tel", "tel-country-code", "tel-national", "tel-area-code", "tel-local",
    "tel-local-prefix", "tel-local-suffix", "tel-extension", "email", "impp",
}
# Names for a multi-line box (a textarea), never a one-line input.
MULTILINE = {"street-address"}
# autocomplete="…" in a tag, or autocomplete="…" passed to a form macro (text_field).
VALUE = re.compile(r"""autocomplete\s*=\s*["']([^"'{}]*)["']""")


def valid(value: str) -> bool:
    tokens = value.lower().split()
    if tokens in (["on"], ["off"]):
        return True
    if tokens and tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    if tokens and tokens[0].startswith("section-") and len(tokens[0]) > len("section-"):
        tokens = tokens[1:]
    if tokens and tokens[0] in ("shipping", "billing"):
        tokens = tokens[1:]
    if len(tokens) == 2 and tokens[0] in ("home", "work", "mobile", "fax", "pager"):
        return tokens[1] in CONTACT_FIELDS
    return len(tokens) == 1 and tokens[0] in FIELDS | CONTACT_FIELDS


def found() -> list[tuple[str, int, str, str]]:
    """(template, line, the value, the line's text) of every autocomplete."""
    uses = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            uses += [(str(path.relative_to(TEMPLATES)), number, m[1], line)
                     for m in VALUE.finditer(line)]
    return uses


def test_templates_ask_for_autofill_in_many_places():
    assert len(found()) > 30  # the pattern reads the templates, not nothing


def test_every_autocomplete_value_is_one_the_html_standard_defines():
    invalid = [f"{name}:{line} {value!r}" for name, line, value, _ in found()
               if not valid(value)]
    assert invalid == []


def test_no_one_line_input_asks_for_a_multi_line_address():
    misplaced = [f"{name}:{line}" for name, line, value, text in found()
                 if value.split()[-1:] and value.split()[-1] in MULTILINE
                 and "<textarea" not in text]
    assert misplaced == []


def test_the_validator_itself_knows_good_from_bad():
    for good in ("off", "email", "work tel", "section-site billing street-address",
                 "username webauthn", "shipping address-line1"):
        assert valid(good), good
    for bad in ("", "phone", "work name", "street", "on off", "section- email", "tel work"):
        assert not valid(bad), bad
