"""Named bodies of work in the demo data: several permits of different trades at one address."""
from __future__ import annotations

import random
from dataclasses import dataclass

from db.demo.streets import COMMERCIAL, MULTI, SFD

RESTAURANTS = ("Marigold", "Casa Fontana", "Little Laurel", "Olive & Rye", "Blue Harbor",
               "Sabor del Sol", "The Crescent Room", "Noodle House Nine", "Verde Kitchen",
               "Juniper & Salt", "Hollis Bistro", "Palm Court Cafe")


@dataclass(frozen=True)
class ProjectTemplate:
    category: str  # the kind of parcel it happens on
    name: str  # filled with {street}, {address}, {restaurant}, {units}
    description: str
    members: tuple[tuple[str, float], ...]  # subtype and the chance it is part of the project


TEMPLATES: tuple[ProjectTemplate, ...] = (
    ProjectTemplate(COMMERCIAL, "{street} mixed-use renovation",
                    "Renovation of the mixed-use building at {address}: storefront tenant "
                    "improvement, lighting, kitchen exhaust and gas service.",
                    (("Commercial Tenant Improvement", 1), ("Commercial Lighting", 0.9),
                     ("Commercial Kitchen Hood", 0.6), ("Gas Line", 0.7),
                     ("Seismic Retrofit", 0.3))),
    ProjectTemplate(COMMERCIAL, "{restaurant} restaurant build-out",
                    "Build-out of the {restaurant} restaurant at {address}: dining room, "
                    "commercial kitchen, hood and gas piping.",
                    (("Commercial Tenant Improvement", 1), ("Commercial Kitchen Hood", 1),
                     ("Gas Line", 1), ("Commercial Lighting", 0.8), ("HVAC Change-out", 0.6))),
    ProjectTemplate(SFD, "New single-family home at {address}",
                    "Demolition of the existing house at {address} and construction of a new "
                    "single-family home with solar and new utilities.",
                    (("Demolition", 1), ("New Single-Family Dwelling", 1), ("Sewer Lateral", 0.8),
                     ("Service Panel Upgrade", 0.7), ("Residential Solar PV", 0.8),
                     ("Gas Line", 0.5), ("Pool and Spa", 0.4))),
    ProjectTemplate(SFD, "{street} garage-to-ADU conversion",
                    "Conversion of the garage at {address} into an accessory dwelling unit "
                    "with its own kitchen, bath and heat pump.",
                    (("Accessory Dwelling Unit", 1), ("New Circuits", 0.8), ("Water Heater", 0.6),
                     ("HVAC Change-out", 0.6), ("Sewer Lateral", 0.4))),
    ProjectTemplate(MULTI, "{street} soft-story retrofit and upgrades",
                    "Mandatory soft-story seismic retrofit of the apartment building at "
                    "{address}, with electrical, plumbing and roof upgrades.",
                    (("Seismic Retrofit", 1), ("Service Panel Upgrade", 0.6), ("Repipe", 0.7),
                     ("Re-roof", 0.5))),
    ProjectTemplate(SFD, "{street} whole-house renovation",
                    "Whole-house renovation at {address}: remodel, new systems, windows and "
                    "roof.",
                    (("Residential Remodel", 1), ("Residential Addition", 0.4),
                     ("Service Panel Upgrade", 0.7), ("Repipe", 0.6), ("HVAC Change-out", 0.7),
                     ("Window and Door Replacement", 0.6), ("Re-roof", 0.4))),
    ProjectTemplate(MULTI, "New {units}-unit apartments at {address}",
                    "Demolition and construction of a {units}-unit apartment building at "
                    "{address} with rooftop solar and EV charging.",
                    (("Demolition", 1), ("New Multi-Family Building", 1), ("Sewer Lateral", 1),
                     ("Service Panel Upgrade", 0.8), ("Residential Solar PV", 0.8),
                     ("EV Charger", 0.7))),
)


def plan_project(rng: random.Random, template: ProjectTemplate, street: str,
                 address: str) -> tuple[str, str, list[tuple[int, str]]]:
    """The project's name, description and members as (days after the start, subtype)."""
    words = {"street": street.removeprefix("N "), "address": address,
             "restaurant": rng.choice(RESTAURANTS), "units": 8 + rng.randrange(40)}
    members, offset = [], 0
    for subtype, chance in template.members:
        if rng.random() < chance:
            members.append((offset, subtype))
            offset += rng.randrange(31)
    return template.name.format(**words), template.description.format(**words), members
