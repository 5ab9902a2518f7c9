"""Fictional people and companies for demo data: contractors, owners, inspectors, staff.

Every phone number is in the 555-0100..0199 range reserved for fiction, every e-mail address
is at example.com, and license numbers are random: none of them reaches a real person.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

FIRST = (
    "Ana", "Marco", "Priya", "David", "Keiko", "Luis", "Sofia", "James", "Mei", "Omar", "Grace",
    "Tomas", "Elena", "Samuel", "Nadia", "Victor", "Hannah", "Rafael", "Yuki", "Daniel",
    "Leila", "Carlos", "Irina", "Ethan", "Fatima", "Gabriel", "Olivia", "Hector", "Mina",
    "Julian", "Rosa", "Andre", "Claire", "Diego", "Ingrid", "Kofi", "Lucia", "Noah", "Paloma",
    "Reza", "Sara", "Theo", "Valeria", "Wei", "Zoe", "Arturo", "Beatriz", "Connor", "Dana",
    "Emil", "Farah", "Gideon", "Hiro", "Isabel", "Jonah", "Kamala", "Lena", "Mateo", "Nora",
)
LAST = (
    "Ruiz", "Okafor", "Nakamura", "Goldberg", "Petrosyan", "Alvarez", "Chen", "Whitfield",
    "Haddad", "Kowalski", "Mendoza", "Sato", "Brennan", "Avakian", "Delgado", "Fischer",
    "Gutierrez", "Harrington", "Ibarra", "Jensen", "Kaplan", "Lindqvist", "Moreno", "Novak",
    "Orozco", "Park", "Quintero", "Rosen", "Sarkisian", "Tanaka", "Underwood", "Vargas",
    "Weiss", "Xu", "Yilmaz", "Zamora", "Abrams", "Baptiste", "Castellanos", "Dubois",
    "Esposito", "Farouk", "Grigoryan", "Hollis", "Iwata", "Jimenez", "Khoury", "Lam",
    "Marchetti", "Nguyen", "Oyelaran", "Pham", "Rahimi", "Silva", "Thornton", "Valdez",
)
PLACES = (
    "Sunset", "Laurel", "Fountain", "Melrose", "Canyon", "Hillside", "Pacific", "Westside",
    "Crescent", "Harbor", "Arroyo", "Mesa", "Cypress", "Oakridge", "Summit", "Meridian",
    "Golden State", "Silverline", "Redwood", "Bayside", "Coastline", "Highland", "Valley",
    "Marigold", "Palisade", "Granite", "Juniper", "Sierra", "Monarch", "Ironwood",
)
# Trade -> CSLB classification and company name patterns.
TRADES: dict[str, tuple[str, tuple[str, ...]]] = {
    "general": ("B", ("{place} Builders Inc.", "{place} Construction Co.", "{last} & Sons "
                      "Construction", "{place} Development Group", "{last} Remodeling LLC")),
    "roofing": ("C-39", ("{place} Roofing Inc.", "{last} Roofing Co.")),
    "glazing": ("C-17", ("{place} Window & Door", "{last} Glass and Glazing")),
    "pool": ("C-53", ("{place} Pools & Spas", "{last} Pool Construction")),
    "demolition": ("C-21", ("{place} Demolition Inc.", "{last} Wrecking & Hauling")),
    "electrical": ("C-10", ("{place} Electric", "{last} Electric Co.", "{place} Power Systems")),
    "solar": ("C-46", ("{place} Solar", "{last} Solar Energy Inc.")),
    "plumbing": ("C-36", ("{last} Plumbing", "{place} Plumbing & Rooter", "{place} Pipeworks")),
    "hvac": ("C-20", ("{place} Heating & Air", "{last} Mechanical Inc.", "{place} Climate Co.")),
}
POOL_SIZES = {"general": 120, "roofing": 30, "glazing": 20, "pool": 12, "demolition": 10,
              "electrical": 70, "solar": 20, "plumbing": 70, "hvac": 50}
AREA_CODES = ("323", "310", "213", "424", "818")

INSPECTORS = {
    "West": ("Rosa Delgado", "Kofi Mensah-Park", "Ingrid Halvorsen"),
    "Central": ("Tomas Ferreira", "Leila Haddad-Brown", "Marcus Whitlow"),
    "East": ("Yuki Arakawa", "Daniel Oyelaran", "Beatriz Lozano"),
}
PLAN_CHECKERS = ("Plan check: Irina Volkova", "Plan check: Samuel Achterberg",
                 "Plan check: Mina Kassab", "Plan check: Hector Villanueva")
PERMIT_TECHS = ("Permit counter: Dana Whitcombe", "Permit counter: Luis Echeverria",
                "Permit counter: Grace Odum")
SYSTEM = "system"


@dataclass(frozen=True)
class Person:
    name: str
    company: str | None
    license_number: str | None
    phone: str | None
    email: str | None

    def contact(self, permit_id: int, role: str) -> tuple:
        return (permit_id, role, self.name, self.company, self.license_number, self.phone,
                self.email)


def phone(rng: random.Random) -> str:
    return f"{rng.choice(AREA_CODES)}-555-01{rng.randrange(100):02d}"


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def person(rng: random.Random, with_contact: bool = True) -> Person:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    if not with_contact:
        return Person(f"{first} {last}", None, None, None, None)
    email = f"{first}.{last}{rng.randrange(10, 99)}@example.com".lower()
    return Person(f"{first} {last}", None, None, phone(rng), email)


def _slug(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())[:24]


def contractor_pools(rng: random.Random) -> dict[str, tuple[Person, ...]]:
    """Companies per trade; earlier ones in a pool get more work (see ``pick_contractor``)."""
    licenses: set[str] = set()
    names: set[str] = set()
    pools: dict[str, tuple[Person, ...]] = {}
    for trade, (_, patterns) in TRADES.items():
        pool = []
        while len(pool) < POOL_SIZES[trade]:
            company = rng.choice(patterns).format(place=rng.choice(PLACES), last=rng.choice(LAST))
            license_number = str(rng.randrange(300_000, 1_150_000))
            if company in names or license_number in licenses:
                continue
            names.add(company)
            licenses.add(license_number)
            pool.append(Person(person_name(rng), company, license_number, phone(rng),
                               f"permits.{_slug(company)}@example.com"))
        pools[trade] = tuple(pool)
    return pools


def owner_of(rng: random.Random, address: str, commercial: bool, common: bool) -> Person:
    """Commercial buildings belong to companies, condo common areas to associations."""
    if common:
        return Person(f"{address} Owners Association", None, None, phone(rng),
                      f"hoa.{_slug(address)}@example.com")
    if commercial or rng.random() < 0.25:
        company = f"{address} {rng.choice(('Holdings', 'Partners', 'Properties'))} LLC"
        return Person(person_name(rng), company, None, phone(rng),
                      f"{_slug(company)}@example.com")
    return person(rng)


# Inspector notes that only the permit's contacts and staff may see: access codes and
# private phone numbers, the kind of detail privacy tests must never find on a public page.
PRIVATE_NOTES = (
    "Gate code {code}#, call site super at {phone}",
    "Lockbox on side gate, code {code}; owner's cell {phone}",
    "Dog in back yard - call {name} at {phone} before entering",
    "Buzz the manager ({name}, {phone}); garage gate code {code}",
    "Owner works nights: text {phone}, do not ring the bell. Side door code {code}",
    "Key under the planter left of the door; alarm code {code}, super {name} {phone}",
)


def private_note(rng: random.Random) -> str:
    return rng.choice(PRIVATE_NOTES).format(code=f"{rng.randrange(1000, 10000)}",
                                            phone=phone(rng), name=person_name(rng))


def expediters(rng: random.Random, count: int = 15) -> tuple[Person, ...]:
    """Permit expediters and architects who apply on an owner's behalf."""
    kinds = ("Permit Services", "Architecture Studio", "Design + Build Consulting")
    found = []
    for _ in range(count):
        company = f"{rng.choice(PLACES)} {rng.choice(kinds)}"
        found.append(Person(person_name(rng), company, None, phone(rng),
                            f"{_slug(company)}@example.com"))
    return tuple(found)
