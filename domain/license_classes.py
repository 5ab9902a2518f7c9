"""CSLB license classifications by name, so people read "C-39 (Roofing)", not "C-39".

Names as the Contractors State License Board lists them (../shared/reference/cslb.md).
"""
from __future__ import annotations

CLASS_NAMES: dict[str, str] = {
    "A": "General Engineering", "B": "General Building", "B-2": "Residential Remodeling",
    "C-2": "Insulation and Acoustical", "C-4": "Boiler, Hot-Water Heating and Steam Fitting",
    "C-5": "Framing and Rough Carpentry", "C-6": "Cabinet, Millwork and Finish Carpentry",
    "C-7": "Low Voltage Systems", "C-8": "Concrete", "C-9": "Drywall", "C-10": "Electrical",
    "C-11": "Elevator", "C-12": "Earthwork and Paving", "C-13": "Fencing",
    "C-15": "Flooring and Floor Covering", "C-16": "Fire Protection", "C-17": "Glazing",
    "C-20": "Warm-Air Heating, Ventilating and Air-Conditioning",
    "C-21": "Building Moving and Demolition", "C-22": "Asbestos Abatement",
    "C-23": "Ornamental Metal", "C-27": "Landscaping", "C-28": "Lock and Security Equipment",
    "C-29": "Masonry", "C-31": "Construction Zone Traffic Control",
    "C-32": "Parking and Highway Improvement", "C-33": "Painting and Decorating",
    "C-34": "Pipeline", "C-35": "Lathing and Plastering", "C-36": "Plumbing",
    "C-38": "Refrigeration", "C-39": "Roofing", "C-42": "Sanitation System",
    "C-43": "Sheet Metal", "C-45": "Sign", "C-46": "Solar",
    "C-47": "General Manufactured Housing", "C-49": "Tree and Palm",
    "C-50": "Reinforcing Steel", "C-51": "Structural Steel", "C-53": "Swimming Pool",
    "C-54": "Ceramic and Mosaic Tile", "C-55": "Water Conditioning", "C-57": "Well Drilling",
    "C-60": "Welding", "C-61": "Limited Specialty",
}


def class_label(code: str) -> str:
    """``C-39`` → ``C-39 (Roofing)``; a code the table does not know stays as it is."""
    name = CLASS_NAMES.get(code)
    return f"{code} ({name})" if name else code


def classes_in_words(codes: tuple[str, ...] | list[str], joiner: str = "or") -> str:
    """``("B", "C-39")`` → ``B (General Building) or C-39 (Roofing)``."""
    labels = [class_label(code) for code in codes]
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} {joiner} {labels[-1]}"
