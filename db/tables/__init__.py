"""Piccolo table classes, one module per wing; every table is imported from here
(``from db.tables import Permit``), so a table's module is where it is defined, not how it is
reached. db/piccolo_app.py finds them in ``MODULES``."""
from db.tables.accounts import (
    Account, AccountSession, AccountToken, ClaimLetter, ContractorLicense, SignInFailure, Upload
)
from db.tables.inspections import (
    District, Inspection, InspectionDay, InspectionPhoto, IvrCall, ResultConflict, RouteOrder
)
from db.tables.payments import FeeAdjustment, LedgerEntry, Payment, PaymentLine
from db.tables.permits import (
    Application, FeeItem, Permit, PermitContact, PermitFollow, PermitNote, PermitStatusChange,
    ReviewComment
)
from db.tables.places import Parcel, Project
from db.tables.records import (
    AuditEvent, IdempotencyRecord, OutboxMessage, RateLimitUse, RuleVersion
)
from db.tables.reviews import PlanDocument, ReviewAssignment

MODULES = [f"db.tables.{name}" for name in (
    "places", "accounts", "permits", "reviews", "inspections", "payments", "records")]

__all__ = [
    "Account", "AccountSession", "AccountToken", "ClaimLetter", "ContractorLicense",
    "SignInFailure", "Upload", "District", "Inspection", "InspectionDay", "IvrCall",
    "ResultConflict", "LedgerEntry", "Payment", "PaymentLine", "Application", "FeeItem",
    "Permit", "PermitContact", "PermitFollow", "PermitStatusChange", "ReviewComment", "Parcel",
    "Project", "AuditEvent", "IdempotencyRecord", "OutboxMessage", "RateLimitUse", "RuleVersion",
    "PlanDocument", "ReviewAssignment", "FeeAdjustment", "PermitNote", "InspectionPhoto",
    "RouteOrder",
]
