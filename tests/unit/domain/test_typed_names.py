"""Typed names carry no web address, e-mail address or phone number, however disguised, and
ordinary names of people and businesses pass (issue 14 §2, §4)."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, strategies as st

from domain.accounts import check_contact
from domain.outcomes import Rejected
from domain.typed_names import (
    EMAIL_ADDRESS, PHONE_NUMBER, WEB_ADDRESS, contact_in, name_refusal, normalized
)
from tests.unit.domain.samples import sample

# The bidirectional override stays here, where it can be seen.
NAMES = [*sample("ordinary_names"), "Bob \u202eBuilders\u202c"]

LURES = [
    ("visit evil.com today", WEB_ADDRESS), ("evil．com", WEB_ADDRESS),
    ("evil。com", WEB_ADDRESS), ("evil․com", WEB_ADDRESS), ("evil｡com", WEB_ADDRESS),
    ("evil·com", WEB_ADDRESS), ("example [.] com", WEB_ADDRESS), ("example(.)com", WEB_ADDRESS),
    ("example [dot] com", WEB_ADDRESS), ("example (dot) net", WEB_ADDRESS),
    ("example dot com", WEB_ADDRESS), ("example DOT org", WEB_ADDRESS),
    ("example . com", WEB_ADDRESS), ("evil.co", WEB_ADDRESS), ("Roofing at evil.co", WEB_ADDRESS),
    ("site.io now", WEB_ADDRESS), ("login.city-permits.xyz", WEB_ADDRESS),
    ("sub.evil.co", WEB_ADDRESS), ("ｗｗｗ．ｅｖｉｌ．ｃｏｍ", WEB_ADDRESS),
    ("evil\u200b.com", WEB_ADDRESS), ("www evil", WEB_ADDRESS), ("http evil", WEB_ADDRESS),
    ("ftp://files", WEB_ADDRESS), ("see evil.example/restore", WEB_ADDRESS),
    ("xn--80ak6aa92e", WEB_ADDRESS), ("Bob .com", WEB_ADDRESS),
    ("name@evil.co", EMAIL_ADDRESS), ("name＠evil", EMAIL_ADDRESS), ("name﹫evil", EMAIL_ADDRESS),
    ("name [at] evil", EMAIL_ADDRESS), ("name(at)evil", EMAIL_ADDRESS),
    ("call 323-555-0199", PHONE_NUMBER), ("(323) 555 0199", PHONE_NUMBER),
    ("+1.323.555.0199", PHONE_NUMBER), ("City notice call 555 0100", PHONE_NUMBER),
    ("call ３２３５５５０１９９", PHONE_NUMBER), ("call ٣٢٣٥٥٥٠١٩٩", PHONE_NUMBER),
    ("Roofing 3235550199", PHONE_NUMBER),
    # Found by the second reader: spaced, spelled and look-alike dots, any ending, and
    # phone numbers written with Unicode dashes, slashes or underscores.
    ("evil. com", WEB_ADDRESS), ("evil .co", WEB_ADDRESS), ("evil dot co", WEB_ADDRESS),
    ("evil dot us", WEB_ADDRESS), ("evil\u2027com", WEB_ADDRESS), ("evil\u2e33com", WEB_ADDRESS),
    ("evil-dot-com", WEB_ADDRESS), ("evil_dot_co", WEB_ADDRESS), ("e v i l . c o m", WEB_ADDRESS),
    ("example DOT c o m", WEB_ADDRESS), ("Polka Dot Com", WEB_ADDRESS),
    ("Secure-Login.Support", WEB_ADDRESS), ("restore-access.help", WEB_ADDRESS),
    ("evil.loans", WEB_ADDRESS), ("evil.center", WEB_ADDRESS), ("evil.pro", WEB_ADDRESS),
    ("evil.plumbing", WEB_ADDRESS), ("example . plumbing", WEB_ADDRESS),
    ("Bob \u202emoc.lootkcats\u202c Builders", WEB_ADDRESS),
    ("323\u2010555\u20100199", PHONE_NUMBER), ("323\u2013555\u20130199", PHONE_NUMBER),
    ("323\u2014555\u20140199", PHONE_NUMBER), ("323\u2212555\u22120199", PHONE_NUMBER),
    ("323/555/0199", PHONE_NUMBER), ("323_555_0199", PHONE_NUMBER),
]


@pytest.mark.parametrize("name", NAMES)
def test_ordinary_names_of_people_and_businesses_pass(name):
    assert contact_in(name) is None
    assert name_refusal(name) is None


@pytest.mark.parametrize("text, found", LURES)
def test_names_carrying_a_contact_are_refused_however_it_is_disguised(text, found):
    assert contact_in(text) == found
    assert name_refusal(text, "the business name") == (
        f"Enter the business name without {found} in it.")


@given(st.sampled_from(NAMES), st.sampled_from(LURES))
def test_a_lure_inside_an_ordinary_name_is_still_found(name, lure):
    assert contact_in(f"{name} {lure[0]}") is not None
    assert contact_in(f"{lure[0]} {name}") is not None


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéñüøçÅ",
               min_size=1, max_size=12).filter(
    lambda w: w.lower() not in ("www", "http", "https", "dot"))
JOINS = st.sampled_from([" ", ". ", ", ", " & ", "-", "'", "’", " and ", " 24/7 ", " No. 1 "])


@given(st.lists(st.tuples(WORD, JOINS), min_size=1, max_size=8), WORD)
def test_names_written_as_names_always_pass(parts, last):
    """Words, initials ("J. R."), commas, ampersands, hyphens and apostrophes: a name."""
    name = "".join(word + join for word, join in parts) + last
    assert contact_in(name) is None, name


def test_a_name_is_kept_in_nfkc_form_with_single_spaces():
    assert normalized("  Ｊｏｅ\u3000 Ｓｍｉｔｈ  ") == "Joe Smith"
    assert normalized("Pen\u0303a") == "Peña"


@pytest.mark.parametrize("typed, kept", [
    ("Bob \u202emoc.lootkcats\u202c Builders", "Bob moc.lootkcats Builders"),
    ("Ana\u200b Ruiz\u2066\u2069", "Ana Ruiz"), ("\ufeffAna\u00ad Ruiz\x07", "Ana Ruiz"),
    ("Ana\u2028Ruiz", "Ana Ruiz"), ("Ana\u3164 Ruiz\u034f", "Ana Ruiz"),
])
def test_a_name_is_kept_without_invisible_or_direction_control_characters(typed, kept):
    """What is judged is what is kept, so no reversed or hidden text reaches e-mail or pages."""
    assert normalized(typed) == kept
    assert all(unicodedata.category(c)[0] != "C" for c in normalized(typed))


def test_registration_and_an_owner_s_name_refuse_a_phone_number():
    outcome = check_contact({"name": "Call 323 555 0199", "email": "a@example.com",
                             "phone": "323-555-0100"})
    assert isinstance(outcome, Rejected)
    assert outcome.errors["name"] == "Enter a name without a phone number in it."
    owner = check_contact({"owner_name": "Olivia evil．com", "owner_phone": "3235550100"},
                          prefix="owner_", whose="the property owner's", email_required=False)
    assert owner.errors["owner_name"] == "Enter a name without a web address in it."
