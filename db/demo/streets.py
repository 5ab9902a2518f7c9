"""West Hollywood's streets and a deterministic set of parcels along them (demo data)."""
from __future__ import annotations

import random
from dataclasses import dataclass

from domain.addresses import format_address, street_key

CITY, STATE = "West Hollywood", "CA"
# The city's bounds (brief): every generated coordinate is kept inside them.
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 34.0802, 34.0998, -118.3945, -118.3452
LA_CIENEGA_LON, FAIRFAX_LON = -118.3765, -118.3617


def lon_of_number(number: int) -> float:
    """East-west house numbers grow westward: about 7100 at La Brea, 9100 at Doheny."""
    return -118.3444 - (number - 7100) * 0.00002305


def lat_of_number(number: int) -> float:
    """North-south house numbers grow northward: about 700 at Melrose, 1400 near Sunset."""
    return 34.0835 + (number - 700) * 0.0000205


@dataclass(frozen=True)
class Street:
    name: str  # with its directional, as Parcel.street_name stores it: "N La Cienega"
    suffix: str
    low: int
    high: int
    zoning: tuple[tuple[str, int], ...]  # (zone, weight)
    lat: tuple[float, float] | None = None  # east-west streets: latitude at low, at high
    across: int | None = None  # north-south streets: the east-west number where they run


COMMERCIAL_BLVD = (("CC1", 4), ("CC2", 3), ("CA", 2), ("R4B", 1))
SIDE_STREET = (("R3C", 4), ("R4B", 3), ("R2", 2), ("R1B", 1))
MULTI_FAMILY = (("R4B", 4), ("R3C", 4), ("R2", 1))
SINGLE_FAMILY = (("R1B", 5), ("R2", 3), ("R3C", 1))
HILLSIDE = (("R1A", 4), ("R1C", 3), ("R2", 1))

