"""Business names as people write them: the state license file's capitals in mixed case.

The CSLB License Master spells every name in capitals ("PARK REMODELING LLC"), and Python's
``str.title()`` made "Park Remodeling Llc" and "Joe'S Plumbing" of them (issue 14 §10). One
function decides how a business name is shown, wherever it is shown.
"""
from __future__ import annotations

import re

# Legal forms, acronyms and roman numerals that stay in capitals.
CAPITALS = frozenset({
    "LLC", "LLP", "LP", "PLLC", "PLC", "PC", "APC", "DBA", "JV", "US", "USA", "CA", "ABC",
    "AAA", "ASAP", "HVAC", "AC", "EV", "PV", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
})
# What str.title() made of them, fixed in names already written that way; only forms that
# are no English word ("Us", "Ac", "Ev", "Pv", "Vi", "Ix" stay as typed).
_TITLED_CAPITALS = frozenset({"LLC", "LLP", "LP", "PLLC", "PLC", "APC", "DBA", "HVAC", "II",
                              "III", "VII", "VIII", "XII"})
# Abbreviations without vowels that are words, not initials.
_ABBREVIATIONS = frozenset({
    "ST", "DR", "MR", "MRS", "MS", "JR", "SR", "MT", "FT", "SVC", "SVCS", "MGMT", "CTR",
    "BLDG", "BLDGS", "BLDRS", "CNSTR", "PLBG", "HTG", "HLDGS", "MFG", "BLVD", "PKWY", "SQ",
    "MTN", "BRS",
})
# Joining words, in lower case except as the first word ("Bank of the West").
_SMALL = frozenset({"OF", "AND", "THE", "FOR", "AT", "BY", "ON", "IN", "TO", "OR"})
_VOWELS = frozenset("AEIOUY")
_ORDINAL = re.compile(r"(\d+)(ST|ND|RD|TH)")
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]?")
_WORD = re.compile(r"[\w'’.&/-]+")
_EDGE = re.compile(r"^([\W_]*)(.*?)([\W_]*)$", re.S)


def display_business_name(name: str) -> str:
    """"PARK REMODELING LLC" → "Park Remodeling LLC"; "O'BRIEN & MCKAY CO." → "O'Brien & McKay
    Co."; a name typed in mixed case keeps its case except what ``str.title()`` broke."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return name
    if any(c.isupper() for c in letters) and any(c.islower() for c in letters):
        return _WORD.sub(lambda m: _mended(m[0]), name)
    first = True

    def word(match: re.Match) -> str:
        nonlocal first
        shown = _word(match[0].upper(), first)
        first = False
        return shown

    return _WORD.sub(word, name.upper())


def _word(token: str, first: bool) -> str:
    lead, core, trail = _EDGE.match(token).groups()
    if not core:
        return token
    if _INITIALS.fullmatch(core + trail):  # J.R., L.L.C.
        return token
    if "&" in core:
        parts = core.split("&")
        if all(len(p) <= 2 for p in parts):  # A&B, AT&T, R&R: initials
            return token
        return lead + "&".join(_word(p, first and i == 0) for i, p in enumerate(parts)) + trail
    for mark in ("-", "/"):
        if mark in core:
            return lead + mark.join(_word(p, first and i == 0)
                                    for i, p in enumerate(core.split(mark))) + trail
    return lead + _plain(core, first) + trail


def _plain(word: str, first: bool) -> str:
    """One word of capitals, letters and digits, possibly with apostrophes."""
    for mark in ("'", "’"):
        if mark in word:
            head, *rest = word.split(mark)
            shown = _plain(head, first) if head else ""
            for part in rest:
                # O'Brien, D'Angelo (a one-letter prefix); Joe's, Rock'n (a suffix).
                shown += mark + (_plain(part, False) if len(head) == 1 and len(part) > 1
                                 else part.lower())
                head = part
            return shown
    if not word.isalpha():
        ordinal = _ORDINAL.fullmatch(word)
        return ordinal[1] + ordinal[2].lower() if ordinal else word
    if word in CAPITALS or len(word) == 1:
        return word
    if word in _SMALL and not first:
        return word.lower()
    if word in _ABBREVIATIONS:
        return word.capitalize()
    if not set(word) & _VOWELS:  # JMK, CBS: initials
        return word
    if word.startswith("MC") and len(word) > 3:
        return "Mc" + word[2:].capitalize()
    return word.capitalize()


def _mended(token: str) -> str:
    """A word of a mixed-case name: only what str.title() made wrong is changed."""
    lead, core, trail = _EDGE.match(token).groups()
    if core.upper() in _TITLED_CAPITALS and core == core.capitalize():
        return lead + core.upper() + trail
    if re.fullmatch(r"Mc[a-z]{2,}", core):
        return lead + "Mc" + core[2:].capitalize() + trail
    return lead + re.sub(r"(?<=[a-z])(['’])S\b", r"\1s", core) + trail
