"""The permit card: a print page and a PDF with the inspection codes and a QR code."""
from __future__ import annotations

import segno


def test_the_card_lists_the_inspection_codes_and_the_phone_line(client):
    page = client.get("/permits/BLD2026-00042/card")
    assert page.template.name == "permits/card.html"
    assert [t.code for t in page.context["inspections"]] == ["145", "195"]
    assert "(323) 848-6335" in page.text
    assert "Acme Roofing Inc, license 1012345" in page.text


def test_a_print_button_is_sent_hidden_for_the_script_to_show(client):
    page = client.get("/permits/BLD2026-00042/card")
    assert '<button type="button" class="secondary" data-print hidden>Print this card</button>' \
        in page.text
    assert "/static/js/permitline" in page.text  # shows it and prints on a click
    assert "<script>" not in page.text  # no inline script: the strict CSP


def test_the_qr_code_links_to_the_public_permit_page(client):
    page = client.get("/permits/BLD2026-00042/card")
    url = "http://127.0.0.1:8000/permits/BLD2026-00042"
    assert page.context["url"] == url
    expected = segno.make(url, error="m").svg_inline(scale=4, title=f"QR code: {url}")
    assert expected in page.text


def test_the_pdf_card_carries_the_same_facts(client):
    response = client.get("/permits/BLD2026-00042/card.pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    for text in (b"PERMIT BLD2026-00042", b"8500 Sunset Blvd", b"Re-roof Underlayment",
                 b"848-6335"):  # parentheses are escaped inside PDF strings
        assert text in response.content


def test_a_permit_not_yet_issued_has_no_card(client):
    assert client.get("/permits/MEC2026-00003/card").status_code == 404
    assert client.get("/permits/MEC2026-00003/card.pdf").status_code == 404
