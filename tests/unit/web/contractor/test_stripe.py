"""Stripe Checkout: the session is created on a real local server standing in for Stripe's API,
and webhooks are real payloads signed with a test secret; paid once whatever the retries."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.testclient import TestClient

from db.engines import fetch_rows
from tests.factories import KNOWN_NOW, KNOWN_TODAY
from tests.unit.web.contractor.fake_stripe import WEBHOOK_SECRET, FakeStripe, completed, signed
from tests.unit.web.contractor.submitted import submitted_application
from tests.unit.web.contractor.test_applications import post
from tests.unit.web.journeys import verified_contractor


def stripe_client(portal, stripe_portal, license_no="1012345"):
    """A signed-in contractor's browser, talking to the Stripe-configured app."""
    signed_in, _ = verified_contractor(portal, license_no)
    client = TestClient(stripe_portal, base_url="https://testserver",
                        headers={"accept": "text/html"})
    client.cookies = signed_in.cookies
    return client


def start_checkout(client, number):
    page = client.get("/checkout", params={"permit": number})
    assert "Pay" in page.text and "by card" in page.text
    key = page.context["key"]
    items = [line.fee_item_id for line in page.context["lines"]]
    return key, items


def fresh_checkout(portal, stripe_portal):
    """(client, permit number, form key, fee items) of a new application at checkout."""
    client = stripe_client(portal, stripe_portal)
    number = submitted_application(client)
    return (client, number, *start_checkout(client, number))


def session_of_a_new_application(portal, stripe_portal) -> tuple[str, str]:
    """(permit number, Checkout Session id) of a submitted application sent to Stripe."""
    client, number, key, items = fresh_checkout(portal, stripe_portal)
    return number, post(client, "/checkout/stripe", idempotency_key=key,
                        fee_item=items).headers["location"].rsplit("/", 1)[1]


def test_checkout_creates_a_stripe_session_and_the_webhook_settles_it_once(portal,
                                                                           stripe_portal):
    client, number, key, items = fresh_checkout(portal, stripe_portal)
    redirect = post(client, "/checkout/stripe", idempotency_key=key, fee_item=items)
    assert redirect.status_code == 303
    assert redirect.headers["location"].startswith("https://checkout.stripe.test/c/pay/cs_test_")
    sent = FakeStripe.requests[-1]
    assert sent["path"] == "/v1/checkout/sessions" and sent["key"].endswith(f":{key}")
    assert sent["auth"] == "Bearer sk_test_permitline"
    assert sent["form"]["mode"] == ["payment"]
    assert sent["form"]["line_items[0][price_data][currency]"] == ["usd"]
    session_id = redirect.headers["location"].rsplit("/", 1)[1]
    [(reference, status)] = fetch_rows(portal.url, "SELECT reference, status FROM payment"
                                       f" WHERE gateway_ref = '{session_id}'")
    assert status == "pending"
    waiting = client.get(f"/payments/{reference}")
    assert "Waiting for your payment to be confirmed" in waiting.text
    assert "If you left Stripe's page without paying, nothing was charged" in waiting.text
    assert "A copy was e-mailed" not in waiting.text and "What was paid" not in waiting.text, \
        "nothing says it is paid before Stripe does"
    webhook = TestClient(stripe_portal, base_url="https://testserver")
    payload, signature = signed(completed(session_id))
    first = webhook.post("/webhooks/stripe", content=payload,
                         headers={"Stripe-Signature": signature})
    retry = webhook.post("/webhooks/stripe", content=payload,
                         headers={"Stripe-Signature": signature})
    assert (first.text, retry.text) == ("settled", "already")
    assert fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'") == [
        ("Issued",)]
    assert fetch_rows(portal.url, "SELECT count(*) FROM ledger_entry l JOIN payment p ON"
                      f" p.id = l.payment WHERE p.gateway_ref = '{session_id}'") == [(1,)]
    assert "Payment received" in client.get(f"/payments/{reference}").text


