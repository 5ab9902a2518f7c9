"""A stop's links for the field (issue 17 §3): directions to the full address, call and text."""
from __future__ import annotations

from domain.field_links import field_links


def test_directions_to_the_full_address_and_the_contact_s_number():
    links = field_links("123 Kings Rd #4, West Hollywood, CA 90069", "(323) 555-0177")
    assert links.directions == ("https://www.google.com/maps/dir/?api=1&destination="
                                "123%20Kings%20Rd%20%234%2C%20West%20Hollywood%2C%20CA%2090069")
    assert (links.call, links.text) == ("tel:+13235550177", "sms:+13235550177")


def test_no_link_where_there_is_nothing_to_reach():
    links = field_links("", "ext. 12")
    assert (links.directions, links.call, links.text) == ("", None, None)
