"""Street addresses and assessor parcel numbers: normalizing what people type."""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.numbers import whole_or_none

# USPS Publication 28, Appendix C1: common suffixes and their standard abbreviations.
STREET_SUFFIXES: dict[str, str] = {
    "avenue": "Ave", "ave": "Ave", "av": "Ave",
    "boulevard": "Blvd", "blvd": "Blvd", "boul": "Blvd",
    "street": "St", "st": "St", "str": "St",
    "drive": "Dr", "dr": "Dr", "drv": "Dr",
    "place": "Pl", "pl": "Pl",
    "road": "Rd", "rd": "Rd",
    "lane": "Ln", "ln": "Ln",
    "court": "Ct", "ct": "Ct",
    "way": "Way", "wy": "Way",
    "terrace": "Ter", "ter": "Ter",
    "circle": "Cir", "cir": "Cir",
    "parkway": "Pkwy", "pkwy": "Pkwy",
}
DIRECTIONALS: dict[str, str] = {
    "n": "N", "north": "N", "s": "S", "south": "S", "e": "E", "east": "E", "w": "W", "west": "W",
}
ADDRESS_LIMIT = 120  # characters of a typed address: permit.site_address holds 120
UNIT_DESIGNATORS = frozenset({"#", "apt", "unit", "ste", "suite", "no", "spc", "bldg"})

_TOKEN = re.compile(r"#|[^\W_]+(?:['\-][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class AddressQuery:
    house_number: int
    street_key: str
    unit: str | None = None


def street_key(street: str) -> str:
    """The comparable core of a street name: lower case, no directional, no suffix.

    "N. La Cienega Blvd" and "la cienega" share the key "la cienega".
    """
    words = [w.lower() for w in _TOKEN.findall(street) if w != "#"]
    if len(words) > 1 and words[0] in DIRECTIONALS:
        words = words[1:]
    if len(words) > 1 and words[-1] in STREET_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def parse_address(text: str) -> AddressQuery | None:
    """Read "8500 Sunset Blvd #3", "8500 SUNSET", "8500 sunset boulevard unit 3"."""
    if len(text) > ADDRESS_LIMIT:
        return None
    tokens = _TOKEN.findall(text)
    house = whole_or_none(tokens[0], most=999_999) if tokens else None  # ASCII digits only
    if len(tokens) < 2 or house is None:
        return None
    unit = None
    street_words: list[str] = []
    rest = tokens[1:]
    for i, word in enumerate(rest):
        if word.lower() in UNIT_DESIGNATORS and street_words:
            unit = " ".join(rest[i + 1:]).upper() or None
            break
        street_words.append(word)
    key = street_key(" ".join(street_words))
    if not key or not any(c.isalpha() for c in key):
        return None
    return AddressQuery(house, key, unit)


APN = re.compile(r"^(\d{4})-?(\d{3})-?(\d{3})$", re.ASCII)


def normalize_apn(text: str) -> str | None:
    """Los Angeles County APNs are 10 digits written 4-3-3: ``5529-012-034``."""
    match = APN.match(text.strip())
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def format_address(house_number: int, street: str, unit: str | None = None) -> str:
    return f"{house_number} {street}" + (f" #{unit}" if unit else "")


def full_address(site_address: str, city: str, state: str, zip_code: str) -> str:
    """The address a map app finds in the right city: "8500 Sunset Blvd, West Hollywood, CA
    90069" (issue 14: a street alone can land in another city)."""
    place = " ".join(part for part in (state, zip_code) if part)
    return ", ".join(part for part in (site_address, city, place) if part)
