"""BLDS open permit data (permitdata.org; ../shared/reference/blds.md): the three datasets'
field names, the city's values mapped to BLDS's, and a validator, since none exists upstream.

Everything is text; dates are YYYY-MM-DD. Nothing private is in any record: no owner or
contact details, no access codes, no notes kept for the city.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.inspection_types import BLDS_INSP_TYPES, RESULT_MAPPED, InspectionType
from domain.permits import PermitType, Status

PERMITS, INSPECTIONS, STATUS_CHANGES = "permits", "inspections", "status-changes"
DATASETS = (PERMITS, INSPECTIONS, STATUS_CHANGES)

FIELDS: dict[str, tuple[str, ...]] = {
    PERMITS: (
        "PermitNum", "Description", "AppliedDate", "IssuedDate", "CompletedDate",
        "StatusCurrent", "OriginalAddress1", "OriginalAddress2", "OriginalCity", "OriginalState",
        "OriginalZip", "Jurisdiction", "PermitClass", "PermitClassMapped", "StatusCurrentMapped",
        "StatusDate", "WorkClass", "WorkClassMapped", "PermitType", "PermitTypeMapped",
        "PermitTypeDesc", "EstProjectCost", "Link", "Latitude", "Longitude", "PIN",
        "ContractorCompanyName", "ContractorLicNum", "ContractorStateLic", "ExpiresDate",
        "ProjectID", "ProjectName", "Fee", "Publisher",
    ),
    INSPECTIONS: (
        "PermitNum", "InspType", "InspTypeMapped", "Result", "ResultMapped", "ScheduledDate",
        "InspectedDate", "InspectionNotes", "Final", "RequestDate", "ReInspection", "Inspector",
    ),
    STATUS_CHANGES: ("PermitNum", "StatusPrevious", "StatusPreviousDate",
                     "StatusPreviousMapped"),
}

# The standard's rules: fields that must have a value, pairs of which one must, and the
# fields whose values come from a fixed list.
REQUIRED: dict[str, tuple[str, ...]] = {
    PERMITS: ("PermitNum", "Description", "StatusCurrent", "OriginalAddress1", "OriginalCity",
              "OriginalState", "OriginalZip"),
    INSPECTIONS: ("PermitNum", "InspType", "InspTypeMapped", "Result", "ResultMapped"),
    STATUS_CHANGES: ("PermitNum",),
}
EITHER: dict[str, tuple[tuple[str, str], ...]] = {
    PERMITS: (("AppliedDate", "IssuedDate"), ("CompletedDate", "StatusCurrent")),
    INSPECTIONS: (("ScheduledDate", "InspectedDate"),),
    STATUS_CHANGES: (),
}
MAPPED: dict[str, dict[str, frozenset[str]]] = {
    PERMITS: {
        "PermitClassMapped": frozenset({"Residential", "Non-Residential"}),
        "StatusCurrentMapped": frozenset({
            "Application Accepted", "Fees/Payment", "In Review", "Permit Issued",
            "Inspection Phase", "Permit Finaled", "Permit Finaled with Conditions", "Occupancy",
            "Appeal", "Permit Cancelled"}),
        "WorkClassMapped": frozenset({"New", "Existing"}),
        "PermitTypeMapped": frozenset({
            "Building", "Demolition", "Electrical", "Mechanical", "Plumbing", "Roof", "Fence",
            "Grading", "Pool/Spa"}),
    },
    INSPECTIONS: {
        "InspTypeMapped": BLDS_INSP_TYPES,
        "ResultMapped": frozenset({"Passed", "Rejected", "Partial", "Cancelled",
                                   "OK for Service"}),
        "Final": frozenset({"Yes", "No"}),
        "ReInspection": frozenset({"Yes", "No"}),
    },
    STATUS_CHANGES: {
        "StatusPreviousMapped": frozenset({
            "Application Accepted", "In Review", "Permit Issued", "Inspection Phase",
            "Permit Finaled", "Permit Cancelled"}),
    },
}
DATE_FIELDS = frozenset({
    "AppliedDate", "IssuedDate", "CompletedDate", "StatusDate", "ExpiresDate", "ScheduledDate",
    "InspectedDate", "RequestDate", "StatusPreviousDate"})

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


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _text(value) -> str:
    return "" if value is None else str(value)


def permit_record(row: dict, publisher: Publisher) -> dict[str, str]:
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
        "PermitTypeDesc": row["subtype"], "EstProjectCost": _text(row["valuation"]),
        "Link": f"{publisher.base_url}/permits/{row['number']}",
        "Latitude": _text(row["latitude"]), "Longitude": _text(row["longitude"]),
        "PIN": row["apn"], "ContractorCompanyName": _text(row["contractor_name"]),
        "ContractorLicNum": _text(row["contractor_license"]),
        "ContractorStateLic": "CA" if row["contractor_license"] else "",
        "ExpiresDate": _day(row["expires_on"]), "ProjectID": _text(row["project"]),
        "ProjectName": _text(row.get("project_name")), "Fee": _text(fee),
        "Publisher": publisher.jurisdiction,
    }


def inspection_record(row: dict, types: Mapping[str, InspectionType]) -> dict[str, str]:
    """One inspection that has a result (or was cancelled): the notes are the ones written for
    everyone to read, never the city's own. ``types``: every type ever defined, by code (an
    old inspection's type may no longer be offered)."""
    kind = types.get(row["type_code"])
    result = row["result"] or row["status"]
    return {
        "PermitNum": row["permit_number"], "InspType": f"{row['type_code']} {row['type_name']}",
        "InspTypeMapped": kind.blds if kind else "", "Result": result,
        "ResultMapped": RESULT_MAPPED.get(result, ""),
        "ScheduledDate": _day(row["scheduled_for"]), "InspectedDate": _day(row["inspected_on"]),
        "InspectionNotes": row["public_notes"] or "",
        "Final": "Yes" if kind and kind.final else "No", "RequestDate": _day(row["requested_on"]),
        "ReInspection": "Yes" if row["reinspection"] else "No",
        "Inspector": _text(row["inspector"]),
    }


