"""What demo permits are for: per subtype its share, valuations, durations, words and fees."""
from __future__ import annotations

import random
import string
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from db.demo.streets import COMMERCIAL, MULTI, SFD, UNIT
from domain.fees import building_permit_fee, cbsc_fee, flat_fee, plan_check_fee, smip_fee, unit_fee
from domain.permits import PermitType
from domain.subtypes import SUBTYPES, Subtype

# Share of each permit type among all permits (brief: building ~45%, electrical ~20%, ...).
TYPE_SHARES = {PermitType.BUILDING: 45, PermitType.ELECTRICAL: 20, PermitType.PLUMBING: 20,
               PermitType.MECHANICAL: 15}
ISSUANCE_FEE = Decimal("52.00")


@dataclass(frozen=True)
class Work:
    weight: int  # within its permit type
    valuation: tuple[int, int]  # dollars, drawn log-uniformly
    review: tuple[int, int]  # days per plan review round (plan_review subtypes)
    gap: tuple[int, int]  # days between inspections
    trades: tuple[str, ...]  # contractor trades, the first most often
    places: tuple[tuple[str, int], ...]  # parcel categories and weights
    descriptions: tuple[str, ...]
    item: tuple[str, str, str, str, int, int] | None = None  # code, label, price, unit, min, max
    trend: bool = False  # grew over the decade (EV chargers, solar, ADUs)