def test_a_double_click_on_pay_opens_one_payment_and_one_session(portal, stripe_portal):
    client, number, key, items = fresh_checkout(portal, stripe_portal)
    first = post(client, "/checkout/stripe", idempotency_key=key, fee_item=items)
    second = post(client, "/checkout/stripe", idempotency_key=key, fee_item=items)
    assert first.headers["location"] == second.headers["location"]
    assert fetch_rows(portal.url, f"SELECT count(*) FROM payment WHERE idempotency_key LIKE '%:{key}'"
                      ) == [(1,)]


def test_concurrent_deliveries_of_one_event_settle_it_once(portal, stripe_portal):
    _, session_id = session_of_a_new_application(portal, stripe_portal)
    payload, signature = signed(completed(session_id))

    def deliver(_):
        return TestClient(stripe_portal, base_url="https://testserver").post(
            "/webhooks/stripe", content=payload, headers={"Stripe-Signature": signature}).text

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(deliver, range(6)))
    assert sorted(answers) == ["already"] * 5 + ["settled"]
    assert fetch_rows(portal.url, "SELECT count(*) FROM ledger_entry l JOIN payment p ON"
                      f" p.id = l.payment WHERE p.gateway_ref = '{session_id}'") == [(1,)]


@pytest.mark.parametrize("secret, header", [
    ("whsec_someone_else", None),
    (WEBHOOK_SECRET, "t=1,v1=deadbeef"),
])
def test_a_webhook_with_a_bad_signature_changes_nothing(stripe_portal, secret, header):
    payload, signature = signed(completed("cs_test_9999"), secret)
    response = TestClient(stripe_portal, base_url="https://testserver").post(
        "/webhooks/stripe", content=payload, headers={"Stripe-Signature": header or signature})
    assert response.status_code == 400


def test_unpaid_and_unrelated_events_are_acknowledged_and_ignored(stripe_portal):
    webhook = TestClient(stripe_portal, base_url="https://testserver")
    for event in (completed("cs_test_0001", "unpaid"),
                  {"id": "evt_x", "object": "event", "type": "customer.created",
                   "data": {"object": {"id": "cus_1"}}}):
        payload, signature = signed(event)
        response = webhook.post("/webhooks/stripe", content=payload,
                                headers={"Stripe-Signature": signature})
        assert (response.status_code, response.text) == (200, "ignored")


def test_a_signed_event_whose_ids_are_no_ids_is_ignored_not_looked_up(stripe_portal):
    """A NUL in a session id reached PostgreSQL as text, which refuses it with a 500."""
    webhook = TestClient(stripe_portal, base_url="https://testserver")
    odd = completed("cs_test_\x00nul")
    referenced = completed("cs_test_never_opened_here")
    referenced["data"]["object"]["client_reference_id"] = "PAY\x002026"
    # The first is no session of ours; the second's reference is dropped, so its session is
    # looked up by its id alone and found nowhere.
    for event, said in ((odd, "ignored"), (referenced, "unknown")):
        payload, signature = signed(event)
        response = webhook.post("/webhooks/stripe", content=payload,
                                headers={"Stripe-Signature": signature})
        assert (response.status_code, response.text) == (200, said), event


def test_staff_refund_a_stripe_payment_through_stripe_and_the_ledger_balances(portal,
                                                                              stripe_portal):
    from tests.unit.test_support import staff_client

    _, session_id = session_of_a_new_application(portal, stripe_portal)
    payload, signature = signed(completed(session_id))
    TestClient(stripe_portal, base_url="https://testserver").post(
        "/webhooks/stripe", content=payload, headers={"Stripe-Signature": signature})
    [(reference,)] = fetch_rows(portal.url, "SELECT reference FROM payment"
                                f" WHERE gateway_ref = '{session_id}'")
    staff = TestClient(stripe_portal, base_url="https://testserver",
                       headers={"accept": "text/html"})
    staff.cookies = staff_client(portal).cookies
    void = post(staff, f"/staff/payments/{reference}/reverse", kind="void", reason="Oops")
    assert void.status_code == 409 and "refunded, not voided" in void.text
    done = post(staff, f"/staff/payments/{reference}/reverse", kind="refund",
                reason="Permit withdrawn")
    assert done.status_code == 303
    refund = FakeStripe.requests[-1]
    assert refund["path"] == "/v1/refunds" and refund["key"] == f"refund-{reference}"
    assert refund["form"]["payment_intent"] == [f"pi_{session_id}"]
    view = staff.get(f"/staff/payments/{reference}").context["view"]
    assert view.receipt.status == "refunded" and view.balance == 0
    assert "Stripe refund re_" in view.ledger[-1][4]


