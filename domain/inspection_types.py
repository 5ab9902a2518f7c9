"""Inspection types per permit type (3-digit phone codes, BLDS mapping) and result words.

The types are data with effective dates (a catalog per version, edited by supervisors); the
sequences, prerequisites and results stay code; the first catalog is db/rules/inspection_catalogs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from domain.permits import PermitType


@dataclass(frozen=True)
class InspectionType:
    permit_type: PermitType
    code: str  # three digits, printed on the permit card and typed on the phone line
    name: str
    blds: str  # BLDS InspTypeMapped, so open data from every city can be combined
    final: bool = False  # approving a final inspection finals the permit
    units: int = 1  # capacity units of a district's day it takes (a final takes longer)
    offered: bool = True  # False: no longer requested; old inspections keep their code


# The BLDS Inspections dataset's InspTypeMapped values (../shared/reference/blds.md): every type
# maps to exactly one, so open data from every city can be combined.
BLDS_INSP_TYPES = frozenset({
    "Set Backs", "Temp Power", "Footings & Forms", "Foundation", "Rough Frame", "Frame",
    "Floor Deck", "Roof Deck", "Partial/Temp Building Final", "Building Final",
    "Fire Final", "Zoning Final", "Progress Check", "Health Final",
    "Sanitary Sewer Final", "Storm Sewer Final", "Storm Water Quality Final",
    "Gas Disconnect", "Electrical Disconnect", "Hazardous Material Removal",
    "Roof Final", "Rough", "Service", "Ground Work", "Electrical Final",
    "Temp Service Pole", "Breaker Box", "Grounding", "Fence Final", "Grading Final",
    "Rough In", "Duct Work", "Gas Meter Reset", "Gas Service", "Construction Gas",
    "Service Interior", "Relocate Service", "Mechanical Final", "Sewer", "Water", "Gas",
    "Plumbing Final"})
NAME_LIMIT = 80  # inspection.type_name
MAX_UNITS = 8  # of a district's day; far beyond the longest inspection


@dataclass(frozen=True)
class InspectionCatalog:
    """The inspection types of one version, in force from ``effective``."""
    effective: date
    types: tuple[InspectionType, ...]

    @cached_property
    def by_code(self) -> Mapping[str, InspectionType]:
        """Every type, offered or not: existing inspections are read by their code."""
        return {t.code: t for t in self.types}

    def of(self, permit_type: PermitType) -> tuple[InspectionType, ...]:
        return tuple(t for t in self.types if t.permit_type is permit_type and t.offered)

    def find(self, permit_type: PermitType, code: str) -> InspectionType | None:
        """The offered type of ``permit_type`` with ``code`` (as typed: spaces ignored)."""
        found = self.by_code.get(code.strip())
        return found if found is not None and found.offered and \
            found.permit_type is permit_type else None


# The usual inspections of a subtype, in the order work happens; the last one is the final.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "Re-roof": ("145", "195"),
    "Window and Door Replacement": ("175", "199"),
    "Residential Remodel": ("115", "160", "170", "199"),
    "Residential Addition": ("100", "110", "114", "115", "120", "160", "170", "199"),
    "New Single-Family Dwelling": ("100", "110", "112", "115", "117", "120", "160", "170",
                                   "196", "199"),
    "New Multi-Family Building": ("100", "110", "112", "115", "117", "120", "160", "170",
                                  "198", "196", "197", "199"),
    "Accessory Dwelling Unit": ("100", "110", "115", "120", "160", "170", "199"),
    "Commercial Tenant Improvement": ("115", "170", "198", "199"),
    "Seismic Retrofit": ("110", "165", "117", "199"),
    "Demolition": ("191", "192", "193", "199"),
    "Pool and Spa": ("100", "180", "185", "199"),
    "HVAC Change-out": ("390",),
    "Furnace Replacement": ("390",),
    "Ductwork": ("330", "390"),
    "Commercial Kitchen Hood": ("335", "325", "390"),
    "Service Panel Upgrade": ("230", "299"),
    "EV Charger": ("220", "299"),
    "Residential Solar PV": ("260", "299"),
    "New Circuits": ("220", "299"),
    "Commercial Lighting": ("220", "299"),
    "Water Heater": ("399",),
    "Repipe": ("315", "399"),
    "Gas Line": ("340", "399"),
    "Sewer Lateral": ("310", "399"),
}


# Inspections that must be approved first, when the permit's subtype calls for them (a
# prerequisite outside the subtype's sequence does not apply): covered work is never
# inspected before what it covers (CBC 110.3 "required inspections", in order).
PREREQUISITES: dict[str, tuple[str, ...]] = {
    "112": ("110",),
    "114": ("110",),
    "115": ("110", "112", "114"),
    "117": ("110", "115"),
    "120": ("115",),
    "160": ("115", "117", "120"),
    "170": ("160",),
    "185": ("180",),
    "195": ("145",),
    "315": ("305",),
    "325": ("320",),
    "342": ("340",),
}


CODE_DIGITS = 3  # an inspection's code, typed on the phone line
_CODE = re.compile(rf"\d{{{CODE_DIGITS}}}", re.ASCII)


def type_problem(kind: InspectionType) -> str | None:
    """What is wrong with one type, in words for the supervisor who typed it; None if fine."""
    if not _CODE.fullmatch(kind.code):
        return "The code is 3 digits, like 150."
    if not kind.name.strip() or len(kind.name) > NAME_LIMIT:
        return f"Enter a name of 1 to {NAME_LIMIT} characters."
    if kind.blds not in BLDS_INSP_TYPES:
        return "Choose the BLDS inspection type it maps to."
    if not 1 <= kind.units <= MAX_UNITS:
        return f"Enter the units it takes of a day, from 1 to {MAX_UNITS}."
    return None


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def parse_catalog(data: Mapping[str, Any]) -> InspectionCatalog:
    """A catalog from its JSON form; ValueError names what is wrong."""
    try:
        catalog = InspectionCatalog(date.fromisoformat(data["effective"]), tuple(
            InspectionType(PermitType(t["permit_type"]), str(t["code"]), str(t["name"]),
                           str(t["blds"]), _flag(t.get("final", False)), int(t.get("units", 1)),
                           _flag(t.get("offered", True)))
            for t in data["types"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"inspection types: {error!r}") from error
    for kind in catalog.types:
        if problem := type_problem(kind):
            raise ValueError(f"inspection type {kind.code!r}: {problem}")
    if len(catalog.by_code) != len(catalog.types):
        raise ValueError("inspection types: a code is used twice")
    return catalog


def catalog_body(catalog: InspectionCatalog) -> dict[str, Any]:
    """The JSON form ``parse_catalog`` reads."""
    return {"effective": catalog.effective.isoformat(), "types": [
        {"permit_type": t.permit_type.value, "code": t.code, "name": t.name, "blds": t.blds,
         "final": t.final, "units": t.units, "offered": t.offered} for t in catalog.types]}


def every_type(catalogs: Iterable[InspectionCatalog]) -> dict[str, InspectionType]:
    """Every type ever defined, by code; the latest version's definition wins (``catalogs``
    oldest first), so an inspection of a type no longer offered keeps its BLDS mapping."""
    merged: dict[str, InspectionType] = {}
    for catalog in catalogs:
        merged.update(catalog.by_code)
    return merged


# Inspection request states.
SCHEDULED = "Scheduled"
COMPLETED = "Completed"
CANCELLED = "Cancelled"

# Results as inspectors record them, and their BLDS ResultMapped value.
APPROVED = "Approved"
PARTIAL = "Partial"
CORRECTIONS = "Corrections required"
NOT_READY = "Not ready"
NO_ACCESS = "No access"
RESULTS: tuple[str, ...] = (APPROVED, PARTIAL, CORRECTIONS, NOT_READY, NO_ACCESS, CANCELLED)
RESULT_MAPPED: dict[str, str] = {
    APPROVED: "Passed",
    PARTIAL: "Partial",
    CORRECTIONS: "Rejected",
    NOT_READY: "Rejected",
    NO_ACCESS: "Rejected",
    CANCELLED: "Cancelled",
}
# Results after which the same inspection must be requested again.
NEEDS_REINSPECTION = frozenset({PARTIAL, CORRECTIONS, NOT_READY, NO_ACCESS})
