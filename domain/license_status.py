"""The CSLB's status words ("Work Comp Susp") said in plain language (issue 14 §10).

The License Master's ``PrimaryStatus`` is ``CLEAR`` for a license in good standing and an
abbreviation otherwise (../shared/reference/cslb.md). People read what it means and what to do,
never the abbreviation.
"""
from __future__ import annotations

GOOD_STANDING = "CLEAR"
_CALL_CSLB = "The Contractors State License Board (CSLB, 800-321-2752) can say what it needs."

# Lower-cased status -> (short label, why the license may not be used).
_MEANINGS: dict[str, tuple[str, str]] = {
    "clear": ("Current and active", ""),
    "work comp susp": (
        "Suspended: no workers' compensation on file",
        "the state has no current workers' compensation insurance or exemption on file for "
        "it"),
    "contr bond susp": (
        "Suspended: no contractor's bond on file",
        "its contractor's bond was cancelled or is not on file with the state"),
    "liab ins susp": (
        "Suspended: no liability insurance on file",
        "the liability insurance the state requires of it lapsed or is not on file"),
    "judgement susp": (
        "Suspended: a court judgment is unpaid",
        "a court judgment about its construction work has not been paid"),
    "citation susp": (
        "Suspended: a state citation is unresolved",
        "it has not complied with a citation from the state"),
    "arbitration susp": (
        "Suspended: an arbitration award is unresolved",
        "it has not complied with an arbitration award"),
    "court order susp": ("Suspended by a court order", "a court ordered it suspended"),
    "disciplinary susp": ("Suspended as a disciplinary action",
                          "the state suspended it as a disciplinary action"),
    "qual indiv bond susp": (
        "Suspended: no qualifier's bond on file",
        "the bond of the person who qualifies the license is not on file"),
    "revoked": ("Revoked by the state", "the state revoked it"),
    "cancelled": ("Cancelled", "it was cancelled"),
    "expired": ("Expired", "it has expired"),
    "inactive": ("Inactive", "its holder made it inactive; it must be reactivated first"),
}
_MEANINGS["judgment susp"] = _MEANINGS["judgement susp"]
_MEANINGS["canceled"] = _MEANINGS["cancelled"]


def _meaning(status: str) -> tuple[str, str]:
    key = " ".join(status.lower().split())
    if key in _MEANINGS:
        return _MEANINGS[key]
    if "susp" in key:
        return "Suspended by the state", "the state suspended it"
    return "Not active", "the state does not list it as active"


def status_label(status: str) -> str:
    """A few words for a list or a summary: "Suspended: no contractor's bond on file"."""
    return _meaning(status)[0]


def status_sentence(license_no: str, status: str) -> str:
    """Why a license not in good standing may not pull permits, and whom to ask."""
    reason = _meaning(status)[1] or "the state lists it as in good standing"
    return (f"License {license_no} may not be used for permits now: {reason}. "
            f"{_CALL_CSLB}")


def is_good_standing(status: str) -> bool:
    return status.strip().upper() == GOOD_STANDING