def test_the_demo_card_form_does_not_exist_where_stripe_takes_the_money(portal, stripe_portal):
    client = stripe_client(portal, stripe_portal)
    number = submitted_application(client)
    key, items = start_checkout(client, number)
    response = post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                    card_number="4242 4242 4242 4242", card_expiry="12/35", card_cvc="123")
    assert response.status_code == 404
    assert fetch_rows(portal.url, "SELECT count(*) FROM fee_item f JOIN permit p ON"
                      f" p.id = f.permit WHERE p.number = '{number}' AND f.paid") == [(0,)]


def test_a_second_checkout_of_fees_being_paid_resumes_it_and_opens_no_other(portal,
                                                                           stripe_portal):
    client, number, key, items = fresh_checkout(portal, stripe_portal)
    first = post(client, "/checkout/stripe", idempotency_key=key, fee_item=items)
    other_key, _ = start_checkout(client, number)  # another tab, a new form
    second = post(client, "/checkout/stripe", idempotency_key=other_key, fee_item=items)
    assert first.headers["location"] == second.headers["location"]
    colleague = stripe_client(portal, stripe_portal)  # same license, another account
    third_key, _ = start_checkout(colleague, number)
    blocked = post(colleague, "/checkout/stripe", idempotency_key=third_key, fee_item=items)
    assert blocked.status_code == 409
    assert fetch_rows(portal.url, "SELECT count(*) FROM payment_line l JOIN fee_item f ON"
                      f" f.id = l.fee_item JOIN permit p ON p.id = f.permit"
                      f" WHERE p.number = '{number}'") == [(len(items),)]


def test_an_expired_session_frees_its_fees_for_a_new_checkout(portal, stripe_portal):
    client = stripe_client(portal, stripe_portal)
    number = submitted_application(client)
    key, items = start_checkout(client, number)
    session_id = post(client, "/checkout/stripe", idempotency_key=key,
                      fee_item=items).headers["location"].rsplit("/", 1)[1]
    payload, signature = signed({"id": "evt_exp", "object": "event",
                                 "type": "checkout.session.expired",
                                 "data": {"object": {"id": session_id,
                                                     "object": "checkout.session"}}})
    answer = TestClient(stripe_portal, base_url="https://testserver").post(
        "/webhooks/stripe", content=payload, headers={"Stripe-Signature": signature})
    assert answer.text == "expired"
    [(reference,)] = fetch_rows(portal.url, "SELECT reference FROM payment WHERE gateway_ref = "
                                f"'{session_id}'")
    expired = client.get(f"/payments/{reference}")
    assert "<h1>This checkout expired</h1>" in expired.text
    assert "expired before it was paid: nothing was charged" in expired.text
    assert " paid —" not in expired.text and "A copy was e-mailed" not in expired.text
    new_key, _ = start_checkout(client, number)
    again = post(client, "/checkout/stripe", idempotency_key=new_key, fee_item=items)
    assert again.headers["location"].rsplit("/", 1)[1] != session_id


def test_a_session_whose_id_was_never_saved_is_found_by_its_reference(portal, stripe_portal):
    import asyncio

    from db.payments import checkout
    from db.tables import Account

    client = stripe_client(portal, stripe_portal)
    number = submitted_application(client)
    _, items = start_checkout(client, number)
    account_id = fetch_rows(portal.url, "SELECT account FROM application a JOIN permit p ON"
                            f" p.id = a.permit WHERE p.number = '{number}'")[0][0]

    async def open_without_session():
        account = await Account.objects().where(Account.id == account_id).first()
        return (await checkout.open_payment(portal.app.state.database, account, items, "k" * 20,
                                            "stripe", KNOWN_NOW, KNOWN_TODAY)).value

    reference = asyncio.run(open_without_session())
    payload, signature = signed({"id": "evt_lost", "object": "event",
                                 "type": "checkout.session.completed",
                                 "data": {"object": {"id": "cs_test_lost", "payment_status": "paid",
                                                     "client_reference_id": reference,
                                                     "object": "checkout.session"}}})
    answer = TestClient(stripe_portal, base_url="https://testserver").post(
        "/webhooks/stripe", content=payload, headers={"Stripe-Signature": signature})
    assert answer.text == "settled"


