"""BLDS 1.2's three datasets as the specification defines them: each field with its type, the
required fields, the either-or pairs and the mapped values (../shared/reference/blds.md).

The specification is the permitdata.org wiki ("Core Permits Dataset Requirements", "Optional
Inspections Dataset Requirements", "Optional Permit Status Change Dataset Requirements"); its
words are quoted where a rule here follows them.
"""
from __future__ import annotations

from domain.inspection_types import BLDS_INSP_TYPES

PERMITS, INSPECTIONS, STATUS_CHANGES = "permits", "inspections", "status-changes"
DATASETS = (PERMITS, INSPECTIONS, STATUS_CHANGES)

# The specification's data types. DATE is its "TEXT (YYYY-MM-DD)".
TEXT, DATE, INTEGER, NUMERIC, JSON = "TEXT", "DATE", "INTEGER", "NUMERIC", "JSON"

_T, _D, _I, _N, _J = TEXT, DATE, INTEGER, NUMERIC, JSON

# Every field of each dataset, in the specification's order (required, recommended, optional).
TYPES: dict[str, dict[str, str]] = {
    PERMITS: {
        "PermitNum": _T, "Description": _T, "AppliedDate": _D, "IssuedDate": _D,
        "CompletedDate": _D, "StatusCurrent": _T, "OriginalAddress1": _T,
        "OriginalAddress2": _T, "OriginalCity": _T, "OriginalState": _T, "OriginalZip": _T,
        "Jurisdiction": _T, "PermitClass": _T, "PermitClassMapped": _T,
        "StatusCurrentMapped": _T, "WorkClass": _T, "WorkClassMapped": _T, "PermitType": _T,
        "PermitTypeMapped": _T, "PermitTypeDesc": _T, "StatusDate": _D, "TotalSqFt": _I,
        "Link": _T, "Latitude": _N, "Longitude": _N, "EstProjectCost": _N, "HousingUnits": _I,
        "PIN": _T, "ContractorCompanyName": _T, "ContractorTrade": _T,
        "ContractorTradeMapped": _T, "ContractorLicNum": _T, "ContractorStateLic": _T,
        "ProposedUse": _T, "AddedSqFt": _I, "RemovedSqFt": _I, "MasterPermitNum": _T,
        "ExpiresDate": _D, "COIssuedDate": _D, "HoldDate": _D, "VoidDate": _D,
        "ProjectName": _T, "ProjectID": _T,
        # TEXT in the specification, unlike TotalSqFt: checked as text only.
        "TotalFinishedSqFt": _T, "TotalUnfinishedSqFt": _T, "TotalHeatedSqFt": _T,
        "TotalUnHeatedSqFt": _T, "TotalAccSqFt": _T, "TotalSprinkledSqFt": _T,
        "ExtraFields": _J, "Publisher": _T,
        # "Fee | INTEGER | The fee for the permit (in any currency)".
        "Fee": _I,
        "ContractorFullName": _T, "ContractorCompanyDesc": _T, "ContractorPhone": _T,
        "ContractorAddress1": _T, "ContractorAddress2": _T, "ContractorCity": _T,
        "ContractorState": _T, "ContractorZip": _T, "ContractorEmail": _T,
    },
    INSPECTIONS: {
        "PermitNum": _T, "InspType": _T, "InspTypeMapped": _T, "Result": _T,
        "ResultMapped": _T, "ScheduledDate": _D, "InspectedDate": _D, "InspectionNotes": _T,
        "Description": _T, "Final": _T, "RequestDate": _D, "RequestTime": _T,
        "DesiredDate": _D, "DesiredTime": _T, "ScheduledTime": _T, "InspectedTime": _T,
        "ReInspection": _T, "Inspector": _T, "ExtraFields": _J,
    },
    STATUS_CHANGES: {
        "PermitNum": _T, "StatusPrevious": _T, "StatusPreviousDate": _D,
        "StatusPreviousMapped": _T, "Comments": _T,
    },
}

