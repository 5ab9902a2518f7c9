"""An application taken through the wizard to submission, and its checkout form opened: the
steps the payment, Stripe, dashboard and page tests start from."""
from __future__ import annotations

from domain.plan_documents import plan_set_needed
from tests.unit.web.contractor.test_applications import post, start
from tests.unit.web.journeys import csrf

CARD = {"card_number": "4242 4242 4242 4242", "card_expiry": "12/35", "card_cvc": "123"}


def submitted_application(client, family="e-plumbing", subtype="Water Heater",
                          quantities=None) -> str:
    draft = start(client, family)
    base = f"/applications/{draft}"
    post(client, f"{base}/address", address="8500 Sunset Blvd")
    post(client, f"{base}/scope", subtype=subtype, description=f"{subtype} job")
    post(client, f"{base}/valuation", valuation="20,000", stories="2",
         **(quantities or {"PLM-WATER-HEATER": "1"}))
    post(client, f"{base}/contacts", owner_name="Olivia Owner", owner_phone="3235550155")
    if plan_set_needed(subtype):
        client.post(f"{base}/documents/attach", data={"csrf_token": csrf(client),
                                                      "kind": "plan_set"},
                    files={"file": ("plans.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")})
    post(client, f"{base}/documents")
    post(client, f"{base}/submit")
    return client.get(f"{base}/submitted").context["permit"].number


def checkout(client, number: str):
    page = client.get("/checkout", params={"permit": number})
    assert page.status_code == 200 and page.template.name == "payments/pay.html"
    return page.context["key"], [line.fee_item_id for line in page.context["lines"]]
