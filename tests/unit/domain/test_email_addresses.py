"""Every typed e-mail address is exactly one mailbox, written plainly (issue 14 §4: the city's
mail must not be sent to a list, a display name or a header a registration smuggled in)."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from domain.email_addresses import (
    EMPTY, LIKE, LONG, ONE, PLAIN, check_email, normalize_email, read_email,
)
from domain.outcomes import Accepted

GOOD = [
    ("ana@example.com", "ana@example.com"), ("  Ana.Ruiz@Example.COM\t", "ana.ruiz@example.com"),
    ("o'brien@obrien-electric.com", "o'brien@obrien-electric.com"),
    ("permits+acme@mail.example.co.uk", "permits+acme@mail.example.co.uk"),
    ("ａｎａ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ana@example.com"), ("a_b-c@x-y.org", "a_b-c@x-y.org"),
    ("user@xn--bcher-kva.example", "user@xn--bcher-kva.example"),
]
BAD = [
    ("", EMPTY), ("   ", EMPTY),
    ("a@x.com, b@y.com", ONE), ("a@x.com,b@y.com", ONE), ("a@x.com; b@y.com", ONE),
    ("a@x.com b@y.com", ONE), ("a@b@x.com", ONE), ("a,b@x.com", ONE), ("a;b@x.com", ONE),
    ("Ana <ana@x.com>", PLAIN), ("<ana@x.com>", PLAIN), ('"ana ruiz"@x.com', PLAIN),
    ('"ana"@x.com', PLAIN), ("Ana Ruiz ana@x.com", PLAIN), ("(boss)ana@x.com", PLAIN),
    ("ana@[127.0.0.1]", PLAIN), ("ana\\@x.com", PLAIN),
    ("ana@x.com\r\nBcc: all@city.gov", LIKE), ("ana@x.com\nBcc: b@y.com", LIKE),
    ("ana@x.com\r", LIKE), ("ana@x.com\r\n", LIKE), ("an\ra@x.com", LIKE),
    ("ana", LIKE), ("ana@", LIKE), ("@x.com", LIKE), ("ana@x", LIKE), ("ana@x.c", LIKE),
    ("ana@1.2.3.4", LIKE), ("ana..ruiz@x.com", LIKE), (".ana@x.com", LIKE),
    ("ana.@x.com", LIKE), ("ana@-x.com", LIKE), ("ana@x-.com", LIKE), ("ana@x..com", LIKE),
    ("ana @x.com", LIKE), ("josé@example.com", LIKE), ("ana@exämple.com", LIKE),
    ("a" * 95 + "@x.com", LONG),
]


@pytest.mark.parametrize("text, address", GOOD)
def test_one_plainly_written_address_is_read_in_lower_case(text, address):
    assert read_email(text) == Accepted(address)
    assert check_email(text) is None


@pytest.mark.parametrize("text, message", BAD)
def test_anything_but_one_plain_address_is_refused_with_a_reason(text, message):
    assert read_email(text).errors == {"email": message}
    assert check_email(text) == message


@given(st.lists(st.sampled_from([a for _, a in GOOD]), min_size=2, max_size=4),
       st.sampled_from([",", ";", " ", ", ", "\n", "\r\n"]))
def test_a_list_of_good_addresses_is_never_one_address(addresses, separator):
    assert not isinstance(read_email(separator.join(addresses)), Accepted)


@given(st.text(max_size=40))
def test_whatever_is_typed_an_accepted_address_has_one_at_and_no_separators(text):
    outcome = read_email(text)
    if isinstance(outcome, Accepted):
        address = outcome.value
        assert address.count("@") == 1 and address.isascii()
        assert not any(c in address for c in ",;<>\"\r\n\t ()")
        assert address == normalize_email(address)
