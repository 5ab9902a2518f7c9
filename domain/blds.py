"""BLDS open permit data (permitdata.org; ../shared/reference/blds.md): the columns Permitline
writes and the city's values in BLDS's words. The specification itself is domain/blds_spec.py;
the validator, domain/blds_checks.py.

Values carry the specification's types: INTEGER fields are whole numbers and NUMERIC ones
numbers, None when there is none (empty in CSV, null in JSON); dates are YYYY-MM-DD text; the
rest is text, empty when there is none. Nothing private is in any record: no owner or contact
details, no access codes, no notes kept for the city.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from domain.blds_spec import DATASETS, INSPECTIONS, PERMITS, STATUS_CHANGES
from domain.inspection_results import credited, inspector_wrote
from domain.inspection_types import NEEDS_REINSPECTION, RESULT_MAPPED, InspectionType
from domain.permits import PermitType, Status

__all__ = ["DATASETS", "EXTENSIONS", "FIELDS", "FORMAT", "INSPECTIONS", "PERMITS",
           "STATUS_CHANGES", "Publisher", "edition", "inspection_record", "permit_record",
           "status_change_record"]

Value = str | int | float | Decimal | None

# The export's format. Raise it with any change in code to what a record holds or how a file is
# written (a field's meaning, a rounding, a mapping): a copy kept by the server under an
# earlier format is then never served (``edition``). 2: Fee in whole dollars beside FeeExact,
# ReInspection as "a reinspection is needed". 3: a cancelled inspection credits no Inspector and
# carries no InspectionNotes unless an inspector entered its result.
FORMAT = 3

# The columns Permitline writes, in file order: BLDS's fields it has data for, then its own
# extensions (named in EXTENSIONS).
FIELDS: dict[str, tuple[str, ...]] = {
    PERMITS: (
        "PermitNum", "Description", "AppliedDate", "IssuedDate", "CompletedDate",
        "StatusCurrent", "OriginalAddress1", "OriginalAddress2", "OriginalCity", "OriginalState",
        "OriginalZip", "Jurisdiction", "PermitClass", "PermitClassMapped", "StatusCurrentMapped",
        "StatusDate", "WorkClass", "WorkClassMapped", "PermitType", "PermitTypeMapped",
        "PermitTypeDesc", "EstProjectCost", "Link", "Latitude", "Longitude", "PIN",
        "ContractorCompanyName", "ContractorLicNum", "ContractorStateLic", "ExpiresDate",
        "ProjectID", "ProjectName", "Fee", "Publisher", "FeeExact",
    ),
    INSPECTIONS: (
        "PermitNum", "InspType", "InspTypeMapped", "Result", "ResultMapped", "ScheduledDate",
        "InspectedDate", "InspectionNotes", "Final", "RequestDate", "ReInspection", "Inspector",
    ),
    STATUS_CHANGES: ("PermitNum", "StatusPrevious", "StatusPreviousDate",
                     "StatusPreviousMapped"),
}
# Columns BLDS does not have, and what they hold. BLDS's Fee is an INTEGER (whole dollars here);
# the exact amount a permit cost, cents included, is kept beside it.
EXTENSIONS: dict[str, dict[str, str]] = {
    PERMITS: {"FeeExact": "the permit's fees in US dollars with cents, exactly (Fee is that "
                          "amount rounded to whole dollars, as BLDS's Fee is an integer)"},
    INSPECTIONS: {}, STATUS_CHANGES: {},
}

# The city's statuses in BLDS's words. Approved waits for its fees; an expired or void permit
# has no effect any more, which BLDS calls cancelled. The status-change list has no
# Fees/Payment: an approved application was last in review.
STATUS_MAPPED: dict[str, str] = {
    Status.APPLIED: "Application Accepted", Status.IN_REVIEW: "In Review",
    Status.APPROVED: "Fees/Payment", Status.ISSUED: "Permit Issued",
    Status.FINALED: "Permit Finaled", Status.EXPIRED: "Permit Cancelled",
    Status.CANCELLED: "Permit Cancelled", Status.VOID: "Permit Cancelled",
}
PREVIOUS_MAPPED: dict[str, str] = {**STATUS_MAPPED, Status.APPROVED: "In Review"}
TYPE_MAPPED: dict[str, str] = {
    PermitType.BUILDING: "Building", PermitType.ELECTRICAL: "Electrical",
    PermitType.MECHANICAL: "Mechanical", PermitType.PLUMBING: "Plumbing",
}
# Building subtypes BLDS names on their own; the rest take their permit type's.
SUBTYPE_MAPPED: dict[str, str] = {"Re-roof": "Roof", "Demolition": "Demolition",
                                  "Pool and Spa": "Pool/Spa"}


@dataclass(frozen=True)
class Publisher:
    """Who publishes the data, and where its public permit pages are."""
    jurisdiction: str
    base_url: str


def edition(dataset: str, fmt: str, publisher: Publisher, time_zone: str,
            types: Mapping[str, InspectionType]) -> str:
    """A short name for all that shapes a dataset's file besides the tables' rows: the format
    and its fields and mappings, the publisher (Jurisdiction, Publisher, every Link), the city's
    time zone (which day a moment falls on) and, for inspections, the BLDS mapping of the
    inspection types in force (``types``). The server keeps a copy under this name, so a copy
    made under other settings is never served (issue 14 §8: after a new public address the old
    Links were served for up to an hour). The same settings give the same name in every process
    and after a restart: nothing here depends on Python's per-process hash order."""
    shaping = {
        "format": FORMAT, "dataset": dataset, "file": fmt, "fields": FIELDS[dataset],
        "extensions": sorted(EXTENSIONS[dataset]), "jurisdiction": publisher.jurisdiction,
        "base_url": publisher.base_url, "time_zone": time_zone,
        "mapped": [STATUS_MAPPED, PREVIOUS_MAPPED, TYPE_MAPPED, SUBTYPE_MAPPED, RESULT_MAPPED,
                   sorted(NEEDS_REINSPECTION)],
    }
    if dataset == INSPECTIONS:
        shaping["types"] = sorted((code, kind.blds, kind.final) for code, kind in types.items())
    text = json.dumps(shaping, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _text(value) -> str:
    return "" if value is None else str(value)


def whole_dollars(amount: Decimal | None) -> int | None:
    """BLDS's Fee is an INTEGER ("the fee for the permit (in any currency)"): the amount to the
    nearest dollar, half a dollar up as the fee schedule rounds cents (domain/money.py)."""
    return None if amount is None else int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def permit_record(row: dict, publisher: Publisher) -> dict[str, Value]:
    """One permit as BLDS has it. ``row``: the permit's columns with its parcel's
    (``house_number``, ``street``, ``unit``, ``city``, ``state``, ``zip_code``, ``apn``,
    ``latitude``, ``longitude``), ``project_name`` and ``fee`` (the sum of its fee items)."""
    permit_class = row["permit_class"]
    fee: Decimal | None = row.get("fee")
    return {
        "PermitNum": row["number"], "Description": row["description"],
        "AppliedDate": _day(row["applied_on"]), "IssuedDate": _day(row["issued_on"]),
        "CompletedDate": _day(row["finaled_on"]), "StatusCurrent": row["status"],
        "OriginalAddress1": f"{row['house_number']} {row['street']}",
        "OriginalAddress2": f"Unit {row['unit']}" if row["unit"] else "",
        "OriginalCity": row["city"], "OriginalState": row["state"],
        "OriginalZip": row["zip_code"], "Jurisdiction": publisher.jurisdiction,
        "PermitClass": permit_class,
        "PermitClassMapped": "Residential" if permit_class == "Residential" else "Non-Residential",
        "StatusCurrentMapped": STATUS_MAPPED.get(row["status"], ""),
        "StatusDate": _day(row["status_date"]), "WorkClass": row["work_class"],
        "WorkClassMapped": row["work_class"] if row["work_class"] in ("New", "Existing") else "",
        "PermitType": row["permit_type"], "PermitTypeMapped": SUBTYPE_MAPPED.get(
            row["subtype"], TYPE_MAPPED.get(row["permit_type"], "")),
        "PermitTypeDesc": row["subtype"], "EstProjectCost": row["valuation"],
        "Link": f"{publisher.base_url}/permits/{row['number']}",
        "Latitude": row["latitude"], "Longitude": row["longitude"],
        "PIN": row["apn"], "ContractorCompanyName": _text(row["contractor_name"]),
        "ContractorLicNum": _text(row["contractor_license"]),
        "ContractorStateLic": "CA" if row["contractor_license"] else "",
        "ExpiresDate": _day(row["expires_on"]), "ProjectID": _text(row["project"]),
        "ProjectName": _text(row.get("project_name")), "Fee": whole_dollars(fee),
        "Publisher": publisher.jurisdiction, "FeeExact": "" if fee is None else f"{fee:.2f}",
    }


def inspection_record(row: dict, types: Mapping[str, InspectionType]) -> dict[str, str]:
    """One inspection that has a result (or was cancelled): the notes are the ones written for
    everyone to read, never the city's own. ``types``: every type ever defined, by code (an
    old inspection's type may no longer be offered)."""
    kind = types.get(row["type_code"])
    result = row["result"] or row["status"]
    inspected = row["inspected_on"] is not None
    return {
        "PermitNum": row["permit_number"], "InspType": f"{row['type_code']} {row['type_name']}",
        "InspTypeMapped": kind.blds if kind else "", "Result": result,
        "ResultMapped": RESULT_MAPPED.get(result, ""),
        "ScheduledDate": _day(row["scheduled_for"]), "InspectedDate": _day(row["inspected_on"]),
        "InspectionNotes": (row["public_notes"] or "") if inspector_wrote(
            row["status"], inspected) else "",
        "Final": "Yes" if kind and kind.final else "No", "RequestDate": _day(row["requested_on"]),
        "ReInspection": "Yes" if needs_reinspection(result, row["reinspection"]) else "No",
        "Inspector": _text(credited(row["status"], row["inspector"])),
    }


def needs_reinspection(result: str, inspector_said: bool) -> bool:
    """BLDS's ReInspection is an "Indicator as to whether a reinspection is needed (Yes or No)"
    (Optional Inspections Dataset Requirements), not whether this inspection was one: the
    inspector's "Reinspection needed", which only a result that did not pass can carry
    (domain/inspection_results.py; rows written before that rule are read by it too)."""
    return inspector_said and result in NEEDS_REINSPECTION


def status_change_record(row: dict) -> dict[str, str]:
    """A status the permit had, and the day it took it."""
    return {"PermitNum": row["permit_number"], "StatusPrevious": row["to_status"],
            "StatusPreviousDate": _day(row["changed_on"]),
            "StatusPreviousMapped": PREVIOUS_MAPPED.get(row["to_status"], "")}


