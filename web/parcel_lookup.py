"""Turning a typed address into one of the city's parcels, asking when several match."""
from __future__ import annotations

from db.parcels import ParcelChoice, parcel_choice, parcels_at, suggest
from domain.addresses import parse_address, street_key


async def find_parcel(values: dict[str, str]) -> tuple[list[ParcelChoice], dict[str, str]]:
    """The parcel choices for ``values["address"]`` (or the chosen ``values["parcel"]``), and
    an error for the field that needs another look."""
    chosen = values.get("parcel", "")
    if chosen.isdigit():
        parcel = await parcel_choice(int(chosen))
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
    if not (number.isascii() and number.isdigit()) or len(number) > 6:
        return []
    return await suggest(int(number), street_key(street) if street.strip() else "")