# Fields that must have a value. OriginalAddress2 is required only "if system of record used
# by jurisdiction makes this address component available", so it is not checked.
REQUIRED: dict[str, tuple[str, ...]] = {
    PERMITS: ("PermitNum", "Description", "OriginalAddress1", "OriginalCity", "OriginalState",
              "OriginalZip"),
    INSPECTIONS: ("PermitNum", "InspType", "InspTypeMapped", "Result", "ResultMapped"),
    STATUS_CHANGES: ("PermitNum",),
}
# Pairs of which one must have a value: "Either of AppliedDate or IssuedDate is required",
# "Either of CompletedDate or StatusCurrent must be provided" (so a file with CompletedDate
# and no StatusCurrent is valid), "only one of the dates for ScheduledDate or InspectedDate is
# required".
EITHER: dict[str, tuple[tuple[str, str], ...]] = {
    PERMITS: (("AppliedDate", "IssuedDate"), ("CompletedDate", "StatusCurrent")),
    INSPECTIONS: (("ScheduledDate", "InspectedDate"),),
    STATUS_CHANGES: (),
}
_STATUSES = frozenset({
    "Application Accepted", "Fees/Payment", "In Review", "Permit Issued", "Inspection Phase",
    "Permit Finaled", "Permit Finaled with Conditions", "Occupancy", "Appeal",
    "Permit Cancelled"})
_YES_NO = frozenset({"Yes", "No"})
MAPPED: dict[str, dict[str, frozenset[str]]] = {
    PERMITS: {
        "PermitClassMapped": frozenset({"Residential", "Non-Residential"}),
        "StatusCurrentMapped": _STATUSES,
        "WorkClassMapped": frozenset({"New", "Existing"}),
        "PermitTypeMapped": frozenset({
            "Building", "Demolition", "Electrical", "Mechanical", "Plumbing", "Roof", "Fence",
            "Grading", "Pool/Spa"}),
        "ContractorTradeMapped": frozenset({
            "General", "Electrical", "Mechanical", "Plumbing", "Architecture", "Engineering",
            "Masonry", "Sign", "Tent"}),
    },
    INSPECTIONS: {
        "InspTypeMapped": BLDS_INSP_TYPES,
        "ResultMapped": frozenset({"Passed", "Rejected", "Partial", "Cancelled",
                                   "OK for Service"}),
        # "Indicator as to whether or not the inspection is a final inspection (Yes or No)".
        "Final": _YES_NO,
        # "Indicator as to whether a reinspection is needed (Yes or No)".
        "ReInspection": _YES_NO,
    },
    STATUS_CHANGES: {
        "StatusPreviousMapped": frozenset({
            "Application Accepted", "In Review", "Permit Issued", "Inspection Phase",
            "Permit Finaled", "Permit Cancelled"}),
    },
}
# Whole numbers that count or cost something cannot be below zero; coordinates are degrees.
NOT_NEGATIVE = frozenset({"TotalSqFt", "HousingUnits", "AddedSqFt", "RemovedSqFt", "Fee",
                          "EstProjectCost"})
RANGES = {"Latitude": (-90, 90), "Longitude": (-180, 180)}
# Fields the specification gives for a contractor's business contact (the core dataset's
# Contractor… fields): their phone numbers and e-mail addresses are expected.
CONTRACTOR_CONTACT = frozenset({"ContractorPhone", "ContractorEmail", "ContractorAddress1",
                                "ContractorAddress2"})
# Free text, where a phone number can only be someone's contact detail.
FREE_TEXT = frozenset({"Description", "ProjectName", "PermitTypeDesc", "ProposedUse",
                       "InspectionNotes", "Comments", "ContractorCompanyDesc", "Result",
                       "StatusCurrent", "StatusPrevious", "InspType", "Inspector"})
