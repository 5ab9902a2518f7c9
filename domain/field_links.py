"""A stop's links for the inspector in the field (issue 17 §3): directions, call and text."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from domain.phone_numbers import tel_uri

# Google Maps' documented cross-platform URL: it opens the phone's maps app with directions
# from where the inspector is (https://developers.google.com/maps/documentation/urls/get-started).
DIRECTIONS = "https://www.google.com/maps/dir/?api=1&destination={place}"


@dataclass(frozen=True)
class FieldLinks:
    directions: str  # "" when there is no address to go to
    call: str | None  # tel: URI, None when the number cannot be dialled
    text: str | None  # sms: URI, the same number


def field_links(full_address: str, phone: str) -> FieldLinks:
    """The address with city, state and ZIP (domain.addresses.full_address: a street alone
    can land in another city) and the site contact's number as links a phone opens."""
    call = tel_uri(phone)
    return FieldLinks(DIRECTIONS.format(place=quote(full_address, safe="")) if full_address
                      else "", call, "sms:" + call.removeprefix("tel:") if call else None)