def status_change_record(row: dict) -> dict[str, str]:
    """A status the permit had, and the day it took it."""
    return {"PermitNum": row["permit_number"], "StatusPrevious": row["to_status"],
            "StatusPreviousDate": _day(row["changed_on"]),
            "StatusPreviousMapped": PREVIOUS_MAPPED.get(row["to_status"], "")}


@dataclass(frozen=True)
class Problem:
    row: int  # 1 = the first record (the CSV header is row 0)
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.message}"


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def dataset_of(fields: Iterable[str]) -> str | None:
    """Which dataset a file's fields are: the one whose required fields it has most of."""
    present = set(fields)
    score, best = max((len(present & set(FIELDS[name])), name) for name in DATASETS)
    return best if score > 1 else None  # PermitNum alone says nothing


def check_fields(dataset: str, fields: Iterable[str]) -> list[Problem]:
    """The header: every required field present (an either-or pair needs one of its two)."""
    present = set(fields)
    problems = [Problem(0, name, "required field missing")
                for name in REQUIRED[dataset] if name not in present]
    problems += [Problem(0, f"{a}/{b}", "one of the two fields is required")
                 for a, b in EITHER[dataset] if a not in present and b not in present]
    return problems


def check_record(dataset: str, number: int, record: dict[str, str],
                 header: frozenset[str] | None = None) -> Iterator[Problem]:
    """One record's problems. ``header``: a CSV's fields (a required one missing from it is
    reported once, by check_fields); a JSON record must hold every required field itself."""
    for name in REQUIRED[dataset]:
        if header is not None and name not in header:
            continue
        if name not in record:
            yield Problem(number, name, "required field missing")
        elif not _filled(record[name]):
            yield Problem(number, name, "required, but empty")
    for a, b in EITHER[dataset]:
        if not _filled(record.get(a)) and not _filled(record.get(b)):
            yield Problem(number, f"{a}/{b}", "one of the two must have a value")
    for name, allowed in MAPPED[dataset].items():
        value = record.get(name)
        if isinstance(value, str) and _filled(value) and value not in allowed:
            yield Problem(number, name, f"“{value}” is not one of BLDS's values")
    for name in DATE_FIELDS & record.keys():
        value = record[name]
        if isinstance(value, str) and _filled(value) and not _is_date(value):
            yield Problem(number, name, f"“{value}” is not a date written YYYY-MM-DD")
    for name, value in record.items():
        if value is not None and not isinstance(value, str):
            yield Problem(number, name, "BLDS values are text")


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
