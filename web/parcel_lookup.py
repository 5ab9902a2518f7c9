"""Turning a typed address into one of the city's parcels, asking when several match."""
from __future__ import annotations

from db.permits.parcels import ParcelChoice, parcel_choice, parcels_at, suggest
from domain.addresses import parse_address, street_key
from domain.numbers import id_or_none, whole_or_none


async def find_parcel(values: dict[str, str]) -> tuple[list[ParcelChoice], dict[str, str]]:
    """The parcel choices for ``values["address"]`` (or the chosen ``values["parcel"]``), and
    an error for the field that needs another look."""
    chosen = id_or_none(values.get("parcel", ""))
    if chosen is not None:
        parcel = await parcel_choice(chosen)
        if parcel is not None:
            return [parcel], {}
    address = parse_address(values.get("address", ""))
    if address is None:
        return [], {"address": "Enter the street address, like 1234 N Havenhurst Dr #3."}
    choices = await parcels_at(address)
    if not choices:
        return [], {"address": "We could not find that address among the city's parcels. "
                               "Check the house number and street."}
    if len(choices) > 1:
        return choices, {"parcel": "Several homes share that address: choose one."}
    return choices, {}


async def suggestions(text: str) -> list[ParcelChoice]:
    """Up to eight addresses starting like ``text`` (a house number, then the street)."""
    number, _, street = text.strip().partition(" ")
    house = whole_or_none(number, most=999_999)
    if house is None:
        return []
    return await suggest(house, street_key(street) if street.strip() else "")