STREETS: tuple[Street, ...] = (
    Street("Sunset", "Blvd", 8200, 9200, (("SSP", 5), ("CR", 3), ("R4B", 1)),
           lat=(34.0978, 34.0905)),
    Street("Santa Monica", "Blvd", 7100, 9100, COMMERCIAL_BLVD, lat=(34.0905, 34.0812)),
    Street("Melrose", "Ave", 8400, 9100, (("CC1", 4), ("CA", 3), ("CN1", 1)),
           lat=(34.0838, 34.0812)),
    Street("Fountain", "Ave", 7100, 8500, MULTI_FAMILY, lat=(34.0958, 34.0935)),
    Street("Romaine", "St", 7100, 7900, (("CC2", 3), ("R4B", 2), ("CN2", 1)),
           lat=(34.0885, 34.0885)),
    Street("Willoughby", "Ave", 7100, 7700, MULTI_FAMILY, lat=(34.0858, 34.0858)),
    Street("Waring", "Ave", 7100, 7500, MULTI_FAMILY, lat=(34.0832, 34.0832)),
    Street("Lexington", "Ave", 7100, 7800, MULTI_FAMILY, lat=(34.0935, 34.0935)),
    Street("Holloway", "Dr", 8400, 9000, MULTI_FAMILY, lat=(34.0925, 34.0900)),
    Street("Norma", "Pl", 8900, 9100, SINGLE_FAMILY, lat=(34.0868, 34.0860)),
    Street("Keith", "Ave", 8900, 9100, SINGLE_FAMILY, lat=(34.0878, 34.0872)),
    Street("Rangely", "Ave", 8700, 9000, SINGLE_FAMILY, lat=(34.0842, 34.0838)),
    Street("Cynthia", "St", 8900, 9100, MULTI_FAMILY, lat=(34.0895, 34.0890)),
    Street("Dorrington", "Ave", 8900, 9100, SINGLE_FAMILY, lat=(34.0828, 34.0825)),
    Street("Ashcroft", "Ave", 8800, 9000, SINGLE_FAMILY, lat=(34.0818, 34.0815)),
    Street("Horn", "Ave", 8900, 9030, HILLSIDE, lat=(34.0935, 34.0932)),
    Street("N La Cienega", "Blvd", 500, 1450, (("CC1", 3), ("CC2", 2), ("CR", 2)),
           across=8450),
    Street("N Robertson", "Blvd", 500, 1100, (("CC2", 4), ("CA", 2), ("R4B", 1)),
           across=8820),
    Street("N San Vicente", "Blvd", 500, 1200, (("CC1", 2), ("R4B", 3), ("R3C", 1)),
           across=8950),
    Street("N Doheny", "Dr", 600, 1300, MULTI_FAMILY, across=9120),
    Street("N Crescent Heights", "Blvd", 700, 1450, (("R4B", 3), ("CN1", 1), ("R3C", 2)),
           across=8050),
    Street("N Fairfax", "Ave", 700, 1450, (("CC1", 3), ("CN1", 2), ("R4B", 2)), across=7850),
    Street("N Havenhurst", "Dr", 800, 1450, MULTI_FAMILY, across=8150),
    Street("N Harper", "Ave", 800, 1450, MULTI_FAMILY, across=8200),
    Street("N Kings", "Rd", 600, 1450, SIDE_STREET, across=8400),
    Street("N Orlando", "Ave", 600, 950, SIDE_STREET, across=8430),
    Street("N Sweetzer", "Ave", 700, 1450, SIDE_STREET, across=8300),
    Street("N Flores", "St", 700, 1450, SIDE_STREET, across=8350),
    Street("N Laurel", "Ave", 700, 1450, SIDE_STREET, across=7950),
    Street("N Hayworth", "Ave", 700, 1450, SIDE_STREET, across=7900),
    Street("N Genesee", "Ave", 700, 1300, SIDE_STREET, across=7800),
    Street("N Spaulding", "Ave", 700, 1300, SIDE_STREET, across=7750),
    Street("N Ogden", "Dr", 700, 1300, SIDE_STREET, across=7780),
    Street("N Gardner", "St", 700, 1300, SIDE_STREET, across=7400),
    Street("N Vista", "St", 700, 1300, SIDE_STREET, across=7350),
    Street("N Martel", "Ave", 700, 1300, SIDE_STREET, across=7300),
    Street("N Poinsettia", "Pl", 700, 1300, SIDE_STREET, across=7250),
    Street("N Formosa", "Ave", 700, 1300, SIDE_STREET, across=7200),
    Street("N Detroit", "St", 700, 1300, SIDE_STREET, across=7150),
    Street("N Orange Grove", "Ave", 700, 1400, SIDE_STREET, across=7700),
    Street("N Huntley", "Dr", 600, 1000, SIDE_STREET, across=8600),
    Street("N Westmount", "Dr", 600, 1100, SIDE_STREET, across=8650),
    Street("N Palm", "Ave", 800, 1300, MULTI_FAMILY, across=8700),
    Street("N Hilldale", "Ave", 800, 1300, SIDE_STREET, across=9000),
    Street("N Larrabee", "St", 800, 1300, MULTI_FAMILY, across=8850),
    Street("N Hacienda", "Pl", 1200, 1450, HILLSIDE, across=8500),
    Street("N Alta Loma", "Rd", 1200, 1450, HILLSIDE, across=8550),
    Street("N Sherbourne", "Dr", 600, 1300, SIDE_STREET, across=8780),
    Street("N Cory", "Ave", 1200, 1450, HILLSIDE, across=9060),
    Street("N Hammond", "St", 800, 1300, MULTI_FAMILY, across=9040),
    Street("N Wetherly", "Dr", 800, 1400, HILLSIDE, across=9080),
)

# Assessor map books by district: 4-3-3 APNs within each book are allotted page by page.
DISTRICT_BOOKS = {"West": (4339, 4340, 4341), "Central": (5528, 5529, 5530),
                  "East": (5531, 5554, 5555)}

WEST, CENTRAL, EAST = "West", "Central", "East"
# Parcel categories that decide which kinds of permit a parcel gets.
SFD, MULTI, UNIT, COMMERCIAL = "sfd", "mf", "unit", "com"


