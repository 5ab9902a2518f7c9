"""The day's claim letters as one PDF (fpdf2), a page each, addressed for a window envelope."""
from __future__ import annotations

from datetime import date, tzinfo

from fpdf import FPDF

from domain.claim_letters import LetterFacts, letter_paragraphs
from web.pdf_pages import latin1
from web.settings import Settings


def letters_pdf(letters: list[LetterFacts], settings: Settings, zone: tzinfo, day: date,
                portal_url: str) -> bytes:
    pdf = FPDF(format="letter")
    # Uncompressed, like the permit card: small, and its text can be searched and tested.
    pdf.set_compression(False)
    pdf.set_title(f"Claim letters {day.isoformat()}")
    pdf.set_creator("Permitline")
    pdf.set_auto_page_break(True, margin=18)
    for facts in letters:
        # The phone number never breaks over two lines ("(323)" / "848-6475"): its spaces
        # are non-breaking, which Latin-1 has and the line breaker leaves alone.
        subject, paragraphs = letter_paragraphs(facts, settings.city_name, portal_url,
                                                settings.help_phone.replace(" ", "\u00a0"),
                                                zone)
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(120, 6, latin1(f"{settings.city_name}\nBuilding and Safety"),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(120, 5, latin1(settings.city_address.replace(", ", "\n", 1)),
                       new_x="LMARGIN", new_y="NEXT")
        # A #10 window envelope shows the block 22 mm from the left, 50-75 mm from the top.
        pdf.set_xy(22, 50)
        pdf.set_font("Helvetica", "", 12)
        pdf.multi_cell(100, 6, latin1("\n".join(line.upper() for line in facts.address)),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(90)
        pdf.cell(0, 6, latin1(f"{day:%A} {day.day} {day:%B %Y}"), new_x="LMARGIN",
                 new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 7, latin1(subject), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        for paragraph in paragraphs:
            if paragraph.startswith("CODE:"):
                pdf.set_font("Courier", "B", 20)
                pdf.cell(0, 14, latin1(paragraph), border=1, align="C", new_x="LMARGIN",
                         new_y="NEXT")
            else:
                pdf.set_font("Helvetica", "", 11)
                pdf.multi_cell(0, 5.5, latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())
