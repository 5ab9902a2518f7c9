"""Receipts as a printable page and a PDF: payer, company, method, reference and each fee; the
payer's alone (and staff's), never a stranger's."""
from __future__ import annotations

from domain.accounts import Role
from tests.unit.web.contractor.submitted import CARD, checkout, submitted_application
from tests.unit.web.contractor.test_applications import post
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import verified_contractor


def test_the_receipt_prints_and_downloads_as_a_pdf_for_its_payer_and_staff(portal):
    client, email = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    key, items = checkout(client, number)
    reference = post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                     **CARD).headers["location"].rsplit("/", 1)[1]
    page = client.get(f"/payments/{reference}")
    assert page.status_code == 200
    assert email in page.text and "City counter (demonstration card form)" in page.text
    assert "data-print hidden>Print the receipt</button>" in page.text
    pdf = client.get(f"/payments/{reference}.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    total = f"${page.context['receipt'].amount:,.2f}"
    for text in (f"RECEIPT {reference}", email, number, "Water heater", total, "City counter"):
        assert text.encode() in pdf.content, text
    assert pdf.headers["cache-control"] == "private, no-store"
    stranger, _ = verified_contractor(portal, "1023456")
    assert stranger.get(f"/payments/{reference}.pdf").status_code == 404
    assert stranger.get(f"/payments/{reference}").status_code == 404
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    assert f"RECEIPT {reference}".encode() in staff.get(f"/payments/{reference}.pdf").content
    assert f"/payments/{reference}.pdf" in staff.get(f"/staff/payments/{reference}").text
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Rosa Delgado")
    assert inspector.get(f"/payments/{reference}.pdf").status_code == 403
    assert client.get("/payments/PAY2026-999999.pdf").status_code == 404