_R, _M, _U, _C = SFD, MULTI, UNIT, COMMERCIAL
WORK: dict[str, Work] = {
    "Re-roof": Work(16, (8_000, 40_000), (0, 0), (5, 90), ("roofing", "general"),
                    ((_R, 6), (_M, 4), (_C, 1)), (
        "Tear off and re-roof {squares} squares with {roofing}",
        "Re-roof over one existing layer, {squares} squares, {roofing}",
        "Remove {old_roof} and install {roofing}; replace damaged sheathing as needed")),
    "Window and Door Replacement": Work(14, (3_000, 35_000), (0, 0), (7, 90),
                                        ("glazing", "general"), ((_R, 4), (_U, 4), (_M, 2)), (
        "Replace {qty} windows and one exterior door, same size and location, dual-pane low-E",
        "Retrofit {qty} aluminum windows with vinyl, no change to openings")),
    "Residential Remodel": Work(22, (15_000, 250_000), (14, 45), (14, 90), ("general",),
                                ((_R, 5), (_U, 4), (_M, 2)), (
        "Kitchen remodel: new cabinets and counters, relocate sink, {sqft} sq ft",
        "Remodel {baths} bathrooms and kitchen; no structural changes",
        "Interior remodel: remove non-bearing wall, new finishes, {sqft} sq ft")),
    "Residential Addition": Work(6, (60_000, 450_000), (21, 75), (10, 60), ("general",),
                                 ((_R, 1),), (
        "{sqft} sq ft second-story addition: two bedrooms and a bathroom",
        "Add {sqft} sq ft family room at the rear of the dwelling")),
    "New Single-Family Dwelling": Work(3, (600_000, 3_000_000), (30, 120), (14, 75),
                                       ("general",), ((_R, 1),), (
        "New {stories}-story single-family dwelling, {big_sqft} sq ft, attached two-car garage",
        "New {stories}-story hillside dwelling, {big_sqft} sq ft, with roof deck")),
    "New Multi-Family Building": Work(2, (3_000_000, 40_000_000), (45, 150), (21, 90),
                                      ("general",), ((_M, 1),), (
        "New {stories}-story, {units}-unit apartment building over subterranean parking",
        "New {units}-unit condominium building, {stories} stories, with affordable units")),
    "Accessory Dwelling Unit": Work(5, (90_000, 350_000), (21, 60), (10, 50), ("general",),
                                    ((_R, 6), (_M, 1)), (
        "Convert detached garage to a {sqft} sq ft accessory dwelling unit (ADU)",
        "New detached {sqft} sq ft ADU in the rear yard",
        "Junior ADU within the existing dwelling, {sqft} sq ft"), trend=True),
    "Commercial Tenant Improvement": Work(16, (25_000, 1_500_000), (14, 60), (10, 45),
                                          ("general",), ((_C, 1),), (
        "Tenant improvement for a {use}, {sqft} sq ft: partitions, ceiling, accessible restroom",
        "Interior remodel of an existing {use}, {sqft} sq ft, new storefront",
        "Change of use from {old_use} to {use}, {sqft} sq ft")),
    "Seismic Retrofit": Work(6, (40_000, 400_000), (14, 45), (10, 45), ("general",),
                             ((_M, 6), (_R, 1)), (
        "Mandatory soft-story retrofit: steel moment frames at {qty} tuck-under parking spaces",
        "Soft-story seismic retrofit per city ordinance, {units}-unit building, new columns",
        "Foundation bolting and cripple wall bracing")),
    "Demolition": Work(4, (8_000, 60_000), (7, 30), (3, 20), ("demolition", "general"),
                       ((_R, 5), (_M, 3), (_C, 2)), (
        "Demolish {demolish}; cap sewer and disconnect utilities",)),
    "Pool and Spa": Work(3, (45_000, 180_000), (14, 40), (10, 40), ("pool",),
                         ((_R, 9), (_M, 1)), (
        "New {pool} gunite pool and spa with barrier fence and equipment",)),
    "HVAC Change-out": Work(50, (6_000, 22_000), (0, 0), (5, 90), ("hvac",),
                            ((_R, 4), (_U, 3), (_M, 1), (_C, 2)), (
        "Replace {tons}-ton split system air conditioner and furnace, same location",
        "Replace rooftop package unit ({tons} tons) on the existing curb",
        "Install {qty} ductless mini-split heat pump units"),
        item=("MEC-UNIT", "Heating/cooling units", "64.00", "unit up to 100,000 Btu/h", 1, 3)),
    "Furnace Replacement": Work(20, (3_000, 9_000), (0, 0), (5, 90), ("hvac",),
                                ((_R, 6), (_U, 3), (_M, 1)), (
        "Replace {btu},000 Btu/h forced-air furnace in the {location}",),
        item=("MEC-FURNACE", "Furnaces", "58.00", "furnace", 1, 1)),
    "Ductwork": Work(20, (2_000, 12_000), (0, 0), (5, 90), ("hvac",),
                     ((_R, 6), (_U, 2), (_C, 2)), (
        "Replace attic ductwork, {qty} duct systems, R-8 insulation",),
        item=("MEC-DUCT", "Duct systems", "28.00", "duct system", 1, 3)),
    "Commercial Kitchen Hood": Work(10, (25_000, 120_000), (14, 40), (7, 40), ("hvac",),
                                    ((_C, 1),), (
        "New Type I hood and grease duct for a {use} kitchen, with fire suppression",),
        item=("MEC-HOOD", "Type I hoods", "420.00", "hood", 1, 2)),
    "Service Panel Upgrade": Work(25, (2_500, 9_000), (0, 0), (5, 90), ("electrical",),
                                  ((_R, 5), (_M, 3), (_C, 2)), (
        "Upgrade main service panel from {old_amps} A to {amps} A",
        "Replace main panel and meter, {amps} A, relocate to exterior wall"),
        item=("ELE-SERVICE", "Services", "185.00", "service up to 400 A", 1, 1)),
    "EV Charger": Work(25, (1_200, 4_500), (0, 0), (5, 90), ("electrical",),
                       ((_R, 6), (_M, 3), (_U, 1), (_C, 1)), (
        "Install {qty} Level 2 EV charger(s), {ev_amps} A circuit, in the {parking}",),
        item=("ELE-EVSE", "EV chargers", "110.00", "charger", 1, 2), trend=True),
    "Residential Solar PV": Work(20, (12_000, 45_000), (0, 0), (5, 90), ("solar",),
                                 ((_R, 8), (_M, 2)), (
        "Roof-mounted solar PV, {kw} kW, {modules} modules{battery}",),
        item=("ELE-SOLAR", "Solar PV systems", "350.00", "system", 1, 1), trend=True),
    "New Circuits": Work(20, (800, 6_000), (0, 0), (5, 90), ("electrical",),
                         ((_R, 4), (_U, 4), (_C, 2)), (
        "Add {qty} new circuits for a kitchen remodel",
        "{qty} new dedicated circuits for {appliance}"),
        item=("ELE-CIRCUIT", "Branch circuits", "14.00", "circuit", 2, 12)),
    "Commercial Lighting": Work(10, (5_000, 80_000), (10, 30), (3, 30), ("electrical",),
                                ((_C, 1),), (
        "Replace {qty} light fixtures with LED and new controls in a {use}",),
        item=("ELE-FIXTURE", "Lighting fixtures", "2.50", "fixture", 10, 120)),
    "Water Heater": Work(45, (1_500, 4_000), (0, 0), (5, 90), ("plumbing",),
                         ((_R, 10), (_U, 6), (_M, 3), (_C, 1)), (
        "Replace {gallons}-gallon gas water heater in the {location}; seismic straps",
        "Replace tank water heater with a tankless gas water heater",
        "Install {gallons}-gallon heat pump water heater in the {location}"),
        item=("PLM-WH", "Water heaters", "38.00", "water heater", 1, 1)),
    "Repipe": Work(15, (6_000, 25_000), (0, 0), (5, 90), ("plumbing",),
                   ((_R, 4), (_M, 4), (_U, 2)), (
        "Repipe {qty} fixtures with PEX, water lines only",
        "Whole-house copper repipe, {qty} fixtures"),
        item=("PLM-FIXTURE", "Plumbing fixtures", "16.00", "fixture", 4, 24)),
    "Gas Line": Work(25, (1_000, 6_000), (0, 0), (5, 90), ("plumbing",),
                     ((_R, 6), (_C, 3), (_M, 1)), (
        "New gas line to {gas_appliance}, {qty} outlet(s)",),
        item=("PLM-GAS", "Gas outlets", "12.00", "outlet", 1, 6)),
    "Sewer Lateral": Work(15, (4_000, 18_000), (0, 0), (5, 90), ("plumbing",),
                          ((_R, 6), (_M, 4), (_C, 1)), (
        "Replace sewer lateral to the property line, {feet} ft, with cleanout",
        "Line existing sewer lateral, {feet} ft (trenchless)"),
        item=("PLM-SEWER", "Building sewers", "78.00", "sewer", 1, 1)),
}

