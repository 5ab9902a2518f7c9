"""Finding the city's parcels by the address someone typed."""
from __future__ import annotations

from dataclasses import dataclass

from db.tables import Parcel
from domain.addresses import AddressQuery, format_address


@dataclass(frozen=True)
class ParcelChoice:
    id: int
    apn: str
    address: str


async def parcels_at(address: AddressQuery) -> list[ParcelChoice]:
    """Parcels at a house number and street; with a unit, only that unit if it exists."""
    rows = await Parcel.select(
        Parcel.id, Parcel.apn, Parcel.house_number, Parcel.street_name, Parcel.street_suffix,
        Parcel.unit,
    ).where((Parcel.street_key == address.street_key)
            & (Parcel.house_number == address.house_number)).order_by(Parcel.unit)
    if address.unit:
        exact = [row for row in rows if (row["unit"] or "").upper() == address.unit]
        rows = exact or rows
    return [ParcelChoice(row["id"], row["apn"], format_address(
        row["house_number"], f"{row['street_name']} {row['street_suffix']}", row["unit"]))
        for row in rows]


async def parcel_choice(parcel_id: int) -> ParcelChoice | None:
    row = await Parcel.select(
        Parcel.id, Parcel.apn, Parcel.house_number, Parcel.street_name, Parcel.street_suffix,
        Parcel.unit).where(Parcel.id == parcel_id).first()
    if row is None:
        return None
    return ParcelChoice(row["id"], row["apn"], format_address(
        row["house_number"], f"{row['street_name']} {row['street_suffix']}", row["unit"]))


async def suggest(house_number: int, street_prefix: str, limit: int = 8) -> list[ParcelChoice]:
    """Addresses that start like what is being typed: the number, and the street so far."""
    query = Parcel.select(
        Parcel.id, Parcel.apn, Parcel.house_number, Parcel.street_name, Parcel.street_suffix,
        Parcel.unit).where(Parcel.house_number == house_number)
    if street_prefix:
        query = query.where(Parcel.street_key.like(street_prefix.replace("%", "") + "%"))
    rows = await query.order_by(Parcel.street_key).order_by(Parcel.unit).limit(limit)
    return [ParcelChoice(row["id"], row["apn"], format_address(
        row["house_number"], f"{row['street_name']} {row['street_suffix']}", row["unit"]))
        for row in rows]