def test_money_taken_for_fees_paid_another_way_is_refunded_with_a_balanced_ledger(
        portal, stripe_portal):
    import sqlite3

    from db.engines import sqlite_path
    from tests.unit.test_support import staff_client

    number, session_id = session_of_a_new_application(portal, stripe_portal)
    with sqlite3.connect(sqlite_path(portal.url)) as connection:  # paid at the counter meanwhile
        connection.execute("UPDATE fee_item SET paid = 1 WHERE permit = (SELECT id FROM permit"
                           " WHERE number = ?)", (number,))
    payload, signature = signed(completed(session_id))
    assert TestClient(stripe_portal, base_url="https://testserver").post(
        "/webhooks/stripe", content=payload, headers={"Stripe-Signature": signature}
    ).text == "conflict"
    [(reference,)] = fetch_rows(portal.url, "SELECT reference FROM payment"
                                f" WHERE gateway_ref = '{session_id}'")
    staff = TestClient(stripe_portal, base_url="https://testserver",
                       headers={"accept": "text/html"})
    staff.cookies = staff_client(portal).cookies
    cashier = staff.get("/staff/cashier")
    assert reference in [r.reference for r in cashier.context["refunds"]], "listed to refund"
    assert f"/staff/payments/{reference}\"" in cashier.text
    refunded = post(staff, f"/staff/payments/{reference}/reverse", kind="refund",
                    reason="Paid twice")
    close = staff.get("/staff/cashier").context
    assert reference not in [r.reference for r in close["refunds"]]
    mine = [e for e in close["close"].entries if e.reference == reference]
    assert [(e.kind, e.lines) for e in mine] == [("charge", ()), ("refund", ())], \
        "money in and out of the drawer, in no fee account"
    assert close["close"].reconciles
    assert refunded.status_code == 303
    assert "its fees stay paid by the payment that paid them first" in staff.get(
        refunded.headers["location"]).context["notice"], "not 'unpaid again': they are paid"
    view = staff.get(f"/staff/payments/{reference}").context["view"]
    assert [entry[0] for entry in view.ledger] == ["charge", "refund"]
    assert view.balance == 0 and view.receipt.status == "refunded"
    assert fetch_rows(portal.url, "SELECT count(*) FROM fee_item f JOIN permit p ON"
                      f" p.id = f.permit WHERE p.number = '{number}' AND NOT f.paid") == [(0,)]


def test_a_payment_form_sent_again_through_the_other_gateway_is_refused(portal, stripe_portal):
    counter, _ = verified_contractor(portal, "1012345")
    card = TestClient(stripe_portal, base_url="https://testserver",
                      headers={"accept": "text/html"})
    card.cookies = counter.cookies
    on_stripe, at_counter = submitted_application(counter), submitted_application(counter)
    key, items = start_checkout(card, on_stripe)
    assert post(card, "/checkout/stripe", idempotency_key=key, fee_item=items
                ).headers["location"].startswith("https://checkout.stripe.test/")
    refused = post(counter, "/checkout/pay", idempotency_key=key, fee_item=items,
                   card_number="4242 4242 4242 4242", card_expiry="12/35", card_cvc="123")
    assert refused.status_code == 422
    assert "This payment form was already used to pay another way" in refused.text
    counter_page = counter.get("/checkout", params={"permit": at_counter})
    counter_key = counter_page.context["key"]
    counter_items = [line.fee_item_id for line in counter_page.context["lines"]]
    receipt = post(counter, "/checkout/pay", idempotency_key=counter_key,
                   fee_item=counter_items, card_number="4242 4242 4242 4242",
                   card_expiry="12/35", card_cvc="123").headers["location"]
    sessions = len(FakeStripe.requests)
    again = post(card, "/checkout/stripe", idempotency_key=counter_key, fee_item=counter_items)
    assert again.status_code == 422 and again.headers.get("location") != receipt
    assert "already used to pay another way" in again.text
    assert len(FakeStripe.requests) == sessions, "no session opened for it"
