"""The inspection catalog's first version (the JSON file here), like the fee schedules' and
scheduling policies' beside it; db/rules/rule_book.py holds the versions supervisors save."""
from __future__ import annotations

import json
from pathlib import Path

from domain.inspection_types import InspectionCatalog, parse_catalog

HERE = Path(__file__).parent


def first_catalog() -> InspectionCatalog:
    """The oldest catalog on file: what an empty database starts with and demo data uses."""
    return parse_catalog(json.loads(min(HERE.glob("*.json")).read_text()))


FIRST_CATALOG = first_catalog()
