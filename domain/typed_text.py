"""Free text people type for the record (a reason, a note): kept as written, less what nobody
can see, so a reason made only of control or invisible characters counts as none given."""
from __future__ import annotations

import unicodedata

from domain.typed_names import INVISIBLE

_KEPT_CONTROLS = "\n\t"


def _seen(char: str) -> bool:
    if char in _KEPT_CONTROLS:
        return True
    return unicodedata.category(char)[0] != "C" and char not in INVISIBLE


def as_written(text: str) -> str:
    """``text`` without control, format and invisible characters (line breaks and tabs kept),
    its line ends made one kind, and no blank space around it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if _seen(c)).strip()


def one_line(text: str) -> str:
    """``text`` as_written on one line: every run of spaces, tabs and line breaks one space (a
    reason, a caption, a checklist item's words)."""
    return " ".join(as_written(text).split())