_PICK = {
    "roofing": ("Class A composition shingles", "cool-roof TPO membrane", "clay tile",
                "standing seam metal", "modified bitumen cap sheet"),
    "old_roof": ("wood shakes", "composition shingles", "built-up gravel roof"),
    "use": ("restaurant", "cafe", "retail store", "salon", "fitness studio", "office", "bar",
            "art gallery", "bakery", "medical office", "boutique hotel lobby"),
    "old_use": ("retail store", "office", "gallery", "showroom"),
    "location": ("garage", "laundry closet", "attic", "utility closet"),
    "parking": ("garage", "carport", "parking garage"),
    "appliance": ("a heat pump dryer", "an induction range", "a spa heater", "a server room"),
    "gas_appliance": ("a barbecue", "a fire pit", "a range", "a pool heater", "a dryer"),
    "demolish": ("the existing building", "a detached garage", "the existing structures"),
    "pool": ("14 x 28 ft", "12 x 30 ft", "16 x 32 ft", "10 x 20 ft plunge"),
    "battery": ("", "", " with battery storage"),
    # Standard residential service ratings (NEC 230.79, common panel sizes).
    "old_amps": (60, 100, 125), "amps": (200, 225, 400), "ev_amps": (40, 50, 60),
}
_RANGES = {
    "squares": (12, 45), "qty": (1, 1), "sqft": (120, 2_400), "big_sqft": (2_200, 7_500),
    "baths": (1, 3), "stories": (2, 4), "units": (8, 60), "tons": (2, 5), "btu": (60, 120),
    "kw": (4, 12),
    "modules": (10, 32), "gallons": (40, 75), "feet": (30, 90),
}
_FIELDS = {text: tuple(f for _, f, _, _ in string.Formatter().parse(text) if f)
           for work in WORK.values() for text in work.descriptions}


def describe(rng: random.Random, work: Work, quantity: int) -> str:
    text = rng.choice(work.descriptions)
    values: dict[str, object] = {}
    for name in _FIELDS[text]:
        if name == "qty":
            values[name] = quantity
        elif name in _PICK:
            values[name] = rng.choice(_PICK[name])
        else:
            low, high = _RANGES[name]
            values[name] = low + int(rng.random() * (high - low + 1))
    return text.format(**values)


