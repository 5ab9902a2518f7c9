"""A payment's receipt: the printable page to the payer, the PDF to the payer and staff."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from db.payments import receipts, reversals
from domain.accounts import Role
from domain.payment_reversals import reversal_lines
from domain.payments import GATEWAY_WORDS
from web.access import require
from web.receipt_pdf import receipt_pdf
from web.templating import page

PAYERS = (Role.CONTRACTOR, Role.OWNER_BUILDER)


async def receipt_page(request: Request):
    account = require(request, *PAYERS)
    found = await receipts.receipt(request.path_params["reference"], account.id)
    if found is None:
        raise HTTPException(404)
    reversal = await reversals.reversal_of(found.reference, request.app.state.zone)
    return page(request, "payments/receipt.html", receipt=found, gateway_words=GATEWAY_WORDS,
                reversal=reversal_lines(reversal) if reversal else ())


async def receipt_pdf_download(request: Request):
    """The payer's, or any payment's for staff; a payment not yet paid has no receipt."""
    account = require(request, *PAYERS, Role.STAFF)
    reference = request.path_params["reference"]
    if account.role == Role.STAFF:
        view = await receipts.staff_view(reference)
        found = view.receipt if view else None
    else:
        found = await receipts.receipt(reference, account.id)
    if found is None or found.paid_at is None:
        raise HTTPException(404)
    paid_on = found.paid_at.astimezone(request.app.state.zone).strftime("%B %-d, %Y %-I:%M %p")
    return Response(receipt_pdf(found, paid_on, request.app.state.settings),
                    media_type="application/pdf", headers={
                        "Content-Disposition": f'inline; filename="receipt-{found.reference}.pdf"',
                        "Cache-Control": "private, no-store"})


routes = [
    # Before the page's route, whose {reference} would take "PAY…-000001.pdf" too.
    Route("/payments/{reference:str}.pdf", receipt_pdf_download, name="receipt_pdf"),
    Route("/payments/{reference:str}", receipt_page, name="receipt"),
]
