"""The inspection types form, and the rules of a new catalog version.

A code names one inspection forever: it is printed on permit cards, typed on the phone line
and kept by every inspection of it. So types are never deleted, only no longer offered, a
code's permit type never changes, and a new type takes a code never used before.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from functools import partial

from domain.inspection_types import (
    BLDS_INSP_TYPES, CODE_DIGITS, MAX_UNITS, NAME_LIMIT, InspectionCatalog, InspectionType, catalog_body,
)
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType
from domain.rule_edits import read_effective, read_whole, spoken
from domain.word_lists import LIST_SEPARATOR

NEW = "new"  # the blank row for a new type
_units = partial(read_whole, least=1, most=MAX_UNITS)


def catalog_rows(template: InspectionCatalog,
                 known: Mapping[str, InspectionType]) -> tuple[InspectionType, ...]:
    """The rows of the form: the latest version's types, then any other type ever defined."""
    return template.types + tuple(t for code, t in sorted(known.items())
                                  if code not in template.by_code)


def catalog_fields(rows: tuple[InspectionType, ...]) -> dict[str, str]:
    """The form filled in from the rows, for the next version (the date left for the user)."""
    fields = {f"units-{NEW}": "1"}
    for t in rows:
        fields.update({f"name-{t.code}": t.name, f"blds-{t.code}": t.blds,
                       f"units-{t.code}": str(t.units)})
        fields.update({f"{flag}-{t.code}": "yes" for flag in ("final", "offered")
                       if getattr(t, flag)})
    return fields


def _row(form: Mapping[str, str], key: str, errors: dict[str, str], label: str
         ) -> tuple[str, str, int]:
    name = " ".join(form.get(f"name-{key}", "").split())
    if not name or len(name) > NAME_LIMIT:
        errors[f"name-{key}"] = f"{label}: enter a name of 1 to {NAME_LIMIT} characters."
    blds = form.get(f"blds-{key}", "")
    if blds not in BLDS_INSP_TYPES:
        errors[f"blds-{key}"] = f"{label}: choose the BLDS inspection type it maps to."
    units = _units(form.get(f"units-{key}", ""))
    if units is None:
        errors[f"units-{key}"] = (f"{label}: enter the units it takes of a district's day as a "
                                  f"whole number from 1 to {MAX_UNITS} (a final takes 2).")
    return name, blds, units or 1


def _new_type(form: Mapping[str, str], known: Mapping[str, InspectionType],
              errors: dict[str, str]) -> InspectionType | None:
    code = form.get(f"code-{NEW}", "").strip()
    typed = [form.get(f"{k}-{NEW}", "").strip() for k in ("permit_type", "name", "blds")]
    typed.append(form.get(f"units-{NEW}", "1").strip() not in ("", "1"))  # "1": prefilled
    if not code and not any(typed):
        return None
    label = "New inspection"
    try:
        permit_type = PermitType(form.get(f"permit_type-{NEW}", ""))
    except ValueError:
        errors[f"permit_type-{NEW}"] = f"{label}: choose its permit type."
        permit_type = PermitType.BUILDING
    if not (len(code) == CODE_DIGITS and code.isascii() and code.isdigit()):
        errors[f"code-{NEW}"] = f"{label}: enter a code of 3 digits, like 150."
    elif code in known:
        errors[f"code-{NEW}"] = (f"{label}: code {code} is already {known[code].name}; a code "
                                 "names one inspection forever. Choose another code.")
    name, blds, units = _row(form, NEW, errors, label)
    return InspectionType(permit_type, code, name, blds, bool(form.get(f"final-{NEW}")), units)


MISSING_ONE = ("Inspection types are never deleted: {codes} is missing. Mark a type as no "
               "longer offered instead.")
MISSING_MANY = ("Inspection types are never deleted: {codes} are missing. Mark a type as no "
                "longer offered instead.")
TRADE_STAYS = ("The permit type of code {code} stays {permit_type}: its inspections are of that "
               "trade.")
FINAL_KEPT = ("Keep a final inspection offered for {permit_type} permits: a permit is finaled "
              "by one.")


def catalog_problems(known: Mapping[str, InspectionType],
                     catalog: InspectionCatalog) -> dict[str, str]:
    """What a new version may not do against every type defined before (``known``)."""
    problems = []
    missing = sorted(set(known) - set(catalog.by_code))
    if missing:
        message = MISSING_ONE if len(missing) == 1 else MISSING_MANY
        problems.append(message.format(codes=LIST_SEPARATOR.join(missing)))
    moved = sorted(code for code, t in catalog.by_code.items()
                   if code in known and known[code].permit_type is not t.permit_type)
    problems += [TRADE_STAYS.format(code=code, permit_type=known[code].permit_type.label)
                 for code in moved]
    problems += [FINAL_KEPT.format(permit_type=permit_type.label.lower())
                 for permit_type in PermitType if not any(t.final for t in catalog.of(permit_type))]
    return {"types": " ".join(problems)} if problems else {}


UNDONE_BY_UPCOMING = ("The upcoming version of {day} would undo this one: {problems} Save that "
                      "version again first, or withdraw it.")


def undone_by_upcoming(day: date, problems: str) -> str:
    """A version saved before an upcoming one that breaks its rules (``problems``, whole
    sentences from catalog_problems): that one must be saved again or withdrawn first."""
    return UNDONE_BY_UPCOMING.format(day=spoken(day), problems=problems)


def read_catalog_form(form: Mapping[str, str], template: InspectionCatalog,
                      known: Mapping[str, InspectionType], today: date,
                      taken: Collection[date]) -> Accepted[dict] | Rejected:
    """A new version's JSON form from the rows a supervisor edited and the blank row; errors
    by field."""
    errors: dict[str, str] = {}
    effective = read_effective(form.get("effective", ""), today, taken)
    if isinstance(effective, Rejected):
        errors.update(effective.errors)
    types = []
    for kind in catalog_rows(template, known):
        name, blds, units = _row(form, kind.code, errors, kind.code)
        types.append(InspectionType(kind.permit_type, kind.code, name, blds,
                                    bool(form.get(f"final-{kind.code}")), units,
                                    bool(form.get(f"offered-{kind.code}"))))
    if (new := _new_type(form, {t.code: t for t in types} | dict(known), errors)) is not None:
        types.append(new)
    if errors:
        return Rejected(errors)
    catalog = InspectionCatalog(effective.value, tuple(types))
    if problems := catalog_problems(known, catalog):
        return Rejected(problems)
    return Accepted(catalog_body(catalog))