@dataclass(frozen=True)
class Lot:
    row: tuple  # the Parcel row without its id
    category: str
    number: int
    street: str  # "N Havenhurst Dr"
    address: str  # formatted site address
    district: str
    condo_common: bool = False


def _district(lon: float) -> str:
    return WEST if lon < LA_CIENEGA_LON else CENTRAL if lon < FAIRFAX_LON else EAST


def _zip(lat: float, lon: float) -> str:
    if lon < LA_CIENEGA_LON:
        return "90069"
    return "90048" if lat < 34.0895 and lon < FAIRFAX_LON else "90046"


def _pick_zone(rng: random.Random, zoning: tuple[tuple[str, int], ...]) -> str:
    zones, weights = zip(*zoning)
    return rng.choices(zones, weights)[0]


def _category(zone: str) -> str:
    if zone.startswith(("C", "SSP")):
        return COMMERCIAL
    return SFD if zone.startswith(("R1", "R2")) else MULTI


def _position(rng: random.Random, street: Street, number: int) -> tuple[float, float]:
    if street.lat is not None:
        share = (number - street.low) / (street.high - street.low)
        lat = street.lat[0] + (street.lat[1] - street.lat[0]) * share
        lon = lon_of_number(number)
    else:
        lat, lon = lat_of_number(number), lon_of_number(street.across)
    lat += (rng.random() - 0.5) * 0.0006
    lon += (rng.random() - 0.5) * 0.0006
    return (round(min(max(lat, LAT_MIN), LAT_MAX), 6), round(min(max(lon, LON_MIN), LON_MAX), 6))


class _ApnBook:
    """Allots unique APNs: consecutive parcel numbers on a page, then the next page."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pages = {book: [1 + rng.randrange(20), 0] for books in DISTRICT_BOOKS.values()
                      for book in books}

    def next(self, district: str) -> str:
        book = self.rng.choice(DISTRICT_BOOKS[district])
        page = self.pages[book]
        page[1] += 1 + self.rng.randrange(3)
        if page[1] > 120:
            page[0], page[1] = page[0] + 1, 1
        return f"{book}-{page[0]:03d}-{page[1]:03d}"


def _units(rng: random.Random) -> list[str]:
    count = 4 + rng.randrange(13)
    if rng.random() < 0.5:
        return [str(i) for i in range(1, count + 1)]
    return [f"{floor}{i:02d}" for floor in range(1, 5) for i in range(1, 7)][:count]


def build_lots(rng: random.Random, target: int) -> list[Lot]:
    """About ``target`` parcels along WeHo's streets (whole condo buildings kept together)."""
    buildings: list[list[Lot]] = []
    apns = _ApnBook(rng)
    for street in STREETS:
        name = f"{street.name} {street.suffix}"
        number = street.low + rng.randrange(2, 30)
        while number <= street.high:
            zone = _pick_zone(rng, street.zoning)
            category = _category(zone)
            lat, lon = _position(rng, street, number)
            district, zip_code = _district(lon), _zip(lat, lon)
            condo = category == MULTI and rng.random() < 0.2
            units = [None] + (_units(rng) if condo else [])
            building = []
            for unit in units:
                row = (apns.next(district), number, street.name, street.suffix,
                       street_key(street.name), unit, CITY, STATE, zip_code, lat, lon, zone,
                       district)
                kind = UNIT if unit else category
                building.append(Lot(row, kind, number, name, format_address(number, name, unit),
                                    district, condo_common=condo and unit is None))
            buildings.append(building)
            number += 2 + 2 * rng.randrange(5)
    # Sample whole buildings so a condo's units stay together, then keep street order.
    chosen: list[int] = []
    total = 0
    order = list(range(len(buildings)))
    rng.shuffle(order)
    for index in order:
        if total >= target:
            break
        chosen.append(index)
        total += len(buildings[index])
    return [lot for index in sorted(chosen) for lot in buildings[index]]
