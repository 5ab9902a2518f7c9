"""A payment's receipt as a one-page PDF (fpdf2): payer, company, method, reference, each fee."""
from __future__ import annotations

from domain.business_names import display_business_name
from domain.money import format_usd
from domain.payments import GATEWAY_WORDS, STATUS_WORDS
from web.pdf_pages import facts, headed_page, latin1
from web.settings import Settings


def receipt_pdf(receipt, paid_on: str, settings: Settings) -> bytes:
    pdf = headed_page(f"Receipt {receipt.reference}", settings.city_name,
                      f"RECEIPT {receipt.reference}", 22)
    rows = [("Paid by", receipt.payer),
            ("Company", display_business_name(receipt.company) if receipt.company else "-"),
            ("Method", GATEWAY_WORDS.get(receipt.gateway, receipt.gateway)),
            ("Paid", paid_on), ("Status", STATUS_WORDS.get(receipt.status, receipt.status))]
    facts(pdf, rows, 30, 12, 7)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    for text, width, align in (("Permit", 42, "L"), ("Fee", 108, "L"), ("Amount", 36, "R")):
        pdf.cell(width, 8, text, border="B", align=align)
    pdf.ln()
    pdf.set_font("Helvetica", "", 12)
    for line in receipt.lines:
        pdf.cell(42, 8, latin1(line.permit_number))
        pdf.cell(108, 8, latin1(line.description[:60]))
        pdf.cell(36, 8, latin1(format_usd(line.amount)), align="R", new_x="LMARGIN",
                 new_y="NEXT")
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(150, 9, "Total", border="T")
    pdf.cell(36, 9, latin1(format_usd(receipt.amount)), border="T", align="R",
             new_x="LMARGIN", new_y="NEXT")
    if receipt.issued:
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, latin1("Issued on payment: " + ", ".join(receipt.issued)),
                       new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, latin1(f"Questions: {settings.help_phone}. This receipt online: "
                                f"{settings.base_url}/payments/{receipt.reference}"),
                   new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
