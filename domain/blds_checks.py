"""A BLDS file's fields and records checked against the specification (domain/blds_spec.py),
since no validator exists upstream: every problem with its row, as an error, a warning or a
note.

Errors break the specification or carry personal contact data; warnings are fields the
specification does not have; notes are Permitline's own documented extensions (EXTENSIONS).
What a value of each type may be, in CSV and in JSON, is domain/blds_values.py.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain.blds import EXTENSIONS
from domain.blds_spec import (
    CONTRACTOR_CONTACT, DATASETS, EITHER, FREE_TEXT, MAPPED, NOT_NEGATIVE, PERMITS, RANGES,
    REQUIRED, TYPES,
)
from domain.blds_values import decimal_of, not_text, printable, shown, type_problem

ERROR, WARNING, NOTE = "error", "warning", "note"


@dataclass(frozen=True)
class Problem:
    row: int  # 1 = the first record (a CSV's header is row 0); 0 for the file as a whole
    field: str
    message: str
    level: str = ERROR
    line: int | None = None  # the file's line, where the problem is in the text itself

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else f"row {self.row}"
        level = "" if self.level == ERROR else f"{self.level}: "
        return f"{where}: {printable(self.field)}: {level}{self.message}"


def counted(count: int, noun: str) -> str:
    """A count with its noun, singular for one: "1 record", "1,200 records"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def summary(dataset: str | None, records: int, counts: Mapping[str, int]) -> str:
    """The validator's last word on a file: valid or not, its records and its problems."""
    others = "".join(f", {counted(counts[level], level)}" for level in (WARNING, NOTE)
                     if counts.get(level))
    kind = f"BLDS {dataset} file" if dataset else "BLDS file"
    if counts.get(ERROR):
        return (f"{counted(counts[ERROR], ERROR)} in {counted(records, 'record')} of a "
                f"{kind}{others}.")
    return f"valid {kind}, {counted(records, 'record')}{others}."


def dataset_of(fields: Iterable[str]) -> str | None:
    """Which dataset a file's fields are: the one it shares most fields with."""
    present = set(fields)
    score, best = max((len(present & TYPES[name].keys()), name) for name in DATASETS)
    return best if score > 1 else None  # PermitNum alone says nothing


# Field names about a person (an owner, an applicant, a contact) or a way to reach one.
_PERSONAL_NAME = re.compile(
    r"e[-_ ]?mail|phone|mobile|\bcell\b|\bfax\b|contact|owner(?!ship)|applicant|tenant|"
    r"\bmailing\b|birth|\bssn\b|social ?security", re.IGNORECASE)
_WORDS = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[-_.]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.ASCII)
# North American numbers written as people write them: (323) 848-6475, 323-848-6475,
# +1 323.848.6475. Separators are required, so parcel and permit numbers do not match.
_PHONE = re.compile(r"(?<![\w-])(\+?1[ .-]?)?(\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])",
                    re.ASCII)


def looks_personal(name: str) -> bool:
    """A field name that looks like personal contact data (OwnerName, applicant_email,
    Phone): open data carries none."""
    return bool(_PERSONAL_NAME.search(_WORDS.sub(" ", name)))


