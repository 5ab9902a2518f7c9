"""The permit card (job card): a print-styled page and a PDF, for issued permits only."""
from __future__ import annotations

import segno
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from db.permits.pages import load_permit
from db.rules.rule_book import catalog_on
from domain.inspection_types import SEQUENCES
from domain.permits import PermitNumber, PermitType
from domain.phone_line import keypad_of
from web.city_clock import today
from web.permit_card_pdf import card_pdf
from web.templating import page

CARD_STATUSES = ("Issued", "Finaled", "Expired")


async def _card(request: Request) -> dict:
    number = PermitNumber.parse(request.path_params["number"])
    permit = await load_permit(request.app.state.database.reader, str(number)) if number else None
    if permit is None or permit.status not in CARD_STATUSES:
        raise HTTPException(404)
    permit_type = PermitType(permit.permit_type)
    catalog = catalog_on(today(request))
    inspections = [t for code in SEQUENCES.get(permit.subtype, ())
                   if (t := catalog.find(permit_type, code)) is not None]
    url = f"{request.app.state.settings.base_url}/permits/{permit.number}"
    return {"permit": permit, "inspections": inspections, "url": url,
            "keys": " ".join(keypad_of(permit.number)[i:j]
                             for i, j in ((0, 3), (3, 7), (7, 12))),
            "qr": segno.make(url, error="m")}


async def card(request: Request):
    context = await _card(request)
    qr_svg = context["qr"].svg_inline(scale=4, title=f"QR code: {context['url']}")
    return page(request, "permits/card.html", **context, qr_svg=Markup(qr_svg))


async def card_pdf_download(request: Request):
    context = await _card(request)
    pdf = card_pdf(context["permit"], context["inspections"], context["url"], context["qr"],
                   request.app.state.settings, context["keys"])
    number = context["permit"].number
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="permit-card-{number}.pdf"'})


routes = [
    Route("/permits/{number}/card", card, name="permit_card"),
    Route("/permits/{number}/card.pdf", card_pdf_download, name="permit_card_pdf"),
]
