"""The permit card as a one-page PDF (fpdf2), with the QR code to the public permit page."""
from __future__ import annotations

import io

from domain.business_names import display_business_name
from web.pdf_pages import facts, headed_page, latin1
from web.settings import Settings


def card_pdf(permit, inspections, url: str, qr, settings: Settings, keys: str) -> bytes:
    pdf = headed_page(f"Permit card {permit.number}", settings.city_name,
                      f"PERMIT {permit.number}", 26, width=140)
    png = io.BytesIO()
    qr.save(png, kind="png", scale=6, border=2)
    png.seek(0)
    pdf.image(png, x=160, y=10, w=42)
    pdf.set_y(max(pdf.get_y(), 56))
    pdf.set_font("Helvetica", "", 13)
    rows = [
        ("Address", permit.site_address), ("Parcel", permit.apn),
        ("Work", f"{permit.subtype}: {permit.description}"),
        ("Contractor", (display_business_name(permit.contractor_name)
                        if permit.contractor_name else "Owner-builder")
                       + (f", license {permit.contractor_license}" if permit.contractor_license
                          else "")),
        ("Issued", permit.issued_on.isoformat() if permit.issued_on else "-"),
        ("Expires", permit.expires_on.isoformat() if permit.expires_on else "-"),
    ]
    facts(pdf, rows, 32, 13, 8)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 9, latin1(f"Request inspections: {settings.inspection_phone}"),
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(0, 6, latin1("Call the inspection line or use My Dashboard, and enter the "
                                 f"permit number and the inspection code. On the phone, key "
                                 f"the permit number as {keys} then #. Keep this card and "
                                 "the approved plans on site."), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for inspection in inspections:
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(20, 9, inspection.code, border=1)
        pdf.set_font("Helvetica", "", 13)
        pdf.cell(100, 9, latin1(f" {inspection.name}"), border=1)
        pdf.cell(60, 9, latin1(" Inspector / date:"), border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, latin1(f"Public permit page: {url}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
