"""Editing dated rules: when a new version may take effect, and the numbers typed for it.

A version in force (effective today or earlier) is the record of what applied to permits and
inspections then, so it never changes; a new version takes effect tomorrow or later (today's
estimates and bookings keep the rules they were made under, and every server process has read
it before it applies), and one not yet in force may be replaced or withdrawn. A day's
capacity or closure that cannot wait is set on the inspection board, at once.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, timedelta
from decimal import Decimal

from domain import numbers
from domain.outcomes import Accepted, Rejected

SCHEDULING, INSPECTION_TYPES, FEES = "scheduling", "inspection_types", "fees"
CHECKLISTS = "checklists"  # the inspection types' checklists and the corrections library
KINDS = (SCHEDULING, INSPECTION_TYPES, FEES, CHECKLISTS)
TITLES = {SCHEDULING: "Scheduling policy and holidays", INSPECTION_TYPES: "Inspection types",
          FEES: "Fee schedule", CHECKLISTS: "Inspection checklists and corrections library"}
# A rule set named inside a sentence ("no fee schedule is in force on …").
IN_A_SENTENCE = {SCHEDULING: "scheduling policy", FEES: "fee schedule",
                 INSPECTION_TYPES: "inspection catalog", CHECKLISTS: "inspection checklists"}
LEAD_LIMIT = timedelta(days=5 * 366)  # a typo like 2207 is caught, a fiscal year ahead is not
# The audit log's words for a version of the rules: its subject, and what was saved.
VERSION_SUBJECT = "rules: {kind} {effective}"
FIRST_VERSION = "the first version, from the files in db/"
REPLACES_PENDING = "replaces the version not yet in force; {changes}"
SAVED_BY = "saved by {who}"
CHANGES_SHOWN = 12  # in an audit event; the version itself has everything


def spoken(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def earliest_effective(today: date) -> date:
    """The first day a new version may take effect: tomorrow (effective_problem)."""
    return today + timedelta(days=1)


def effective_problem(effective: date, today: date, taken: Collection[date],
                      kind: str = "") -> str | None:
    """Why a version cannot be saved to take effect on ``effective`` (``taken``: the dates
    that already have a version of the rule); None when it can."""
    if effective <= today and effective in taken:
        return (f"The version of {spoken(effective)} is already in force and cannot change. "
                "Choose a later date for the new version.")
    if effective <= today:
        return (f"Choose a date after today ({spoken(today)}): what applied until now stays "
                "as it was." + (" To close a district today, block the day on the inspection "
                                "board." if kind == SCHEDULING else ""))
    if effective > today + LEAD_LIMIT:
        return "Choose a date within the next five years."
    return None


def withdraw_problem(effective: date, today: date) -> str | None:
    if effective <= today:
        return (f"The version of {spoken(effective)} is already in force: it stays as the "
                "record of what applied.")
    return None


def read_effective(text: str, today: date, taken: Collection[date], kind: str = ""
                   ) -> Accepted[date] | Rejected:
    try:
        effective = date.fromisoformat(text.strip())
    except ValueError:
        return Rejected({"effective": "Enter the date the version takes effect, like "
                                      f"{today.year + 1}-01-01."})
    problem = effective_problem(effective, today, taken, kind)
    return Rejected({"effective": problem}) if problem else Accepted(effective)


def read_money(text: str, most: Decimal) -> Decimal | None:
    """Dollars and at most cents, from 0 to ``most``, as 2 places; None when not that."""
    outcome = numbers.read_amount(text, most=most)
    return outcome.value if isinstance(outcome, Accepted) else None


def read_rate(text: str, most: Decimal) -> Decimal | None:
    """A decimal from 0 to ``most`` with at most 6 places (0.65 is 65%)."""
    outcome = numbers.read_decimal(text, places=6, most=most)
    return outcome.value if isinstance(outcome, Accepted) else None


def read_whole(text: str, least: int, most: int) -> int | None:
    return numbers.whole_or_none(text, least=least, most=most)


def _flat(value: object, prefix: str = "") -> dict[str, str]:
    """A version's JSON as "path: value" pairs; list entries are named by their code."""
    if isinstance(value, Mapping):
        pairs: dict[str, str] = {}
        for key, inner in value.items():
            pairs.update(_flat(inner, f"{prefix} {key}".strip()))
        return pairs
    if isinstance(value, list) and all(isinstance(v, Mapping) for v in value):
        pairs = {}
        for index, inner in enumerate(value):
            # Named by its id where it has one (a checklist's items share code sections).
            key = "id" if "id" in inner else "code"
            name = inner.get(key) or (f"over {inner['over']}" if "over" in inner else index)
            pairs.update(_flat({k: v for k, v in inner.items() if k != key},
                               f"{prefix} {name}"))
        return pairs
    if isinstance(value, list):
        return {prefix: ", ".join(str(v) for v in value) or "none"}
    if isinstance(value, bool):
        return {prefix: "yes" if value else "no"}
    return {prefix: "none" if value is None else str(value)}


def _same(a: str | None, b: str | None) -> bool:
    """Equal, or the same number written differently ("0" and "0.00")."""
    if a == b:
        return True
    read = [numbers.read_decimal(v or "", places=12, most=10**15) for v in (a, b)]
    return all(isinstance(r, Accepted) for r in read) and read[0] == read[1]


def changes(before: Mapping | None, after: Mapping) -> tuple[str, str]:
    """What a new version changes against the one it replaces or follows, for the audit trail:
    ("issuance_fee: 35.00", "issuance_fee: 40.00"). With nothing before, a count."""
    if before is None:
        return "", f"{len(_flat(after))} values"
    old, new = _flat(before), _flat(after)
    keys = [k for k in dict.fromkeys([*old, *new])
            if not _same(old.get(k), new.get(k)) and k not in ("effective", "note")]
    if not keys:
        return "", "no change of values"
    more = f"; … and {len(keys) - CHANGES_SHOWN} more" if len(keys) > CHANGES_SHOWN else ""
    shown = keys[:CHANGES_SHOWN]
    return ("; ".join(f"{k}: {old.get(k, '—')}" for k in shown) + more,
            "; ".join(f"{k}: {new.get(k, '—')}" for k in shown) + more)


def field(form: Mapping[str, str], name: str, read, message: str, errors: dict[str, str]):
    """``read`` of the field's text, or None with ``message`` as the field's error."""
    value = read(form.get(name, ""))
    if value is None:
        errors[name] = message
    return value


def read_back(body: dict, parse) -> Accepted[dict] | Rejected:
    """``body`` if the same reader as loading takes it (what is saved always loads); a value
    the form's checks let through is said beside the date, not a 500."""
    try:
        parse(body)
    except ValueError as error:
        return Rejected({"effective": f"This version cannot be read back ({error}); "
                                      "check the values changed."})
    return Accepted(body)


def version_subject(kind: str, effective: date | str) -> str:
    """The audit log's subject for the version of ``kind`` in force from ``effective``."""
    return VERSION_SUBJECT.format(kind=kind, effective=effective)


def saved_changes(changed: str, replaces_pending: bool) -> str:
    """What a saved version changed, saying so when it replaced one not yet in force."""
    return REPLACES_PENDING.format(changes=changed) if replaces_pending else changed


def who_saved(who: str) -> str:
    """Who had saved a version now withdrawn."""
    return SAVED_BY.format(who=who)
