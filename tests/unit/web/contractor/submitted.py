"""An application taken through the wizard to submission, and its checkout form opened: the
steps the payment, Stripe, dashboard and page tests start from."""
from __future__ import annotations

from tests.unit.web.contractor.test_applications import post, start

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
    post(client, f"{base}/submit")
    return client.get(f"{base}/submitted").context["permit"].number


def checkout(client, number: str):
    page = client.get("/checkout", params={"permit": number})
    assert page.status_code == 200 and page.template.name == "payments/pay.html"
    return page.context["key"], [line.fee_item_id for line in page.context["lines"]]