class FileCheck:
    """The checks of one file of ``dataset``, fed its header (CSV) and records in order; it
    remembers what a file may not repeat (PermitNum in the permits dataset) and reports each
    unexpected field once. ``from_json``: the values carry JSON's types (a JSON file), so a
    number written as a string is text; in CSV every value is text (domain/blds_values.py)."""

    def __init__(self, dataset: str, from_json: bool = False) -> None:
        self.dataset = dataset
        self.from_json = from_json
        self.types = TYPES[dataset]
        self.extensions = EXTENSIONS[dataset]
        self.named: set[str] = set()  # field names already looked at
        self.permits: dict[str, int] = {}  # PermitNum -> its first row

    def header(self, names: list[str]) -> list[Problem]:
        """A CSV's header row: names unique, the required fields (or one of a pair) present."""
        counts = Counter(names)
        problems = [Problem(0, name or "(no name)", f"appears {count} times in the header; "
                            "each field is one column")
                    for name, count in counts.items() if count > 1]
        present = set(names)
        problems += [Problem(0, name, "required field missing")
                     for name in REQUIRED[self.dataset] if name not in present]
        problems += [Problem(0, f"{a}/{b}", "one of the two fields is required")
                     for a, b in EITHER[self.dataset] if a not in present and b not in present]
        return problems + self.names(0, names)

    def names(self, row: int, names: Iterable[str]) -> list[Problem]:
        """Fields the specification does not have, each reported the first time it is seen."""
        problems = []
        for name in names:
            if name in self.named or name in self.types:
                continue
            self.named.add(name)
            if bad := not_text(name):
                problems.append(Problem(row, name, f"a field name holding {bad}"))
            elif not name.strip():
                problems.append(Problem(row, "(no name)", "a column without a name"))
            elif looks_personal(name):
                problems.append(Problem(row, name, "looks like personal contact data, which "
                                        "open data must not carry"))
            elif name in self.extensions:
                problems.append(Problem(row, name, "not a BLDS field: Permitline's own, "
                                        f"{self.extensions[name]}", NOTE))
            else:
                problems.append(Problem(row, name, "not a field of the BLDS "
                                        f"{self.dataset} dataset", WARNING))
        return problems

    def record(self, row: int, record: Mapping, header: frozenset[str] | None = None
               ) -> list[Problem]:
        """One record's problems. ``header``: a CSV's fields (a required one missing from it
        is reported once, by ``header``); a JSON record must hold every required field."""
        problems = [] if header is not None else self.names(row, record)
        for name in REQUIRED[self.dataset]:
            if header is not None and name not in header:
                continue
            if name not in record:
                problems.append(Problem(row, name, "required field missing"))
            elif not _filled(record[name]):
                problems.append(Problem(row, name, "required, but empty"))
        for a, b in EITHER[self.dataset]:
            if not _filled(record.get(a)) and not _filled(record.get(b)):
                problems.append(Problem(row, f"{a}/{b}", "one of the two must have a value"))
        for name, value in record.items():
            if _filled(value):
                problems += self._value(row, name, value)
        if self.dataset == PERMITS:
            problems += self._once(row, record.get("PermitNum"))
        return problems

    def _once(self, row: int, number) -> list[Problem]:
        if not isinstance(number, str) or not number.strip():
            return []
        first = self.permits.setdefault(number.strip(), row)
        if first == row:
            return []
        return [Problem(row, "PermitNum", f"{shown(number)} is also row {first}'s: a permit "
                        "is one record of the permits dataset")]

    def _value(self, row: int, name: str, value) -> list[Problem]:
        if bad := not_text(value):  # issue 14 §8: escaped in JSON, it passed as text before
            return [Problem(row, name, f"{shown(value)} holds {bad}")]
        kind = self.types.get(name)  # a field BLDS does not have has no type to check
        message = type_problem(kind, value, self.from_json) if kind else None
        if message is None and kind:
            message = self._meaning(name, value)
        if message is None and isinstance(value, str) and name not in CONTRACTOR_CONTACT:
            message = _contact_in(name, value)
        if name in self.extensions and message is None:
            message = _extension(name, value)
        return [] if message is None else [Problem(row, name, message)]

    def _meaning(self, name: str, value) -> str | None:
        allowed = MAPPED[self.dataset].get(name)
        if allowed is not None and value not in allowed:
            return f"{shown(value)} is not one of BLDS's values"
        if name in RANGES or name in NOT_NEGATIVE:
            number = decimal_of(value)
            low, high = RANGES.get(name, (0, None))
            if number < low or (high is not None and number > high):
                return (f"{shown(value)} is outside {low} to {high} degrees" if high is not None
                        else f"{shown(value)} is below zero")
        return None


def _filled(value) -> bool:
    """A value is there unless it is missing, null or blank text."""
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def _contact_in(name: str, value: str) -> str | None:
    if "@" in value and _EMAIL.search(value):
        return "holds an e-mail address, which open data must not carry"
    if name in FREE_TEXT and _PHONE.search(value):
        return "holds a phone number, which open data must not carry"
    return None


def _extension(name: str, value) -> str | None:
    if name == "FeeExact" and not (isinstance(value, str) and re.fullmatch(
            r"[0-9]+\.[0-9]{2}", value)):
        return f"{shown(value)} is not an amount in dollars and cents (395.50)"
    return None
