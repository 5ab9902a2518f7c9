"""Inspection types per permit type (3-digit phone codes, BLDS mapping) and result words."""
from __future__ import annotations

from dataclasses import dataclass

from domain.permits import PermitType


@dataclass(frozen=True)
class InspectionType:
    permit_type: PermitType
    code: str  # three digits, printed on the permit card and typed on the phone line
    name: str
    blds: str  # BLDS InspTypeMapped, so open data from every city can be combined
    final: bool = False  # approving a final inspection finals the permit
    units: int = 1  # capacity units of a district's day it takes (a final takes longer)


_B, _E, _M, _P = (PermitType.BUILDING, PermitType.ELECTRICAL, PermitType.MECHANICAL,
                  PermitType.PLUMBING)

# Codes are unique across all types, so a code typed on the phone names one inspection even
# before the permit is known: 1xx building, 2xx electrical, 32x/390 mechanical, other 3xx
# plumbing (the residential sequence 110, 115, 160, 305, 315, 325, 345, 199 is the one
# contractors already know).
INSPECTION_TYPES: tuple[InspectionType, ...] = (
    InspectionType(_B, "100", "Setbacks", "Set Backs"),
    InspectionType(_B, "110", "Footings/Foundation", "Footings & Forms"),
    InspectionType(_B, "112", "Slab/Under-floor", "Foundation"),
    InspectionType(_B, "114", "Floor Sheathing", "Floor Deck"),
    InspectionType(_B, "115", "Framing", "Frame"),
    InspectionType(_B, "117", "Shear Wall Nailing", "Rough Frame"),
    InspectionType(_B, "120", "Roof Sheathing", "Roof Deck"),
    InspectionType(_B, "145", "Re-roof Underlayment", "Roof Deck"),
    InspectionType(_B, "160", "Insulation", "Progress Check"),
    InspectionType(_B, "165", "Retrofit Anchors/Hold-downs", "Progress Check"),
    InspectionType(_B, "170", "Drywall", "Progress Check"),
    InspectionType(_B, "175", "Windows and Doors", "Progress Check"),
    InspectionType(_B, "180", "Pool Steel and Bonding", "Progress Check"),
    InspectionType(_B, "185", "Pool Barrier", "Fence Final"),
    InspectionType(_B, "191", "Gas Disconnect", "Gas Disconnect"),
    InspectionType(_B, "192", "Electrical Disconnect", "Electrical Disconnect"),
    InspectionType(_B, "193", "Asbestos/Hazmat Clearance", "Hazardous Material Removal"),
    InspectionType(_B, "195", "Roof Final", "Roof Final", final=True, units=2),
    InspectionType(_B, "196", "Planning/Zoning Final", "Zoning Final"),
    InspectionType(_B, "197", "Temporary Occupancy", "Partial/Temp Building Final"),
    InspectionType(_B, "198", "Fire Final", "Fire Final"),
    InspectionType(_B, "199", "Building Final", "Building Final", final=True, units=2),
    InspectionType(_E, "205", "Temporary Power", "Temp Power"),
    InspectionType(_E, "210", "Underground Conduit", "Ground Work"),
    InspectionType(_E, "215", "Grounding Electrode", "Grounding"),
    InspectionType(_E, "220", "Electrical Rough", "Rough"),
    InspectionType(_E, "230", "Service/Meter", "Service"),
    InspectionType(_E, "235", "Service Relocation", "Relocate Service"),
    InspectionType(_E, "240", "Panel/Subpanel", "Breaker Box"),
    InspectionType(_E, "260", "Solar Rough", "Rough"),
    InspectionType(_E, "299", "Electrical Final", "Electrical Final", final=True, units=2),
    InspectionType(_P, "305", "Underslab Plumbing", "Ground Work"),
    InspectionType(_P, "310", "Sewer Lateral", "Sewer"),
    InspectionType(_P, "315", "Plumbing Rough", "Rough In"),
    InspectionType(_M, "320", "Underfloor Ductwork", "Duct Work"),
    InspectionType(_M, "325", "Mechanical Rough", "Rough In"),
    InspectionType(_M, "330", "Duct Leakage Test", "Duct Work"),
    InspectionType(_M, "335", "Hood and Grease Duct", "Rough In"),
    InspectionType(_P, "340", "Gas Piping Test", "Gas"),
    InspectionType(_P, "342", "Gas Meter Release", "Gas Meter Reset"),
    InspectionType(_P, "345", "Water Service", "Water"),
    InspectionType(_M, "390", "Mechanical Final", "Mechanical Final", final=True, units=2),
    InspectionType(_P, "399", "Plumbing Final", "Plumbing Final", final=True, units=2),
)

BY_CODE: dict[str, InspectionType] = {t.code: t for t in INSPECTION_TYPES}

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


def types_of(permit_type: PermitType) -> tuple[InspectionType, ...]:
    return tuple(t for t in INSPECTION_TYPES if t.permit_type is permit_type)


def find_type(permit_type: PermitType, code: str) -> InspectionType | None:
    found = BY_CODE.get(code.strip())
    return found if found is not None and found.permit_type is permit_type else None


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