def round_valuation(value: float) -> int:
    """Declared valuations are round numbers, rounder as they grow."""
    step = 50 if value < 10_000 else 100 if value < 100_000 else 1_000 if value < 1e6 else 10_000
    return max(step, int(round(value / step)) * step)


def _row(line) -> tuple:
    return (line.code, line.text, str(line.amount), line.code == "PLAN-CHECK")


# Each part is cached by only what it depends on, so a million permits reuse a few
# thousand lines instead of doing Decimal arithmetic per permit.
@lru_cache(maxsize=None)
def _permit_fee(building: bool, name: str, valuation: int, quantity: int) -> tuple:
    if building:
        line = building_permit_fee(valuation)
        return (_row(line),), line.amount
    code, label, price, unit, _, _ = WORK[name].item
    issuance = flat_fee("ISSUANCE", "Permit issuance fee", ISSUANCE_FEE)
    item = unit_fee(code, label, quantity, Decimal(price), unit)
    return (_row(issuance), _row(item)), issuance.amount + item.amount


@lru_cache(maxsize=None)
def _plan_check(permit_fee: Decimal) -> tuple:
    return (_row(plan_check_fee(permit_fee)),)


@lru_cache(maxsize=None)
def _state_fees(building: bool, residential: bool, valuation: int) -> tuple:
    smip = (_row(smip_fee(valuation, residential)),) if building else ()
    return smip + (_row(cbsc_fee(valuation)),)


def fee_lines(subtype: Subtype, residential: bool, valuation: int, quantity: int) -> tuple:
    """(code, description, amount as text, is plan check) per line, from domain.fees."""
    building = subtype.permit_type is PermitType.BUILDING
    lines, amount = _permit_fee(building, subtype.name, valuation if building else 0,
                                0 if building else quantity)
    if subtype.plan_review:
        lines += _plan_check(amount)
    return lines + _state_fees(building, residential, valuation)


def subtype_table(year_share: float, size: int = 4096) -> tuple[int, ...]:
    """Indexes into SUBTYPES repeated by weight: ``table[int(random() * size)]`` picks one.

    ``year_share`` (0 = ten years ago, 1 = today) tilts trending subtypes upward over time.
    """
    weights = []
    for subtype in SUBTYPES:
        work = WORK[subtype.name]
        weight = work.weight * ((0.25 + 1.5 * year_share) if work.trend else 1.0)
        peers = sum(WORK[s.name].weight * ((0.25 + 1.5 * year_share) if WORK[s.name].trend
                                           else 1.0)
                    for s in SUBTYPES if s.permit_type is subtype.permit_type)
        weights.append(TYPE_SHARES[subtype.permit_type] * weight / peers)
    return weighted_table(range(len(SUBTYPES)), weights, size)


def weighted_table(values, weights, size: int = 1024) -> tuple:
    """A lookup table in which each value fills a share of slots matching its weight."""
    values, total = list(values), sum(weights)
    table: list = []
    cumulative = 0.0
    for value, weight in zip(values, weights):
        cumulative += weight
        table += [value] * (round(cumulative / total * size) - len(table))
    return tuple(table)


# What an inspector writes for everyone to read: no names, phone numbers or access codes.
PUBLIC_NOTES = {
    "Approved": ("Approved.", "Approved per approved plans.", "Work complete; approved.",
                 "Approved. Job card signed.", ""),
    "Corrections required": (
        "Provide hold-downs per approved structural sheets.", "Missing fire blocking at soffits.",
        "Install seismic straps on the water heater.", "Label all circuits at the panel.",
        "Provide GFCI protection at kitchen counter receptacles.",
        "Duct joints not sealed; seal and re-test.", "Nail spacing at roof edge exceeds 6 in.",
        "Provide smoke and CO alarms per CRC R314/R315.",
        "Approved plans and job card not on site.", "Gas test did not hold; re-test."),
    "Partial": ("Partial approval: north side only.", "Partial: first floor approved.",
                "Partial approval; remaining work not complete."),
    "Not ready": ("Work not ready for inspection.", "Contractor not ready; reschedule."),
    "No access": ("No access; no one on site.", "Gate locked, no response at the door."),
    "Cancelled": ("Cancelled by the contractor.", "Cancelled: rescheduled by request."),
}
