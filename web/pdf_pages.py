"""What the PDFs share: text for their core fonts (Latin-1 only) and the department's heading."""
from __future__ import annotations

from fpdf import FPDF

_PLAIN = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                        "\u2014": "-", "\u2013": "-", "\u00b7": "-"})


def latin1(text: str) -> str:
    """Typographic quotes and dashes become plain ones, and anything else prints as '?' rather
    than failing (a name in another script)."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def headed_page(title: str, city_name: str, heading: str, heading_size: int,
                width: float = 0) -> FPDF:
    """A letter page under the department's name and a large heading (``width``: the
    heading's, 0 for the whole line)."""
    pdf = FPDF(format="letter")
    # Uncompressed: a one-page document stays small, and its text can be searched and tested.
    pdf.set_compression(False)
    pdf.set_title(title)
    pdf.set_creator("Permitline")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(width, 8, latin1(f"{city_name}\nBuilding and Safety"), new_x="LMARGIN",
                   new_y="NEXT")
    pdf.set_font("Helvetica", "B", heading_size)
    pdf.cell(width, 14, latin1(heading), new_x="LMARGIN", new_y="NEXT")
    return pdf


def facts(pdf: FPDF, rows: list[tuple[str, str]], label_width: float, size: int,
          height: float) -> None:
    """Label-value lines: the label bold in its column, the value wrapping beside it."""
    for label, value in rows:
        pdf.set_font("Helvetica", "B", size)
        pdf.cell(label_width, height, latin1(label))
        pdf.set_font("Helvetica", "", size)
        pdf.multi_cell(0, height, latin1(value), new_x="LMARGIN", new_y="NEXT")
