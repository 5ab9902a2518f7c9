"""Text for the PDFs' core fonts, which are Latin-1 only."""
from __future__ import annotations

_PLAIN = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                        "\u2014": "-", "\u2013": "-", "\u00b7": "-"})


def latin1(text: str) -> str:
    """Typographic quotes and dashes become plain ones, and anything else prints as '?' rather
    than failing (a name in another script)."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")
