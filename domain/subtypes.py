"""The permit subtypes the city offers, per permit type, as data."""
from __future__ import annotations

from dataclasses import dataclass

from domain.permits import PermitType


@dataclass(frozen=True)
class Subtype:
    permit_type: PermitType
    name: str
    residential: bool
    plan_review: bool
    work_class: str  # BLDS WorkClassMapped: New or Existing


SUBTYPES: tuple[Subtype, ...] = (
    Subtype(PermitType.BUILDING, "Re-roof", True, False, "Existing"),
    Subtype(PermitType.BUILDING, "Window and Door Replacement", True, False, "Existing"),
    Subtype(PermitType.BUILDING, "Residential Remodel", True, True, "Existing"),
    Subtype(PermitType.BUILDING, "Residential Addition", True, True, "New"),
    Subtype(PermitType.BUILDING, "New Single-Family Dwelling", True, True, "New"),
    Subtype(PermitType.BUILDING, "New Multi-Family Building", True, True, "New"),
    Subtype(PermitType.BUILDING, "Accessory Dwelling Unit", True, True, "New"),
    Subtype(PermitType.BUILDING, "Commercial Tenant Improvement", False, True, "Existing"),
    Subtype(PermitType.BUILDING, "Seismic Retrofit", True, True, "Existing"),
    Subtype(PermitType.BUILDING, "Demolition", False, True, "Existing"),
    Subtype(PermitType.BUILDING, "Pool and Spa", True, True, "New"),
    Subtype(PermitType.MECHANICAL, "HVAC Change-out", True, False, "Existing"),
    Subtype(PermitType.MECHANICAL, "Furnace Replacement", True, False, "Existing"),
    Subtype(PermitType.MECHANICAL, "Ductwork", True, False, "Existing"),
    Subtype(PermitType.MECHANICAL, "Commercial Kitchen Hood", False, True, "New"),
    Subtype(PermitType.ELECTRICAL, "Service Panel Upgrade", True, False, "Existing"),
    Subtype(PermitType.ELECTRICAL, "EV Charger", True, False, "New"),
    Subtype(PermitType.ELECTRICAL, "Residential Solar PV", True, False, "New"),
    Subtype(PermitType.ELECTRICAL, "New Circuits", True, False, "Existing"),
    Subtype(PermitType.ELECTRICAL, "Commercial Lighting", False, True, "Existing"),
    Subtype(PermitType.PLUMBING, "Water Heater", True, False, "Existing"),
    Subtype(PermitType.PLUMBING, "Repipe", True, False, "Existing"),
    Subtype(PermitType.PLUMBING, "Gas Line", True, False, "New"),
    Subtype(PermitType.PLUMBING, "Sewer Lateral", True, False, "Existing"),
)
